/**
 * RFC 7386 JSON merge patch from two objects. Used for Secrets: the BFF redacts their values to "", so a
 * PUT would write those blanks back; a patch of just what the user changed keeps the other values intact.
 */
import { isPlainObject, type Json, type JsonObject } from './clean';
import { deepEqual } from './merge3';

export function createMergePatch(from: JsonObject, to: JsonObject): JsonObject {
  const patch: JsonObject = {};
  for (const k of Object.keys(from)) if (!(k in to)) patch[k] = null;
  for (const [k, v] of Object.entries(to)) {
    const old = from[k];
    if (deepEqual(old, v)) continue;
    patch[k] = isPlainObject(old) && isPlainObject(v) ? createMergePatch(old, v) : (v as Json);
  }
  return patch;
}
