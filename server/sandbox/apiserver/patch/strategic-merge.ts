/**
 * application/strategic-merge-patch+json, after k8s.io/apimachinery/pkg/util/strategicpatch with the
 * apiserver's options (MergeParallelList, IgnoreUnmatchedNulls): lists whose schema says
 * patchStrategy=merge are merged by patchMergeKey (primitive ones become a union), other lists are
 * replaced, maps merge, null deletes; directives `$patch` (replace|delete in maps, replace|delete in
 * list items), `$retainKeys`, `$setElementOrder/<list>` and `$deleteFromPrimitiveList/<list>` are
 * honoured. Where the schema is unknown (nav undefined, unknown field) this is merge-patch semantics.
 *
 * Known difference: a value added where the object had none still has its directives applied and
 * its nulls dropped (upstream copies it verbatim and lets typed decoding drop `$` keys; our store
 * keeps plain JSON, so the directives must not leak into stored objects).
 */
import type { KObject } from '../../types';
import { badRequest, genericInvalid, unknownError } from './errors';
import { clone, goString, isObject, type JsonObject } from './json-value';
import { childNode, mainPatchStrategy, memoSchema, type SchemaNode } from './schema-node';
import { normalizeElementOrder, partitionByPresence, validateSetOrder } from './strategic-order';

const SET_ORDER = '$setElementOrder/';
const DELETE_PRIMITIVE = '$deleteFromPrimitiveList/';
const RETAIN_KEYS = '$retainKeys';
const PATCH = '$patch';

export function applyStrategicMergePatch(obj: KObject, patch: unknown, nav: SchemaNode | undefined): KObject {
  if (!isObject(patch)) {
    throw badRequest(`json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`);
  }
  return mergeMap(clone(obj) as JsonObject, clone(patch), memoSchema(nav)) as KObject;
}

type Kind = 'object' | 'array' | 'null' | 'scalar';
function kindOf(v: unknown): Kind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return isObject(v) ? 'object' : 'scalar';
}

/** Merges `patch` into `original`; both are private copies and are mutated. */
function mergeMap(original: JsonObject, patch: JsonObject, node: SchemaNode | undefined): JsonObject {
  if (PATCH in patch) return mapDirective(patch[PATCH], patch, node);
  applyRetainKeys(original, patch);
  applySetElementOrder(original, patch, node);
  for (const [rawKey, patchV] of Object.entries(patch)) {
    if (rawKey.startsWith(SET_ORDER)) continue; // ordering lists are consumed above
    const isDeleteList = rawKey.startsWith(DELETE_PRIMITIVE);
    const k = isDeleteList ? rawKey.slice(DELETE_PRIMITIVE.length) : rawKey;
    if (patchV === null) {
      delete original[k];
      continue;
    }
    const cn = childNode(node, k);
    if (!(k in original) || kindOf(original[k]) !== kindOf(patchV)) {
      if (!isDeleteList) original[k] = fresh(patchV, cn);
      continue;
    }
    const strategy = mainPatchStrategy(cn);
    if (isObject(patchV)) {
      original[k] = strategy === 'replace' ? fresh(patchV, cn) : mergeMap(original[k] as JsonObject, patchV, cn);
    } else if (Array.isArray(patchV)) {
      original[k] = mergeSliceHandler(original[k] as unknown[], patchV, cn, strategy, isDeleteList, k);
    } else {
      original[k] = patchV;
    }
  }
  return original;
}

function mapDirective(directive: unknown, patch: JsonObject, node: SchemaNode | undefined): JsonObject {
  if (directive === 'replace') {
    delete patch[PATCH];
    return mergeMap({}, patch, node);
  }
  if (directive === 'delete') return {};
  throw unknownError(`unknown patch type: ${goString(directive)} in map: ${goString(patch)}`);
}

/** A patch value with nothing to merge into: directives applied against nothing, nulls dropped. */
function fresh(v: unknown, node: SchemaNode | undefined): unknown {
  if (isObject(v)) return mergeMap({}, v, node);
  if (Array.isArray(v)) {
    if (mainPatchStrategy(node) === 'merge') return mergeSlice([], v, node, false, '');
    return v.map((x) => (isObject(x) ? fresh(x, node?.items()) : x));
  }
  return v;
}

function applyRetainKeys(original: JsonObject, patch: JsonObject): void {
  if (!(RETAIN_KEYS in patch)) return;
  const keep = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (keep !== null && !Array.isArray(keep)) {
    throw badRequest('invalid patch: $retainKeys must be a list of field names');
  }
  const set = new Set((keep ?? []).map(String));
  for (const k of Object.keys(original)) if (!set.has(k)) delete original[k];
}

/**
 * `$setElementOrder/<list>` (sent by kubectl apply): merge the list with its patch, then order the
 * result as the directive says, server-only items staying where they were.
 */
