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
  fieldsV1?: unknown;
}

/** the managers of the newest writes: times have a one-second grain, so several can share the newest */
export interface LatestManagers {
  manager: string;
  fields?: unknown;
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

/** Every manager whose entry has the newest time (usually one), with the fields it owns. */
export function newestManagers(managedFields: unknown): LatestManagers[] {
  if (!Array.isArray(managedFields)) return [];
  const newest = latestManager(managedFields)?.time ?? '';
  return (managedFields as ManagedFieldsEntry[]).filter((e) => e?.manager && (e.time ?? '') === newest).map((e) => ({ manager: e.manager!, fields: e.fieldsV1 }));
}

/** does a FieldsV1 set own the field at this JSON pointer (or a field under it, or the list item it sits in)? */
export function ownsPath(fields: unknown, pointer: string): boolean {
  let cur = fields as Record<string, unknown> | undefined;
  for (const raw of pointer.split('/').slice(1)) {
    if (!cur || typeof cur !== 'object') return false;
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(key) && !(`f:${key}` in cur)) return Object.keys(cur).some((k) => /^[kvi]:/.test(k)); // a list item: owned if any item is
    const next = cur[`f:${key}`] as Record<string, unknown> | undefined;
    if (next === undefined) return false;
    cur = next;
  }
  return true;
}

/**
 * Among the newest writers, the one owning the changed fields: with one-second times a create and an update in
 * the same second tie, and the managedFields order (sorted by the API server) cannot tell them apart.
 */
export function pickManager(candidates: LatestManagers[], changedPaths: string[]): string | undefined {
  if (candidates.length <= 1 || !changedPaths.length) return candidates.at(-1)?.manager;
  const owners = candidates.filter((c) => changedPaths.some((p) => ownsPath(c.fields, p)));
  return (owners.length ? owners : candidates).at(-1)?.manager;
}

export function actorFromManager(manager: string | undefined): ChangeActor {
  if (!manager) return { name: 'unknown', via: 'unknown' };
  return isController(manager) ? { name: manager, via: 'controller', manager } : { name: manager, via: 'manager', manager };
}

/** The console user from an audit record, keeping the manager the write carried. */
export function consoleActor(user: string, manager: string | undefined): ChangeActor {
  return manager ? { name: user, via: 'console', manager } : { name: user, via: 'console' };
}
