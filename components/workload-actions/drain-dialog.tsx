'use client';
/**
 * Drain a node: confirm, then follow the BFF's NDJSON progress stream (one line per pod) and show each pod's
 * result as it arrives. PDB-blocked pods are retried server-side until the drain timeout, so "failed" here
 * means the budget still did not allow the eviction at the end.
 */
import { useState } from 'react';
import { toast } from 'sonner';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ApiRequestError, apiFetch, errorMessage, toApiError } from '@/lib/api-client';
import { nodeUrl } from '@/lib/k8s/client';
import { NdjsonSplitter } from './ndjson';

interface PodLine {
  namespace: string;
  name: string;
  result: 'pending' | 'evicted' | 'failed' | 'skipped';
  message?: string;
}

export function DrainDialog({ open, cluster, node, onClose, onDone }: { open: boolean; cluster: string; node: string; onClose: () => void; onDone: () => void }) {
  const [phase, setPhase] = useState<'confirm' | 'running' | 'done'>('confirm');
  const [pods, setPods] = useState<PodLine[]>([]);

  async function start() {
    setPhase('running');
    setPods([]);
    let failed = 0;
    try {
      // apiFetch, not fetchJson: the answer is a stream; apiFetch adds the CSRF header and the 401 redirect
      const res = await apiFetch(nodeUrl(cluster, node, 'drain'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      if (!res.ok) throw await toApiError(res);
      if (!res.body) throw new ApiRequestError({ status: res.status, reason: 'Unknown', message: `drain failed (${res.status}): no progress stream` });
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      const split = new NdjsonSplitter();
      for (;;) {
        const { value, done } = await reader.read();
        for (const l of done ? split.end() : split.push(value ?? '')) {
          const line = l as { type: string; pods?: PodLine[]; skipped?: (PodLine & { reason: string })[] } & Partial<PodLine>;
          if (line.type === 'start') {
            setPods([
              ...(line.pods ?? []).map((p) => ({ namespace: p.namespace, name: p.name, result: 'pending' as const })),
              ...(line.skipped ?? []).map((p) => ({ namespace: p.namespace, name: p.name, result: 'skipped' as const, message: p.reason })),
            ]);
          } else if (line.type === 'pod') {
            if (line.result === 'failed') failed++;
            setPods((cur) => cur.map((p) => (p.namespace === line.namespace && p.name === line.name ? { ...p, result: line.result!, message: line.message } : p)));
          }
        }
        if (done) break;
      }
      if (failed) toast.error(`Drain of ${node} incomplete`, { description: `${failed} pod(s) could not be evicted` });
      else toast.success(`Drained ${node}`);
    } catch (e) {
      toast.error(`Could not drain ${node}`, { description: errorMessage(e) });
    }
    setPhase('done');
    onDone();
  }

  const close = () => {
    setPhase('confirm');
    setPods([]);
    onClose();
  };

  return (
    <ConfirmDialog
      open={open}
      title={`Drain node ${node}?`}
      confirmLabel={phase === 'done' ? 'Close' : 'Drain'}
      busy={phase === 'running'}
      onCancel={close}
      onConfirm={() => (phase === 'done' ? close() : void start())}
    >
      <p>The node is cordoned, then every pod except DaemonSet and mirror pods is evicted, honouring PodDisruptionBudgets.</p>
      {pods.length > 0 && (
        <ul aria-label="Drain progress" className="mt-3 max-h-64 space-y-1 overflow-auto font-mono text-xs">
          {pods.map((p) => (
            <li key={`${p.namespace}/${p.name}`}>
              <span className={p.result === 'failed' ? 'text-error' : p.result === 'evicted' ? 'text-ok' : ''}>{p.result}</span> {p.namespace}/{p.name}
              {p.message && <span className="text-fg-muted"> — {p.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </ConfirmDialog>
  );
}