function applySetElementOrder(original: JsonObject, patch: JsonObject, node: SchemaNode | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const order = patch[key];
    const field = key.slice(SET_ORDER.length);
    delete patch[key];
    if (!Array.isArray(order)) throw unknownError(`expected []interface{}, but got ${goString(order)}`);
    const origList = original[field];
    const patchList = patch[field];
    if (origList !== undefined && origList !== null && !Array.isArray(origList)) {
      throw unknownError(`expected []interface{}, but got ${goString(origList)}`);
    }
    if (patchList !== undefined && patchList !== null && !Array.isArray(patchList)) {
      throw unknownError(`expected []interface{}, but got ${goString(patchList)}`);
    }
    const cn = childNode(node, field);
    const mergeKey = cn?.patchMergeKey ?? '';
    const o = Array.isArray(origList) ? origList : undefined;
    const p = Array.isArray(patchList) ? patchList : undefined;
    validateSetOrder(p ?? [], order, mergeKey, field);
    let merged: unknown[];
    if (o && !p) merged = o;
    else if (!o && p) merged = fresh(p, cn) as unknown[];
    else if (o && p) merged = mergeSliceHandler(o, p, cn, mainPatchStrategy(cn), false, field);
    else continue;
    const [patchItems, serverOnly] = partitionByPresence(merged, order, mergeKey);
    original[field] = normalizeElementOrder(patchItems, serverOnly, order, o ?? [], mergeKey);
    delete patch[field];
  }
}

function mergeSliceHandler(
  original: unknown[],
  patch: unknown[],
  node: SchemaNode | undefined,
  strategy: string,
  isDeleteList: boolean,
  field: string,
): unknown[] {
  if (strategy === 'merge' || isDeleteList) return mergeSlice(original, patch, node, isDeleteList, field);
  return fresh(patch, node) as unknown[];
}

function mergeSlice(original: unknown[], patch: unknown[], node: SchemaNode | undefined, isDeleteList: boolean, field: string): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const all = [...original, ...patch];
  if (all.some(Array.isArray)) throw genericInvalid('lists of lists are not supported');
  const maps = all.filter(isObject).length;
  if (maps !== 0 && maps !== all.length) {
    throw unknownError(`the list ${field} has elements of different types: ${goString(all)}`);
  }
  const mergeKey = node?.patchMergeKey ?? '';
  let merged: unknown[];
  let base = original;
  let patchItems = patch;
  if (maps === 0) {
    if (isDeleteList) return original.filter((x) => !patch.includes(x));
    merged = [];
    for (const x of all) if (!merged.includes(x)) merged.push(x);
  } else {
    if (!mergeKey) throw unknownError(`cannot merge lists without merge key for ${field}`);
    const special = specialElements(original, patch as JsonObject[], mergeKey);
    // `$patch: replace` in a list: the patch's items are the list
    base = special.replace ? special.plain.map((x) => fresh(x, node?.items())) : special.base;
    patchItems = special.replace ? [] : special.plain;
    merged = mergeWithoutSpecial([...base], patchItems as JsonObject[], mergeKey, node?.items());
  }
  const [inPatch, serverOnly] = partitionByPresence(merged, patchItems, maps === 0 ? '' : mergeKey);
  return normalizeElementOrder(inPatch, serverOnly, patchItems, base, maps === 0 ? '' : mergeKey);
}

/** `$patch: delete|replace` list elements (mergeSliceWithSpecialElements). */
function specialElements(
  original: unknown[],
  patch: JsonObject[],
  mergeKey: string,
): { base: unknown[]; plain: unknown[]; replace: boolean } {
  const plain: unknown[] = [];
  let replace = false;
  let base = original;
  for (const v of patch) {
    if (!(PATCH in v)) {
      plain.push(v);
      continue;
    }
    const d = v[PATCH];
    if (d === 'delete') {
      if (!(mergeKey in v)) throw unknownError(`map: ${goString(v)} does not contain declared merge key: ${mergeKey}`);
      base = base.filter((x) => !(isObject(x) && x[mergeKey] === v[mergeKey]));
    } else if (d === 'replace') {
      replace = true;
    } else if (d === 'merge') {
      throw unknownError('merging lists cannot yet be specified in the patch');
    } else {
      throw unknownError(`unknown patch type: ${goString(d)} in map: ${goString(v)}`);
    }
  }
  return { base, plain, replace };
}

function mergeWithoutSpecial(original: unknown[], patch: JsonObject[], mergeKey: string, itemNode: SchemaNode | undefined): unknown[] {
  for (const v of patch) {
    if (!(mergeKey in v)) throw unknownError(`map: ${goString(v)} does not contain declared merge key: ${mergeKey}`);
    const i = original.findIndex((x) => isObject(x) && x[mergeKey] === v[mergeKey]);
    if (i >= 0) original[i] = mergeMap(original[i] as JsonObject, v, itemNode);
    else original.push(fresh(v, itemNode));
  }
  return original;
}
