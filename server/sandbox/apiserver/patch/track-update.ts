/**
 * managedFields bookkeeping for create/update/patch (operation Update), after the real server's
 * managedFieldsUpdater: the fields this write added or changed become the manager's (merged into its
 * previous Update entry for the same apiVersion and subresource) and leave every other manager's
 * set; removed fields leave all sets. The entry's time moves only when the write changed something.
 */
import type { KObject } from '../../types';
import { compare } from './field-walk';
import { deepEqual, isObject, type JsonObject } from './json-value';
import { capUpdateManagers, decodeManagedFields, encodeManagedFields, sameManager, stripUnownedInPlace } from './managed-fields';
import { memoSchema, type SchemaNode } from './schema-node';

function stripMF(o: KObject | undefined): JsonObject {
  if (!o) return {};
  const meta = isObject(o.metadata) ? { ...o.metadata } : {};
  delete meta.managedFields;
  return { ...o, metadata: meta };
}

function isReset(mf: unknown): boolean {
  return Array.isArray(mf) && mf.length === 1 && isObject(mf[0]) && Object.keys(mf[0]).length === 0;
}

export function trackUpdate(
  oldObj: KObject | undefined,
  newObj: KObject,
  manager: string,
  nav: SchemaNode | undefined,
  now: string,
  subresource?: string,
): KObject {
  // only metadata.managedFields changes: a shallow copy keeps this cheap on every write
  const out: KObject = { ...newObj, metadata: { ...newObj.metadata } };
  const oldMF = oldObj?.metadata?.managedFields;
  const newMF = newObj.metadata?.managedFields;
  // `managedFields: [{}]` in the request clears them; other non-empty changes are taken as sent
  if (isReset(newMF)) {
    delete out.metadata.managedFields;
    return out;
  }
  const fromRequest = Array.isArray(newMF) && newMF.length > 0 && !deepEqual(newMF, oldMF);
  const managers = decodeManagedFields(fromRequest ? newMF : oldMF);

  const cmp = compare(stripMF(oldObj), stripMF(newObj), memoSchema(nav));
  const changed = stripUnownedInPlace(cmp.added.mergeFrom(cmp.modified), subresource);
  const removed = stripUnownedInPlace(cmp.removed, subresource);
  const id = { manager, operation: 'Update' as const, apiVersion: newObj.apiVersion, ...(subresource ? { subresource } : {}) };
  const self = changed.isEmpty() ? undefined : managers.find((e) => sameManager(e, id));
  // Sets are only rebuilt where this write touches them: an untouched set keeps its identity, and
  // with it its cached FieldsV1 encoding (managed-fields.ts), which is most of a routine update.
  for (const e of managers) {
    if (e === self) {
      // (set - changed - removed) + changed, path by path, is (set - removed) + changed
      if (e.set.intersects(removed)) e.set = e.set.difference(removed);
      if (!changed.isSubsetOf(e.set)) e.set = e.set.union(changed);
      e.time = now;
    } else if (e.set.intersects(changed) || e.set.intersects(removed)) {
      e.set = e.set.difference(changed).difference(removed);
    }
  }
  if (!changed.isEmpty() && !self) managers.push({ ...id, time: now, set: changed });
  const encoded = encodeManagedFields(capUpdateManagers(managers));
  if (encoded.length > 0) out.metadata.managedFields = encoded;
  else delete out.metadata.managedFields;
  return out;
}
