/**
 * Serialization helpers. Stored objects are not cached as JSON: with 50,000 pods a permanent
 * per-object cache doubles resident memory, and a page of 500 serializes in a few milliseconds.
 * Watch fan-out instead caches one line per stored event (see apiserver/watch-http.ts), which lives
 * only as long as the bounded event history.
 */
export function jsonOf(obj: object): string {
  return JSON.stringify(obj);
}

/** A deep, independent copy (for callers that will mutate, e.g. before a write). */
export function cloneObj<T extends object>(obj: T): T {
  return JSON.parse(JSON.stringify(obj)) as T;
}
