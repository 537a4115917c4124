'use client';
/** The Port forwards page: each local port-forward of yours, its connections, and Stop. */
import { useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { apiFetch, errorMessage, toApiError } from '@/lib/api-client';
import { execUrls } from '@/lib/k8s/client';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { portForwardsKey, usePortForwards } from './port-actions';

export function PortForwardsList() {
  const q = usePortForwards();
  const qc = useQueryClient();
  if (q.isPending) return <p className="text-sm text-fg-muted">Loading…</p>;
  if (q.error) return <p role="alert" className="text-sm text-error">{errorMessage(q.error)}</p>;
  if (!q.data.enabled) return <EmptyState title="Port-forward is off" hint="Local port-forwards are offered only when the console listens on loopback (your own machine), and WHEELHOUSE_PORT_FORWARD is not 'never'." />;
  if (q.data.items.length === 0) return <EmptyState title="No port forwards" hint='Start one with "Forward" next to a container port on a pod page.' />;
  const stop = async (id: string) => {
    try {
      const res = await apiFetch(execUrls.portForwardOne(id), { method: 'DELETE' });
      if (!res.ok) throw await toApiError(res);
      await qc.invalidateQueries({ queryKey: portForwardsKey });
    } catch (e) {
      toast.error(`Could not stop the port-forward: ${errorMessage(e)}`);
    }
  };
  return (
    <table className="w-full text-sm" aria-label="Port forwards">
      <thead>
        <tr className="text-left text-fg-muted">
          {['Local address', 'Cluster', 'Pod', 'Port', 'Connections', 'Started', ''].map((h) => (
            <th key={h} scope="col" className="border-b border-line px-3 py-1.5 font-medium">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {q.data.items.map((f) => (
          <tr key={f.id}>
            <td className="border-b border-line/60 px-3 py-1.5 font-mono">
              <a className="text-accent hover:underline" href={`http://127.0.0.1:${f.localPort}/`} target="_blank" rel="noopener noreferrer">
                127.0.0.1:{f.localPort}
              </a>
            </td>
            <td className="border-b border-line/60 px-3 py-1.5">{f.cluster}</td>
            <td className="border-b border-line/60 px-3 py-1.5">
              {f.namespace}/{f.pod}
            </td>
            <td className="border-b border-line/60 px-3 py-1.5 tabular-nums">{f.port}</td>
            <td className="border-b border-line/60 px-3 py-1.5 tabular-nums">{f.connections}</td>
            <td className="border-b border-line/60 px-3 py-1.5">{new Date(f.started).toLocaleTimeString()}</td>
            <td className="border-b border-line/60 px-3 py-1.5">
              <Button size="sm" onClick={() => void stop(f.id)}>
                Stop
              </Button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
