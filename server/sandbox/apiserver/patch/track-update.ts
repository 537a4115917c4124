/**
 * managedFields bookkeeping for create/update/patch (operation Update), after the real server's
 * managedFieldsUpdater: the fields this write added or changed become the manager's (merged into its
 * previous Update entry for the same apiVersion and subresource) and leave every other manager's
 * set; removed fields leave all sets. The entry's time moves only when the write changed something.
 */
import type { KObject } from '../../types';
import { compare } from './field-walk';
import { isObject, type JsonObject } from './json-value';
import { deepEqual } from '../../../../lib/k8s/machinery/equal';
import { intersectsFieldsV1, isSubsetOfFieldsV1, type FieldSet } from './field-set';
import {
  capUpdateManagers,
  decodeManagedFields,
  encodeManagedFields,
  encodeRawEntries,
  MAX_UPDATE_MANAGERS,
  ownEncodedEntries,
  sameManager,
  stripUnownedInPlace,
  type ManagerEntry,
} from './managed-fields';
import { memoSchema, type SchemaNode } from './schema-node';

/** The object without metadata.managedFields (itself when it has none: compare does not mutate). */
function stripMF(o: KObject | undefined): JsonObject {
  if (!o) return {};
  const m = o.metadata as unknown;
  if (isObject(m) && !Object.hasOwn(m, 'managedFields')) return o;
  // copied key by key: `delete` would leave the copy a slow dictionary-mode object
  const meta: JsonObject = {};
  if (isObject(m)) for (const k in m) if (k !== 'managedFields') meta[k] = m[k];
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
  const oldMF = oldObj?.metadata?.managedFields;
  const newMF = newObj.metadata?.managedFields;
  // `managedFields: [{}]` in the request clears them; other non-empty changes are taken as sent
  if (isReset(newMF)) return withManagedFields(newObj, undefined);
  const fromRequest = Array.isArray(newMF) && newMF.length > 0 && !deepEqual(newMF, oldMF);

  const cmp = compare(stripMF(oldObj), stripMF(newObj), memoSchema(nav));
  const changed = stripUnownedInPlace(cmp.added.mergeFrom(cmp.modified), subresource);
  const removed = stripUnownedInPlace(cmp.removed, subresource);
  const id: Omit<ManagerEntry, 'set'> = { manager, operation: 'Update', apiVersion: newObj.apiVersion };
  if (subresource) id.subresource = subresource;
  const fast = fromRequest ? undefined : unchangedSets(oldMF, changed, removed, id, now);
  if (fast) return withManagedFields(newObj, fast);
  const managers = decodeManagedFields(fromRequest ? newMF : oldMF);
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
  if (!changed.isEmpty() && !self) managers.push(Object.assign(id, { time: now, set: changed }));
  const encoded = encodeManagedFields(capUpdateManagers(managers));
  return withManagedFields(newObj, encoded.length > 0 ? encoded : undefined);
}

/**
 * newObj with metadata.managedFields set to mf (dropped when undefined): a shallow copy, since only
 * managedFields changes. Metadata is copied key by key, the field kept in place or appended last:
 * adding a property to a spread copy (or deleting one) costs several times more on every write.
 */
function withManagedFields(newObj: KObject, mf: Record<string, unknown>[] | undefined): KObject {
  const src = newObj.metadata as unknown;
  const meta: JsonObject = {};
  let placed = false;
  if (isObject(src)) {
    for (const k in src) {
      if (k !== 'managedFields') meta[k] = src[k];
      else if (mf) {
        meta[k] = mf;
        placed = true;
      }
    }
  }
  if (mf && !placed) meta.managedFields = mf;
  return { ...newObj, metadata: meta } as KObject;
}

/**
 * The routine update's result without decoding a set: when nothing was removed and the writer
 * already owns every field it changed (which no other manager owns), every set stays as stored and
 * only the writer's time moves. Undefined when that does not hold or the list is not all ours
 * (managed-fields.ts), for the general path above; the result is the one that path computes.
 */
function unchangedSets(
  oldMF: unknown,
  changed: FieldSet,
  removed: FieldSet,
  id: Omit<ManagerEntry, 'set'>,
  now: string,
): Record<string, unknown>[] | undefined {
  if (!removed.isEmpty()) return undefined;
  const entries = ownEncodedEntries(oldMF);
  if (!entries || entries.length === 0) return undefined;
  if (entries.filter((e) => e.operation === 'Update').length > MAX_UPDATE_MANAGERS) return undefined;
  if (!changed.isEmpty()) {
    const self = entries.find((e) => sameManager(e, id));
    if (!self || !isSubsetOfFieldsV1(changed, self.fieldsV1)) return undefined;
    if (entries.some((e) => e !== self && intersectsFieldsV1(changed, e.fieldsV1))) return undefined;
    self.time = now;
  }
  return encodeRawEntries(entries);
}
