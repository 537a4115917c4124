'use client';
/**
 * What a new terminal runs: pod (workloads), container, and Shell / Command / Attach; "Connect" opens it and
 * "Debug" adds a debug container. Every action is enabled only when the person's RBAC allows it (create and get
 * on pods/exec or pods/attach; patch on pods/ephemeralcontainers), otherwise disabled with the reason shown.
 */
import { useId, useState } from 'react';
import { useAccess } from '@/lib/access';
import type { AccessCheck } from '@/lib/auth-types';
import type { K8sObject } from '@/lib/k8s/types';
import { Button } from '@/components/ui/button';
import { useDenied } from '@/components/auth/denied';
import type { TerminalTargetInput } from '@/lib/exec/protocol';
import { defaultContainer, type TerminalContainer } from './containers';
import { DebugForm } from './debug-form';

type Mode = 'shell' | 'command' | 'attach';

export interface TerminalToolbarProps {
  cluster: string;
  pods: K8sObject[];
  pod: K8sObject;
  onPod: (name: string) => void;
  containers: TerminalContainer[];
  onOpen: (t: Omit<TerminalTargetInput, 'cluster' | 'namespace' | 'pod'>, what: string) => void;
}

const sub = (verb: AccessCheck['verb'], subresource: string, namespace: string, name: string): AccessCheck => ({ verb, group: '', resource: 'pods', subresource, namespace, name });

/** Splits a typed command like a shell would for argv (quotes group words; no expansion). */
export function splitCommand(text: string): string[] {
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : (m[2] ?? m[3]!));
  return out;
}

export function TerminalToolbar({ cluster, pods, pod, onPod, containers, onOpen }: TerminalToolbarProps) {
  const id = useId();
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name;
  const [container, setContainer] = useState(() => defaultContainer(pod, containers));
  const chosen = containers.find((c) => c.name === container) ?? containers[0];
  const [mode, setMode] = useState<Mode>('shell');
  const [command, setCommand] = useState('');
  const [debugOpen, setDebugOpen] = useState(false);
  const [execCreate, execGet, attachCreate, attachGet, ephemeral] = useAccess(cluster, [
    sub('create', 'exec', ns, name),
    sub('get', 'exec', ns, name),
    sub('create', 'attach', ns, name),
    sub('get', 'attach', ns, name),
    sub('patch', 'ephemeralcontainers', ns, name),
  ]);
  const execDenied = [execCreate, execGet].find((d) => d && !d.allowed);
  const attachDenied = [attachCreate, attachGet].find((d) => d && !d.allowed);
  const noStdin = chosen && !chosen.stdin ? { allowed: false, pending: false, reason: `container ${chosen.name} has no stdin (spec.stdin is false), so its main process cannot be attached` } : undefined;
  const modeDenied = mode === 'attach' ? (attachDenied ?? noStdin) : execDenied;
  const debugDenied = ephemeral && !ephemeral.allowed ? ephemeral : attachDenied;
  const denied = useDenied([modeDenied, debugDenied]);
  const argv = splitCommand(command);

  const connect = () => {
    if (!chosen) return;
    if (mode === 'attach') onOpen({ container: chosen.name, mode: 'attach' }, 'attach');
    else if (mode === 'command') onOpen({ container: chosen.name, mode: 'exec', command: argv }, argv.join(' '));
    else onOpen({ container: chosen.name, mode: 'exec' }, 'shell');
  };

  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-end gap-3 text-sm">
        {pods.length > 1 && (
          <label className="flex flex-col gap-1">
            <span className="text-fg-muted">Pod</span>
            <select className="h-8 rounded-md border border-line bg-surface px-2" value={name} onChange={(e) => onPod(e.target.value)}>
              {pods.map((p) => (
                <option key={p.metadata.name} value={p.metadata.name}>
                  {p.metadata.name}
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="flex flex-col gap-1">
          <span className="text-fg-muted">Container</span>
          <select className="h-8 rounded-md border border-line bg-surface px-2" value={chosen?.name ?? ''} onChange={(e) => setContainer(e.target.value)}>
            {containers.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
                {c.kind !== 'app' ? ` (${c.kind})` : ''}
                {c.running ? '' : ' — not running'}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="flex flex-col gap-1">
          <legend className="mb-1 text-fg-muted">Run</legend>
          <div className="flex h-8 items-center gap-3">
            {(['shell', 'command', 'attach'] as const).map((m) => (
              <label key={m} className="flex items-center gap-1">
                <input type="radio" name={`${id}-mode`} checked={mode === m} onChange={() => setMode(m)} />
                {m === 'shell' ? 'Shell' : m === 'command' ? 'Command' : 'Attach'}
              </label>
            ))}
          </div>
        </fieldset>
        {mode === 'command' && (
          <label className="flex flex-col gap-1">
            <span className="text-fg-muted">Command</span>
            <input
              className="h-8 w-64 rounded-md border border-line bg-surface px-2 font-mono"
              value={command}
              placeholder="e.g. ls -la /"
              onChange={(e) => setCommand(e.target.value)}
              onKeyDown={(e) => e.key === 'Enter' && argv.length > 0 && !modeDenied && connect()}
            />
          </label>
        )}
        <Button variant="primary" onClick={connect} disabled={Boolean(modeDenied) || !chosen || (mode === 'command' && argv.length === 0)} {...denied.props(modeDenied)}>
          Connect
        </Button>
        <Button onClick={() => setDebugOpen((v) => !v)} disabled={Boolean(debugDenied)} aria-expanded={debugOpen} {...denied.props(debugDenied)}>
          Debug
        </Button>
      </div>
      {denied.notes}
      {debugOpen && (
        <DebugForm
          cluster={cluster}
          namespace={ns}
          pod={name}
          containers={containers.filter((c) => c.kind === 'app').map((c) => c.name)}
          onStarted={(c) => {
            setDebugOpen(false);
            onOpen({ container: c, mode: 'attach' }, 'debug');
          }}
        />
      )}
    </div>
  );
}
