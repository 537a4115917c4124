/**
 * The cache behind a resource served in a second API version as a converted view of its stored form
 * (events-view.ts, hpa-v1.ts): one view per stored revision, shared by all readers. Views of frozen stored
 * objects are frozen and cached, so their JSON is serialized once (json-cache); each view remembers the
 * stored object it came from, so Table columns can read the stored form without converting back.
 */
import type { KObject } from '../types';

export interface ViewCache {
  /** the view of a stored object (cached when the stored object is frozen) */
  of(stored: KObject): KObject;
  /** the stored object a view was made from, when it came from of() */
  storedOf(view: KObject): KObject | undefined;
}

export function viewCache(convert: (stored: KObject) => KObject): ViewCache {
  const views = new WeakMap<KObject, KObject>();
  const sources = new WeakMap<KObject, KObject>();
  return {
    of(stored) {
      const hit = views.get(stored);
      if (hit) return hit;
      const v = convert(stored);
      sources.set(v, stored);
      if (Object.isFrozen(stored)) {
        Object.freeze(v);
        views.set(stored, v);
      }
      return v;
    },
    storedOf: (view) => sources.get(view),
  };
}
