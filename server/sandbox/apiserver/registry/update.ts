/**
 * The two shapes of an update (kube-apiserver's main strategy and its status strategy): through the main
 * resource everything but status and the server-owned metadata may change; through /status only status
 * (and managedFields) may, whatever else the body says.
 */
import type { KObject } from '../../types';
import { apiVersionOf, type ServedKind } from '../../kinds';
import { cloneObj } from '../../store/json-cache';
import { conflict, invalid, MODIFIED_CONFLICT } from '../errors';
import type { ReqCtx } from '../ops';
import type { Strategy } from './strategy';

/** resourceVersion and uid preconditions; unset or "0" is an unconditional update, allowed or not by the strategy. */
export function checkPreconditions(k: ServedKind, s: Strategy, name: string, inc: KObject, old: KObject): void {
  const rv = inc.metadata.resourceVersion;
  if (!rv || rv === '0') {
    if (!s.allowUnconditionalUpdate) {
      throw invalid(k.resource, k.group, name, [
        { reason: 'FieldValueInvalid', field: 'metadata.resourceVersion', message: 'Invalid value: 0x0: must be specified for an update' },
      ]);
    }
  } else if (rv !== old.metadata.resourceVersion) throw conflict(k.group, k.resource, name, MODIFIED_CONFLICT);
  if (inc.metadata.uid && inc.metadata.uid !== old.metadata.uid) {
    throw conflict(k.group, k.resource, name, `Precondition failed: UID in precondition: ${inc.metadata.uid}, UID in object meta: ${old.metadata.uid}`);
  }
}

/** upstream ResetObjectMetaForStatus: only .status (and managedFields) change through the status subresource. */
export function prepareStatusUpdate(inc: KObject, old: KObject): KObject {
  const next = { ...cloneObj(old), status: inc.status };
  if (inc.metadata.managedFields) next.metadata.managedFields = inc.metadata.managedFields;
  return next;
}

/** A main-resource update: the strategy's PrepareForUpdate and defaults, server-owned metadata kept, status kept when split. */
export function prepareMainUpdate(k: ServedKind, s: Strategy, name: string, next: KObject, old: KObject, ctx: ReqCtx): KObject {
  next.apiVersion = apiVersionOf(k);
  next.kind = k.kind;
  const causes = s.prepareForUpdate?.(next, old);
  if (causes?.length) throw invalid(k.kind, k.group, name, causes);
  s.defaults?.(next);
  const om = old.metadata;
  const m = next.metadata;
  m.name = name;
  m.uid = om.uid;
  m.creationTimestamp = om.creationTimestamp;
  if (om.deletionTimestamp) m.deletionTimestamp = om.deletionTimestamp;
  else delete m.deletionTimestamp;
  if (om.deletionGracePeriodSeconds !== undefined) m.deletionGracePeriodSeconds = om.deletionGracePeriodSeconds;
  if (om.generation !== undefined) m.generation = om.generation;
  if (s.statusSplit) {
    if (old.status === undefined) delete next.status;
    else next.status = old.status;
  }
  if (om.deletionTimestamp && (m.finalizers?.length ?? 0) > (om.finalizers?.length ?? 0)) {
    const added = (m.finalizers ?? []).filter((f) => !(om.finalizers ?? []).includes(f));
    if (added.length) {
      throw invalid(k.kind, k.group, name, [
        { reason: 'FieldValueForbidden', message: 'Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers ' + JSON.stringify(added), field: 'metadata.finalizers' },
      ]);
    }
  }
  ctx.admit?.(next, old);
  return next;
}
