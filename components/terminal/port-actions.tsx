'use client';
/**
 * "Open" on a port: the port's HTTP through the API server's proxy subresource, as the person, in a new tab
 * served from an opaque origin (the BFF's sandbox CSP: the page cannot reach the console's API). On pods, when
 * the console listens on loopback, "Forward" starts a local port-forward (listed on the Port forwards page).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { useCan } from '@/lib/access';
import { fetchJson, errorMessage } from '@/lib/api-client';
import { execUrls } from '@/lib/k8s/client';
import { portForwardInfo, portForwardList } from '@/lib/exec/port-forward';
import { Button } from '@/components/ui/button';

export const portForwardsKey = ['exec', 'portforwards'] as const;

export function usePortForwards() {
  return useQuery({ queryKey: portForwardsKey, queryFn: () => fetchJson(execUrls.portForwards(), { schema: portForwardList }), staleTime: 5_000 });
}

export function PortActions({ cluster, kind, namespace, name, port, label }: { cluster: string; kind: 'pods' | 'services'; namespace: string; name: string; port: number | string; label: string }) {
  const canProxy = useCan(cluster, { verb: 'get', group: '', resource: kind, subresource: 'proxy', namespace, name });
  const canForward = useCan(cluster, { verb: 'create', group: '', resource: 'pods', subresource: 'portforward', namespace, name });
  const forwards = usePortForwards();
  const qc = useQueryClient();
  const forward = async () => {
    try {
      const f = await fetchJson(execUrls.portForward(cluster, namespace, name), { method: 'POST', body: JSON.stringify({ port: Number(port) }), schema: portForwardInfo });
      toast.success(`Forwarding 127.0.0.1:${f.localPort} → ${name}:${f.port} (see Port forwards)`);
      await qc.invalidateQueries({ queryKey: portForwardsKey });
    } catch (e) {
      toast.error(`Could not forward port ${port}: ${errorMessage(e)}`);
    }
  };
  const proxyReason = canProxy.allowed ? undefined : canProxy.reason;
  const forwardReason = canForward.allowed ? undefined : canForward.reason;
  return (
    <span className="ml-2 inline-flex gap-1 align-middle">
      <Button
        size="sm"
        variant="ghost"
        hint={proxyReason ?? `Open ${label} through the API server's proxy (new tab, sandboxed)`}
        disabled={!canProxy.allowed}
        onClick={() => window.open(execUrls.proxy(cluster, kind, namespace, name, port), '_blank', 'noopener,noreferrer')}
      >
        Open
      </Button>
      {kind === 'pods' && forwards.data?.enabled && typeof port === 'number' && (
        <Button size="sm" variant="ghost" hint={forwardReason ?? `Forward a local port to ${label}`} disabled={!canForward.allowed} onClick={() => void forward()}>
          Forward
        </Button>
      )}
    </span>
  );
}
