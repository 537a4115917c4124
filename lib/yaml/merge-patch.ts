/**
 * RFC 7386 JSON merge patch from two objects. Used for Secrets: the BFF redacts their values to "", so a
 * PUT would write those blanks back; a patch of just what the user changed keeps the other values intact.
 */
import { isPlainObject, type Json, type JsonObject } from './clean';
import { setOwn } from './merge3';
import { deepEqual } from '../k8s/machinery/equal';

export function createMergePatch(from: JsonObject, to: JsonObject): JsonObject {
  const patch: JsonObject = {};
  const has = (o: JsonObject, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  for (const k of Object.keys(from)) if (!has(to, k)) setOwn(patch, k, null);
  for (const [k, v] of Object.entries(to)) {
    const old = has(from, k) ? from[k] : undefined;
    if (old !== undefined && deepEqual(old, v)) continue;
    setOwn(patch, k, isPlainObject(old) && isPlainObject(v) ? createMergePatch(old, v) : (v as Json));
  }
  return patch;
}
