'use client';
/**
 * History tab for Deployments (revisions from ReplicaSets), StatefulSets and DaemonSets (ControllerRevisions):
 * live rollout progress, the revision table, a side-by-side diff of any two revisions' pod templates, and
 * "Roll back" with a confirmation. The rollback patch is computed by the BFF (kubectl rollout undo's
 * semantics with a resourceVersion precondition), so a concurrent change is reported, never overwritten.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { FALLBACK_POLL_MS, k8sQueries, objectRef, runWorkloadOperation, useLiveObject } from '@/lib/k8s/client';
import type { Revision } from '@/lib/k8s/rollout';
import type { TabProps } from '@/components/resource-detail/tabs';
import { Age } from '@/components/ui/age';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { runOp } from '@/components/workload-actions/ops-api';
import { RolloutProgress } from './rollout-progress';
import { TemplateDiff } from './template-diff';
import { useDenied } from '@/components/auth/denied';
import { useCan } from '@/lib/access';

export default function HistoryTab({ cluster, kind, obj }: TabProps) {
  const target = objectRef(cluster, kind, obj);
  const { object, refresh } = useLiveObject(target);
  const live = object ?? obj;
  // the live object's version in the key: any rollout step (spec, status) reads the history again at once
  const q = useQuery({
    ...k8sQueries.history(target, live.metadata.resourceVersion),
    placeholderData: (prev) => prev,
    // the key follows the live object, so this is only a fallback (a ReplicaSet changed by hand)
    refetchInterval: FALLBACK_POLL_MS,
  });
  const [picked, setPicked] = useState<number[]>([]);
  const [rollbackTo, setRollbackTo] = useState<Revision | null>(null);
  const [busy, setBusy] = useState(false);
  // the BFF's rollback is a patch of the workload's template (with a resourceVersion precondition)
  const canRollback = useCan(cluster, { verb: 'patch', group: target.group, resource: target.resource, namespace: target.namespace, name: target.name });
  const denied = useDenied([canRollback]);

  const revisions = q.data?.revisions ?? [];
  const toggle = (rev: number) =>
    setPicked((cur) => (cur.includes(rev) ? cur.filter((r) => r !== rev) : [...cur, rev].slice(-2)));
  const pair = picked
    .map((r) => revisions.find((x) => x.revision === r))
    .filter((x): x is Revision => Boolean(x))
    .sort((a, b) => a.revision - b.revision);

  async function rollback(rev: Revision) {
    setBusy(true);
    try {
      // the BFF plans the patch from the object it reads and makes it conditional on that version
      await runOp(() => runWorkloadOperation<{ message: string }>(target, 'rollback', { revision: rev.revision }), {
        success: (r) => r.message,
        failure: `Could not roll back ${target.name}`,
      });
      setRollbackTo(null);
      await refresh();
    } catch {
      // the toast carries the server's message; keep the dialog so the user can retry or cancel
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="space-y-4">
      <RolloutProgress obj={live} />
      {denied.notes}
      {q.isError && !q.data ? (
        <ErrorState error={q.error} title="Could not load the rollout history" onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <SkeletonLines lines={4} />
      ) : (
        <div className="overflow-auto rounded-card border border-line">
          <table className="w-full text-sm" aria-label="Revisions">
            <thead className="bg-surface-2 text-left text-fg-muted">
              <tr>
                <th className="px-3 py-2 font-medium">Compare</th>
                <th className="px-3 py-2 font-medium">Revision</th>
                <th className="px-3 py-2 font-medium">Created</th>
                <th className="px-3 py-2 font-medium">Change cause</th>
                <th className="px-3 py-2 font-medium">Images</th>
                <th className="px-3 py-2 font-medium">Pods</th>
                <th className="px-3 py-2 font-medium">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {[...revisions].reverse().map((r) => (
                <tr key={r.name} className="border-t border-line">
                  <td className="px-3 py-1.5">
                    <input type="checkbox" aria-label={`Compare revision ${r.revision}`} checked={picked.includes(r.revision)} onChange={() => toggle(r.revision)} />
                  </td>
                  <td className="px-3 py-1.5 font-medium">
                    {r.revision} {r.current && <Badge tone="ok">current</Badge>}
                  </td>
                  <td className="px-3 py-1.5">
                    <Age timestamp={r.created} />
                  </td>
                  <td className="px-3 py-1.5">{r.changeCause ?? <span className="text-fg-muted">-</span>}</td>
                  <td className="px-3 py-1.5 font-mono text-xs">{r.images.join(', ')}</td>
                  <td className="px-3 py-1.5">{r.pods}</td>
                  <td className="px-3 py-1.5 text-right">
                    <Button size="sm" disabled={r.current || busy || !canRollback.allowed} aria-label={`Roll back to revision ${r.revision}`} {...denied.props(canRollback)} onClick={() => setRollbackTo(r)}>
                      Roll back
                    </Button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {revisions.length === 0 && <p className="p-3 text-sm text-fg-muted">No revisions recorded yet.</p>}
        </div>
      )}
      {pair.length === 2 ? (
        <TemplateDiff from={pair[0]} to={pair[1]} />
      ) : (
        revisions.length > 1 && <p className="text-sm text-fg-muted">Tick two revisions to compare their pod templates.</p>
      )}
      <ConfirmDialog
        open={rollbackTo !== null}
        title={`Roll back ${target.name} to revision ${rollbackTo?.revision ?? ''}?`}
        confirmLabel="Roll back"
        busy={busy}
        onCancel={() => setRollbackTo(null)}
        onConfirm={() => rollbackTo && void rollback(rollbackTo)}
      >
        The pod template is replaced by revision {rollbackTo?.revision}&apos;s ({rollbackTo?.images.join(', ')}); this is recorded as a new revision.
      </ConfirmDialog>
    </div>
  );
}
