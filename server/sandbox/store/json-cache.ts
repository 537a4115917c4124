/**
 * Serialization helpers. A stored object is immutable (frozen by the store) and is serialized at most
 * once: its JSON is kept in a WeakMap keyed by the object, so it lives exactly as long as the stored
 * revision (it is dropped with the object when a newer revision replaces it and the history lets it go).
 * The HTTP write response, every watcher's event line and every list page then reuse one string
 * instead of each calling JSON.stringify. Objects that are not frozen (fresh, still being built) are
 * never cached, since they may still change.
 */
const cache = new WeakMap<object, string>();

export function jsonOf(obj: object): string {
  const hit = cache.get(obj);
  if (hit !== undefined) return hit;
  const s = JSON.stringify(obj);
  if (Object.isFrozen(obj)) cache.set(obj, s);
  return s;
}

/** A deep, independent copy (for callers that will mutate, e.g. before a write). */
export function cloneObj<T extends object>(obj: T): T {
  return JSON.parse(jsonOf(obj)) as T;
}
