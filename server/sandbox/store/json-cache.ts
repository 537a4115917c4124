/**
 * Serialized JSON of stored objects, computed at most once per object version. Stored objects are
 * immutable, so the cache can be keyed by identity; entries die with the object.
 */
const cache = new WeakMap<object, string>();

export function jsonOf(obj: object): string {
  let s = cache.get(obj);
  if (s === undefined) {
    s = JSON.stringify(obj);
    cache.set(obj, s);
  }
  return s;
}

/** A deep, independent copy (for callers that will mutate, e.g. before a write). */
export function cloneObj<T extends object>(obj: T): T {
  return JSON.parse(jsonOf(obj)) as T;
}
