'use client';
/**
 * "Node shell" on a node: the BFF starts the pod `kubectl debug node/<node>` would run (host root at /host) and
 * this opens its Terminal tab attached to it. The BFF deletes the pod when that terminal ends.
 */
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import { toast } from 'sonner';
import { useAccess } from '@/lib/access';
import { fetchJson, errorMessage } from '@/lib/api-client';
import { execUrls } from '@/lib/k8s/client';
import { objectHref } from '@/lib/k8s/links';
import { nodeShellResponse } from '@/lib/exec/debug';
import { Button } from '@/components/ui/button';
import { useDenied } from '@/components/auth/denied';

const NAMESPACE = 'default';
const POD = { group: '', version: 'v1', resource: 'pods' };

export function NodeShellButton({ cluster, node }: { cluster: string; node: string }) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const decisions = useAccess(cluster, [
    { verb: 'create', group: '', resource: 'pods', namespace: NAMESPACE },
    { verb: 'delete', group: '', resource: 'pods', namespace: NAMESPACE },
    { verb: 'create', group: '', resource: 'pods', subresource: 'attach', namespace: NAMESPACE },
  ]);
  const denied = decisions.find((d) => !d.allowed);
  const notes = useDenied([denied]);
  const start = async () => {
    setBusy(true);
    try {
      const r = await fetchJson(execUrls.nodeShell(cluster, node), { method: 'POST', body: JSON.stringify({ namespace: NAMESPACE }), schema: nodeShellResponse });
      router.push(`${objectHref(cluster, POD, r.namespace, r.pod)}?tab=terminal&attach=${encodeURIComponent(r.container)}`);
    } catch (e) {
      toast.error(`Could not start a node shell on ${node}: ${errorMessage(e)}`);
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="sm" disabled={Boolean(denied) || busy} {...notes.props(denied)} onClick={() => void start()}>
        {busy ? 'Starting node shell…' : 'Node shell'}
      </Button>
      {notes.notes}
    </>
  );
}
