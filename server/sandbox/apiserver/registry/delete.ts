/**
 * The generic DELETE (kube-apiserver's Store.Delete with BeforeDelete): preconditions, the strategy's
 * delete admission, propagation-policy finalizers, graceful deletion for kinds with a grace period,
 * and immediate removal for everything else once no finalizer holds it.
 */
import type { DeleteOptions, KObject } from '../../types';
import type { ServedKind } from '../../kinds';
import { cloneObj } from '../../store/json-cache';
import { deepEqual } from '../../../../lib/k8s/machinery/equal';
import { conflict } from '../errors';
import type { GenericRegistry } from '../ops';
import type { DeleteResult } from './strategy';

export type DeleteRequest = DeleteOptions & { dryRun?: boolean };

export function deleteObject(reg: GenericRegistry, k: ServedKind, old: KObject, opts: DeleteRequest): DeleteResult {
  const s = reg.strategy(k);
  const name = old.metadata.name ?? '';
  // delete admission (the NamespaceLifecycle plugin) runs for dry runs too
  s.validateDelete?.(old);
  const pre = opts.preconditions;
  if (pre?.uid && pre.uid !== old.metadata.uid) {
    throw conflict(k.group, k.resource, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${old.metadata.uid}`);
  }
  if (pre?.resourceVersion && pre.resourceVersion !== old.metadata.resourceVersion) {
    throw conflict(k.group, k.resource, name, `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${old.metadata.resourceVersion}`);
  }
  if (opts.dryRun) return { obj: old, removed: true };
  if (s.delete) return s.delete(reg, k, old);
  const policy = opts.propagationPolicy ?? 'Background';
  const finalizers = [...(old.metadata.finalizers ?? [])];
  if (policy === 'Orphan' && !finalizers.includes('orphan')) finalizers.push('orphan');
  if (policy === 'Foreground' && !finalizers.includes('foregroundDeletion')) finalizers.push('foregroundDeletion');
  const grace = s.deleteGrace ? s.deleteGrace(old, opts.gracePeriodSeconds) : 0;
  if (finalizers.length === 0 && grace === 0) return { obj: reg.view(k, reg.removeNow(k, old)), removed: true };
  if (old.metadata.deletionTimestamp && deepEqual(finalizers, old.metadata.finalizers ?? [])) {
    // already terminating: a shorter grace period may still speed it up
    if (grace === 0 && finalizers.length === 0) return { obj: reg.view(k, reg.removeNow(k, old)), removed: true };
    return { obj: old, removed: false };
  }
  const next = cloneObj(old);
  delete next.metadata.resourceVersion;
  next.metadata.finalizers = finalizers.length ? finalizers : undefined;
  if (!next.metadata.finalizers) delete next.metadata.finalizers;
  next.metadata.deletionTimestamp ??= new Date(Date.now() + grace * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  next.metadata.deletionGracePeriodSeconds = grace;
  if (next.metadata.generation !== undefined) next.metadata.generation++;
  const stored = reg.write(k, next);
  if (grace > 0) reg.scheduleRemoval(k, stored, grace);
  reg.gc.kick();
  return { obj: reg.view(k, stored), removed: false };
}
