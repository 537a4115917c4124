'use client';
/**
 * The detail page's operations bar: replica control for scalable kinds, Restart (deployments, statefulsets,
 * daemonsets), Pause / Resume (deployments), Cordon / Uncordon and Drain (nodes), and Delete for everything.
 * Every button goes through the BFF's audited routes (lib/k8s/client) and reports in a toast; the object's live
 * watch brings the change to the header and tabs (read again at once only while that watch is not live). Buttons the user's
 * RBAC does not allow (patch for restart/pause/cordon, delete, create pods/eviction for drain) are disabled with
 * the reason shown under the bar. Compare (every object) and Drift (namespaces) open their pages.
 */
import { NodeShellButton } from '@/components/terminal/node-shell-button';
import { useState } from 'react';
import { useRouter } from 'next/navigation';
import type { KindInfo } from '@/lib/k8s/registry';
import type { K8sObject } from '@/lib/k8s/types';
import Link from 'next/link';
import { compareHref, driftHref, listHref } from '@/lib/k8s/links';
import { deleteObject, objectRef, runNodeOperation, runWorkloadOperation, useLiveObject } from '@/lib/k8s/client';
import { Button } from '@/components/ui/button';
import { ActionsFold } from '@/components/ui/actions-fold';
import { ScaleSlider } from '@/components/scale-slider/scale-slider';
import { useDenied } from '@/components/auth/denied';
import { useAccess } from '@/lib/access';
import { runOp } from './ops-api';
import { DeleteDialog } from './delete-dialog';
import { DrainDialog } from './drain-dialog';

const RESTARTABLE = new Set(['deployments', 'statefulsets', 'daemonsets']);

export function WorkloadActions({ cluster, kind, obj }: { cluster: string; kind: KindInfo; obj: K8sObject }) {
  const router = useRouter();
  const ref = objectRef(cluster, kind, obj);
  const { object, refresh } = useLiveObject(ref);
  const live = object ?? obj;
  const [busy, setBusy] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [draining, setDraining] = useState(false);
  const name = obj.metadata.name;
  const ns = obj.metadata.namespace;
  const apps = kind.group === 'apps';
  const isNode = kind.group === '' && kind.plural === 'nodes';
  const on = { group: kind.group, resource: kind.plural, namespace: ns, name };
  const [canPatch, canDelete, canEvict] = useAccess(cluster, [
    { verb: 'patch', ...on },
    { verb: 'delete', ...on },
    // drain: cordon (patch, above) and one eviction per pod, in any namespace
    ...(isNode ? [{ verb: 'create' as const, group: '', resource: 'pods', subresource: 'eviction' }] : []),
  ]);
  const canDrain = canPatch?.allowed === false ? canPatch : canEvict;
  // only reasons for buttons this kind shows
  const patchable = isNode || (apps && RESTARTABLE.has(kind.plural));
  const denied = useDenied([patchable ? canPatch : undefined, canDelete, isNode ? canDrain : undefined], 'w-full');
  const off = (d: typeof canPatch) => busy !== null || d?.allowed === false;

  async function act(id: string, call: () => Promise<unknown>, success: string, failure: string) {
    setBusy(id);
    try {
      await runOp(call, { success, failure });
      await refresh();
    } catch {
      // toast already shown with the server's message
    } finally {
      setBusy(null);
    }
  }

  const paused = Boolean(live.spec?.paused);
  const unschedulable = Boolean(live.spec?.unschedulable);
  return (
    <div role="toolbar" aria-label="Actions" className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-line px-4 pb-3">
      {kind.scalable && <ScaleSlider cluster={cluster} kind={kind} obj={obj} />}
      <ActionsFold>
        {apps && RESTARTABLE.has(kind.plural) && (
          <Button size="sm" disabled={off(canPatch)} {...denied.props(canPatch)} onClick={() => act('restart', () => runWorkloadOperation(ref, 'restart'), `Restarting ${name}`, `Could not restart ${name}`)}>
            Restart
          </Button>
        )}
        {apps && kind.plural === 'deployments' &&
          (paused ? (
            <Button size="sm" disabled={off(canPatch)} {...denied.props(canPatch)} onClick={() => act('resume', () => runWorkloadOperation(ref, 'resume'), `Resumed ${name}`, `Could not resume ${name}`)}>
              Resume
            </Button>
          ) : (
            <Button size="sm" disabled={off(canPatch)} {...denied.props(canPatch)} onClick={() => act('pause', () => runWorkloadOperation(ref, 'pause'), `Paused ${name}`, `Could not pause ${name}`)}>
              Pause
            </Button>
          ))}
        {isNode &&
          (unschedulable ? (
            <Button size="sm" disabled={off(canPatch)} {...denied.props(canPatch)} onClick={() => act('uncordon', () => runNodeOperation(cluster, name, 'uncordon'), `Uncordoned ${name}`, `Could not uncordon ${name}`)}>
              Uncordon
            </Button>
          ) : (
            <Button size="sm" disabled={off(canPatch)} {...denied.props(canPatch)} onClick={() => act('cordon', () => runNodeOperation(cluster, name, 'cordon'), `Cordoned ${name}`, `Could not cordon ${name}`)}>
              Cordon
            </Button>
          ))}
        {isNode && <NodeShellButton cluster={cluster} node={name} />}
        {isNode && (
          <Button size="sm" disabled={off(canDrain)} {...denied.props(canDrain)} onClick={() => setDraining(true)}>
            Drain
          </Button>
        )}
        {kind.group === '' && kind.plural === 'namespaces' && (
          <Link href={driftHref(cluster, name)} className="inline-flex h-7 items-center rounded-md border border-line bg-surface px-2.5 text-sm font-medium hover:bg-surface-2">
            Drift
          </Link>
        )}
        <Button size="sm" onClick={() => router.push(compareHref(cluster, kind, ns, name))}>
          Compare
        </Button>
        <Button size="sm" variant="danger" disabled={off(canDelete)} {...denied.props(canDelete)} onClick={() => setDeleting(true)}>
          Delete
        </Button>
      </ActionsFold>
      {denied.notes}
      <DeleteDialog
        open={deleting}
        kindLabel={kind.kind}
        name={name}
        onCancel={() => setDeleting(false)}
        onDelete={async (propagationPolicy) => {
          try {
            // the uid the user saw: never delete an object re-created under this name since
            await runOp(() => deleteObject(ref, { propagationPolicy, preconditions: { uid: live.metadata.uid } }), { success: `Deleting ${kind.kind} ${name}`, failure: `Could not delete ${name}` });
            setDeleting(false);
            router.push(listHref(cluster, kind, { namespaces: ns ? [ns] : [] }));
          } catch {
            // stay open: the toast says why
          }
        }}
      />
      {isNode && <DrainDialog open={draining} cluster={cluster} node={name} onClose={() => setDraining(false)} onDone={refresh} />}
    </div>
  );
}
