/**
 * Who made a change, when no console audit record names the person: the managedFields manager of the latest
 * write (the entry with the newest time; ties keep the later entry, as the API server appends), and
 * "controller" when that manager is one of the cluster's own controllers. Upstream's controllers run inside
 * kube-controller-manager and write as that manager (or as their own name, e.g. "deployment-controller"),
 * the kubelet writes pod and node status, the scheduler binds pods.
 */
import type { ChangeActor } from '../../lib/history/types';

interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  time?: string;
  subresource?: string;
}

const CONTROLLERS = new Set([
  'kube-controller-manager',
  'kube-scheduler',
  'kubelet',
  'kube-apiserver',
  'cloud-controller-manager',
  'horizontal-pod-autoscaler',
  'garbage-collector',
  'ttl-after-finished-controller',
  'resourcequota-controller',
  'node-lifecycle-controller',
  'k3s',
]);

export function isController(manager: string): boolean {
  return CONTROLLERS.has(manager) || /-controller(-manager)?$/.test(manager) || manager.startsWith('system:');
}

/** The manager whose write is the newest, with its subresource (a "status" write is a controller's report). */
export function latestManager(managedFields: unknown): ManagedFieldsEntry | undefined {
  if (!Array.isArray(managedFields)) return undefined;
  let best: ManagedFieldsEntry | undefined;
  for (const e of managedFields as ManagedFieldsEntry[]) {
    if (!e?.manager) continue;
    if (!best || (e.time ?? '') >= (best.time ?? '')) best = e;
  }
  return best;
}

export function actorFromManager(manager: string | undefined): ChangeActor {
  if (!manager) return { name: 'unknown', via: 'unknown' };
  return isController(manager) ? { name: manager, via: 'controller', manager } : { name: manager, via: 'manager', manager };
}

/** The console user from an audit record, keeping the manager the write carried. */
export function consoleActor(user: string, manager: string | undefined): ChangeActor {
  return manager ? { name: user, via: 'console', manager } : { name: user, via: 'console' };
}
