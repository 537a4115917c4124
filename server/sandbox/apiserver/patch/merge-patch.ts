/**
 * application/merge-patch+json (RFC 7386) as evanphx/json-patch's MergePatch does it for the
 * apiserver: null deletes, objects merge recursively, everything else (arrays included) replaces;
 * nulls inside newly added objects are dropped.
 */
import type { KObject } from '../../types';
import { badRequest } from './errors';
import { clone, isObject, type JsonObject } from './json-value';

/** Removes null members from objects, recursing into arrays' object elements (pruneNulls). */
export function pruneNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => (isObject(x) ? pruneNulls(x) : x));
  if (!isObject(v)) return v;
  const out: JsonObject = {};
  for (const [k, x] of Object.entries(v)) if (x !== null) out[k] = pruneNulls(x);
  return out;
}

export function mergeValues(target: unknown, patch: unknown): unknown {
  // evanphx prunes nulls when the target is not an object, and takes a non-object patch verbatim
  if (!isObject(target)) return pruneNulls(clone(patch));
  if (!isObject(patch)) return clone(patch);
  const out: JsonObject = { ...target };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else if (!(k in out) || out[k] === null) out[k] = pruneNulls(clone(v));
    else out[k] = mergeValues(out[k], v);
  }
  return out;
}

export function applyMergePatch(obj: KObject, patch: unknown): KObject {
  if (!isObject(patch)) {
    const t = Array.isArray(patch) ? 'array' : patch === null ? 'null' : typeof patch;
    throw badRequest(`json: cannot unmarshal ${t === 'boolean' ? 'bool' : t} into Go value of type map[string]interface {}`);
  }
  return mergeValues(clone(obj), patch) as KObject;
}
