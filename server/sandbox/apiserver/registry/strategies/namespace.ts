/**
 * Namespaces: the name label and the `kubernetes` finalizer by default, Active on create, a spec frozen
 * while terminating, the NamespaceLifecycle plugin's immortal namespaces, and a DELETE that only marks the
 * namespace Terminating (the namespace controller empties it and the finalize subresource releases it).
 */
import type { KObject } from '../../../types';
import { cloneObj } from '../../../store/json-cache';
import { def, obj, type Obj } from '../../defaults';
import { StatusError } from '../../errors';
import { nowRfc3339 } from '../../meta';
import type { KindStrategy } from '../strategy';

/** Namespaces the NamespaceLifecycle admission plugin never lets anyone delete. */
export const IMMORTAL_NAMESPACES = new Set(['default', 'kube-system', 'kube-public', 'kube-node-lease']);

export const namespaceStrategy: KindStrategy = {
  returnDeletedObject: true,
  defaults(o) {
    obj(o.metadata as Obj, 'labels');
    o.metadata.labels!['kubernetes.io/metadata.name'] = o.metadata.name ?? '';
    def(obj(o as unknown as Obj, 'spec'), 'finalizers', ['kubernetes']);
  },
  prepareForCreate(o) {
    o.status = { phase: 'Active' };
  },
  prepareForUpdate(next, old) {
    if (old.metadata.deletionTimestamp) next.spec = cloneObj(old).spec;
    return undefined;
  },
  validateDelete(old) {
    const name = old.metadata.name ?? '';
    if (IMMORTAL_NAMESPACES.has(name)) {
      throw new StatusError(403, 'Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, { name, kind: 'namespaces' });
    }
  },
  delete(registry, k, old) {
    if (old.metadata.deletionTimestamp) return { obj: old, removed: false };
    const next: KObject = cloneObj(old);
    delete next.metadata.resourceVersion;
    next.metadata.deletionTimestamp = nowRfc3339();
    next.metadata.deletionGracePeriodSeconds = 0;
    next.status = { ...(next.status as object), phase: 'Terminating' };
    const stored = registry.write(k, next);
    registry.gc.kick();
    return { obj: stored, removed: false };
  },
};
