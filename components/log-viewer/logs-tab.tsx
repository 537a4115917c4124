'use client';
/**
 * The detail page's Logs tab for pods and workloads (Deployment, StatefulSet, DaemonSet, ReplicaSet, Job).
 * A workload's view follows its pods by selector on the server; the container choices come from the pod
 * spec (init, app and ephemeral containers) or, for a workload, from its pod template.
 */
import { EmptyState } from '@/components/ui/empty-state';
import { logsTarget } from '@/lib/protocol';
import type { TabProps } from '@/components/resource-detail/tabs';
import { LogViewer } from './log-viewer';
import type { ContainerChoice } from './log-toolbar';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function containersOf(spec: Any | undefined): ContainerChoice[] {
  const names = (l: unknown, kind: ContainerChoice['kind']) => ((l ?? []) as Any[]).map((c) => ({ name: String(c.name), kind }));
  return [...names(spec?.initContainers, 'init'), ...names(spec?.containers, 'app'), ...names(spec?.ephemeralContainers, 'ephemeral')];
}

function capacityFromStorage(): number | undefined {
  // size of the ring buffer, configurable per browser (localStorage "wheelhouse.logs.capacity")
  if (typeof window === 'undefined') return undefined;
  const n = Number(window.localStorage.getItem('wheelhouse.logs.capacity'));
  return Number.isInteger(n) && n >= 1_000 && n <= 5_000_000 ? n : undefined;
}

export default function LogsTab({ cluster, kind, obj }: TabProps) {
  const o = obj as Any;
  const target = logsTarget.safeParse({
    cluster,
    namespace: o.metadata?.namespace,
    group: kind.group,
    version: kind.version,
    resource: kind.plural,
    name: o.metadata?.name,
  });
  if (!target.success) return <EmptyState title="No logs" hint={`${kind.kind} objects have no container logs of their own.`} />;
  const isPod = kind.plural === 'pods';
  const containers = containersOf(isPod ? o.spec : o.spec?.template?.spec);
  const apps = containers.filter((c) => c.kind === 'app');
  const defaultContainer = isPod ? (o.metadata?.annotations?.['kubectl.kubernetes.io/default-container'] ?? (apps.length === 1 && containers.length === 1 ? apps[0]!.name : '')) : '';
  return (
    <LogViewer
      key={`${cluster}/${kind.plural}/${o.metadata?.namespace}/${o.metadata?.name}`}
      target={target.data}
      containers={containers}
      initialContainer={defaultContainer}
      downloadable={isPod}
      capacity={capacityFromStorage()}
    />
  );
}
