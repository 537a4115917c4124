/**
 * application/apply-patch+yaml: server-side apply with field ownership, after the real server's
 * fieldmanager + structured-merge-diff Updater.Apply:
 *  1. merge the configuration into the live object;
 *  2. prune what this manager applied last time but no longer applies, unless someone else owns it;
 *  3. compare live with the result: fields other managers own that change are conflicts (409) unless
 *     `force`, which moves them to this manager; removed fields leave every other set;
 *  4. this manager's Apply entry becomes exactly the configuration's field set.
 */
import type { KObject } from '../../types';
import { badRequest } from './errors';
import { FieldSet } from './field-set';
import { compare, toFieldSet } from './field-walk';
import { clone, isObject, type JsonObject } from './json-value';
import { deepEqual } from '../../../../lib/k8s/machinery/equal';
import { capUpdateManagers, decodeManagedFields, encodeManagedFields, sameManager, stripUnowned, type ManagerEntry } from './managed-fields';
import { memoSchema, type SchemaNode } from './schema-node';
import { allowedByLastApplied, conflictError, withoutAllowed, type Conflict } from './ssa-conflicts';
import { pruneOwned, ssaMerge } from './ssa-merge';
import { trackUpdate } from './track-update';

const BEFORE_FIRST_APPLY = 'before-first-apply';

export interface ApplyOptions {
  manager: string;
  force: boolean;
  nav: SchemaNode | undefined;
  /** RFC 3339 time written into the manager's entry */
  now: string;
  /** 'status' when applying to the status subresource */
  subresource?: string;
}

/** The part of the configuration this endpoint may write (status only via the status subresource). */
function effectiveConfig(applied: JsonObject, subresource?: string): JsonObject {
  if (subresource === 'status') {
    return { apiVersion: applied.apiVersion, kind: applied.kind, metadata: applied.metadata, ...(applied.status !== undefined ? { status: applied.status } : {}) };
  }
  const { status: _ignored, ...rest } = applied;
  return rest;
}

function withoutManagedFields(o: JsonObject): JsonObject {
  const meta = isObject(o.metadata) ? { ...o.metadata } : {};
  delete meta.managedFields;
  return { ...o, metadata: meta };
}

export function serverSideApply(live: KObject | undefined, applied: KObject, opts: ApplyOptions): KObject {
  if (!isObject(applied)) throw badRequest('error decoding YAML: the applied configuration is not an object');
  if (!isObject(applied.metadata)) throw badRequest('Object \'metadata\' is missing');
  const mf = applied.metadata.managedFields;
  if (mf !== undefined && mf !== null && !(Array.isArray(mf) && mf.length === 0)) {
    throw badRequest('metadata.managedFields must be nil');
  }
  const { manager, force, now, subresource } = opts;
  const nav = memoSchema(opts.nav);
  const base = live ? withoutManagedFields(clone(live) as JsonObject) : {};
  let managers = decodeManagedFields(live?.metadata?.managedFields);
  if (live && managers.length === 0) {
    // an object nobody tracked yet: its fields become "before-first-apply"'s, as upstream does
    managers = decodeManagedFields(trackUpdate(undefined, base as KObject, BEFORE_FIRST_APPLY, nav, now).metadata.managedFields);
  }
  const config = withoutManagedFields(effectiveConfig(applied as JsonObject, subresource));
  const configSet = toFieldSet(config, nav);
  const newSet = stripUnowned(configSet, subresource);

  let merged = ssaMerge(clone(base), config, nav) as JsonObject;
  if (subresource === 'status') merged = { ...base, status: merged.status };
  else if (base.status !== undefined) merged.status = clone(base.status);
  else delete merged.status;

  const id = { manager, operation: 'Apply' as const, apiVersion: String(applied.apiVersion ?? ''), ...(subresource ? { subresource } : {}) };
  const self = managers.find((e) => sameManager(e, id));
  const others = managers.filter((e) => e !== self);
  if (self) {
    // the configuration's identity fields count here (the real server strips them only afterwards),
    // so the metadata shell is never pruned even when the configuration leaves its labels out
    const identity = new FieldSet();
    identity.child('f:metadata').child('f:name').member = true;
    const keep = others.reduce((acc, e) => acc.union(e.set), configSet.union(identity));
    merged = pruneOwned(merged, self.set, keep, nav) as JsonObject;
  }

  const cmp = compare(base, merged, nav);
  const changed = stripUnowned(cmp.added.union(cmp.modified), subresource);
  const removed = stripUnowned(cmp.removed, subresource);
  const conflicts: Conflict[] = [];
  for (const e of others) {
    const c = e.set.intersection(changed);
    if (!c.isEmpty()) conflicts.push({ entry: e, set: c });
  }
  if (conflicts.length > 0 && !force) {
    // kubectl's own apply may take over what its client-side apply configured (upgrade path)
    const allowed = manager === 'kubectl' && live ? allowedByLastApplied(base, nav) : undefined;
    const remaining = allowed ? withoutAllowed(conflicts, allowed) : conflicts;
    if (remaining.length > 0) throw conflictError(remaining);
  }
  for (const e of others) {
    const c = conflicts.find((x) => x.entry === e);
    e.set = (c ? e.set.difference(c.set) : e.set).difference(removed);
  }

  const objectChanged = !deepEqual(base, merged);
  const entry: ManagerEntry = {
    ...id,
    time: objectChanged || !self?.time ? now : self.time,
    set: newSet,
  };
  const meta = (isObject(merged.metadata) ? merged.metadata : {}) as JsonObject;
  const encoded = encodeManagedFields(capUpdateManagers([...others, entry]));
  merged.metadata = { ...meta, ...(encoded.length > 0 ? { managedFields: encoded } : {}) };
  if (encoded.length === 0) delete (merged.metadata as JsonObject).managedFields;
  return merged as KObject;
}
