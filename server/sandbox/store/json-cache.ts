/**
 * Serialization helpers. A stored object is immutable (frozen by the store) and is serialized at most
 * once: its JSON is kept as UTF-8 bytes in a WeakMap keyed by the object, so it lives exactly as long as
 * the stored revision (it is dropped with the object when a newer revision replaces it and the history
 * lets it go). The HTTP write response, every watcher's event line and every list page then copy these
 * bytes instead of each calling JSON.stringify and encoding the text again. Objects that are not frozen
 * (fresh, still being built) are never cached, since they may still change.
 *
 * Bytes rather than strings: each object's JSON gets a buffer of its own outside the JS heap. Reading a
 * large number of heap strings for the first time after they were written (a 50,000-pod list) costs this
 * kind of VM about 11 µs per string in page faults, off-heap buffers do not; a buffer of its own (not a
 * slice of Node's shared pool) so a long-lived object never keeps other objects' dead bytes alive.
 */
const cache = new WeakMap<object, Buffer>();

function encode(obj: object): Buffer {
  const s = JSON.stringify(obj);
  const b = Buffer.allocUnsafeSlow(Buffer.byteLength(s));
  b.write(s, 0);
  return b;
}

/** The object's JSON as UTF-8 bytes (shared: never modify them). */
export function bytesOf(obj: object): Buffer {
  const hit = cache.get(obj);
  if (hit !== undefined) return hit;
  const b = encode(obj);
  if (Object.isFrozen(obj)) cache.set(obj, b);
  return b;
}

/** The object's JSON text. */
export function jsonOf(obj: object): string {
  const hit = cache.get(obj);
  if (hit !== undefined) return hit.toString('utf8');
  const s = JSON.stringify(obj);
  if (Object.isFrozen(obj)) {
    const b = Buffer.allocUnsafeSlow(Buffer.byteLength(s));
    b.write(s, 0);
    cache.set(obj, b);
  }
  return s;
}

/** A deep, independent copy (for callers that will mutate, e.g. before a write). */
export function cloneObj<T extends object>(obj: T): T {
  return JSON.parse(jsonOf(obj)) as T;
}
