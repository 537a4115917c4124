'use client';
/**
 * The Terminal tab of pods and workloads. A workload picks one of its pods (followed live by its selector). The
 * toolbar picks a container (init, app and ephemeral) and what to run: the shell (one exec that runs bash when
 * present, else sh), a typed command, or an attach to the container's main process (offered when it has stdin).
 * Each "Connect" opens one more terminal, shown in tabs and kept running while another is shown. "Debug" adds an
 * ephemeral container and attaches to it. `?attach=<container>` in the URL opens an attach at once (node shells).
 */
import { Tooltip } from '@/components/ui/tooltip';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { X } from 'lucide-react';
import { useWatch } from '@/lib/realtime/use-watch';
import { selectorString } from '@/lib/k8s/kinds/workloads';
import type { K8sObject } from '@/lib/k8s/types';
import type { TabProps } from '@/components/resource-detail/tabs';
import { EmptyState } from '@/components/ui/empty-state';
import { cn } from '@/components/ui/cn';
import type { TerminalTargetInput } from '@/lib/exec/protocol';
import { TerminalView } from './terminal-view';
import { TerminalToolbar } from './terminal-toolbar';
import { podContainers } from './containers';

interface Session {
  id: number;
  label: string;
  target: TerminalTargetInput;
}

export default function TerminalTab({ cluster, kind, obj }: TabProps) {
  const isPod = kind.plural === 'pods';
  return isPod ? <PodTerminals cluster={cluster} pods={[obj]} /> : <WorkloadTerminals cluster={cluster} obj={obj} />;
}

function WorkloadTerminals({ cluster, obj }: { cluster: string; obj: K8sObject }) {
  const selector = selectorString(obj.spec?.selector);
  // an empty selector would watch every pod of the namespace
  if (!selector) return <EmptyState title="No pods" hint="This workload has no pod selector." />;
  return <SelectedPodTerminals cluster={cluster} namespace={obj.metadata.namespace} selector={selector} />;
}

function SelectedPodTerminals({ cluster, namespace, selector }: { cluster: string; namespace?: string; selector: string }) {
  const watch = useWatch({ cluster, group: '', version: 'v1', resource: 'pods', namespace, labelSelector: selector });
  const pods = (watch.items as unknown as K8sObject[]).slice().sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  if (pods.length === 0) return <EmptyState title={watch.state === 'loading' ? 'Loading pods…' : 'No pods'} hint={watch.state === 'loading' ? undefined : `No pods match ${selector}.`} />;
  return <PodTerminals cluster={cluster} pods={pods} />;
}

function PodTerminals({ cluster, pods }: { cluster: string; pods: K8sObject[] }) {
  const params = useSearchParams();
  const [podName, setPodName] = useState(pods[0]!.metadata.name);
  const pod = pods.find((p) => p.metadata.name === podName) ?? pods[0]!;
  const containers = useMemo(() => podContainers(pod), [pod]);
  const [sessions, setSessions] = useState<Session[]>([]);
  const [active, setActive] = useState<number | undefined>();
  const nextId = useRef(1);

  const open = (target: Omit<TerminalTargetInput, 'cluster' | 'namespace' | 'pod'>, what: string) => {
    const id = nextId.current++;
    const s: Session = { id, label: `${id}: ${target.container} (${what})`, target: { cluster, namespace: pod.metadata.namespace!, pod: pod.metadata.name, ...target } };
    setSessions((l) => [...l, s]);
    setActive(id);
  };
  const close = (id: number) => {
    setSessions((l) => {
      const rest = l.filter((s) => s.id !== id);
      if (active === id) setActive(rest.at(-1)?.id);
      return rest;
    });
  };

  // node shells and links: ?attach=<container> opens an attach once
  const auto = params.get('attach');
  const autoDone = useRef(false);
  useEffect(() => {
    if (!auto || autoDone.current || !containers.some((c) => c.name === auto)) return;
    autoDone.current = true;
    open({ container: auto, mode: 'attach' }, 'attach');
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [auto, containers]);

  return (
    <div className="space-y-3">
      <TerminalToolbar cluster={cluster} pods={pods} pod={pod} onPod={setPodName} containers={containers} onOpen={open} />
      {sessions.length > 0 && (
        <div>
          <div role="tablist" aria-label="Terminals" className="flex flex-wrap gap-1 border-b border-line">
            {sessions.map((s) => (
              <span key={s.id} className={cn('-mb-px flex items-center border-b-2', s.id === active ? 'border-accent' : 'border-transparent')}>
                <button role="tab" type="button" aria-selected={s.id === active} onClick={() => setActive(s.id)} className={cn('px-2 py-1 text-sm', s.id === active ? 'text-fg' : 'text-fg-muted hover:text-fg')}>
                  {s.label}
                </button>
                <Tooltip content="Close (ends the process)">
                  <button type="button" aria-label={`Close terminal ${s.id}`} onClick={() => close(s.id)} className="inline-flex h-6 w-6 items-center justify-center rounded text-fg-muted hover:bg-surface-2 hover:text-fg">
                    <X aria-hidden className="h-3.5 w-3.5" />
                  </button>
                </Tooltip>
              </span>
            ))}
          </div>
          {sessions.map((s) => (
            <div key={s.id} hidden={s.id !== active} className="h-[60vh] min-h-64 resize-y overflow-hidden pt-2">
              <TerminalView target={s.target} active={s.id === active} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
