/**
 * The object store: one global revision counter (= resourceVersion, like etcd's revision), one table
 * per resource, and a bounded per-resource event history so watches can resume. Stored objects are
 * immutable (a write replaces the object), so readers share them without cloning and each object is
 * serialized at most once (see json-cache.ts).
 */
import type { KObject } from '../types';
import type { Predicate } from './selectors';
import { bytesOf } from './json-cache';

export type StoredEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredEvent {
  rv: number;
  type: StoredEventType;
  key: string;
  obj: KObject;
  /**
   * previous state, for MODIFIED (selector transitions turn it into ADDED/DELETED per watcher) and
   * DELETED (continued lists rebuild the state at an older revision from it)
   */
  prev?: KObject;
}

export interface Watcher {
  namespace?: string;
  filter?: Predicate;
  /** highest rv delivered (or replayed); events at or below it are skipped, so replays never duplicate */
  lastRv: number;
  onEvent(type: StoredEventType, obj: KObject, ev: StoredEvent): void;
  /** called once after each batch of events, so HTTP watchers write once per batch */
  onFlush?(): void;
}

export const DEFAULT_HISTORY = 10_000;

class Table {
  readonly objects = new Map<string, KObject>();
  sorted: string[] | null = null;
  /** bumped on every key insert/removal so a scan notices the array moved under it */
  keysVersion = 0;
  history: StoredEvent[] = [];
  historyStart = 0;
  /** rv of the newest event dropped from history: resuming from an older rv is impossible (410) */
  compactedRv = 0;
  readonly watchers = new Set<Watcher>();
  /** the last snapshot overlay built (continued lists ask for the same revision page after page) */
  overlay?: { rv: number; upToRv: number; map: Map<string, KObject | null> };

  sortedKeys(): string[] {
    if (!this.sorted) this.sorted = [...this.objects.keys()].sort();
    return this.sorted;
  }
}

function lowerBound(arr: string[], key: string): number {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Stored objects are shared by every reader: freezing turns an accidental in-place edit into an error. */
function deepFreeze(o: unknown): void {
  if (o === null || typeof o !== 'object' || Object.isFrozen(o)) return;
  Object.freeze(o);
  for (const v of Object.values(o)) deepFreeze(v);
}

/**
 * Under test every stored object is frozen all the way down, so any in-place edit by a controller or
 * handler fails loudly there. Outside tests only the top level and metadata are frozen: walking a
 * 50,000-pod store's every node costs more than the rest of a bulk write, and the code paths are the
 * same ones the tests exercise.
 */
const DEEP_FREEZE = !!process.env.VITEST || process.env.SANDBOX_DEEP_FREEZE === '1';

function freezeStored(o: KObject): void {
  if (DEEP_FREEZE) return deepFreeze(o);
  Object.freeze(o.metadata);
  Object.freeze(o);
}

export { namespacedKey as objectKey } from '../../../lib/k8s/machinery/keys';

export class ObjectStore {
  private rev: number;
  private readonly tables = new Map<string, Table>();
  private pending: { table: Table; ev: StoredEvent }[] = [];
  private flushScheduled = false;

  constructor(
    private readonly historyLimit = DEFAULT_HISTORY,
    startRev = 1000,
  ) {
    this.rev = startRev;
  }

  /** Current global revision (the resourceVersion of the newest write). */
  get revision(): number {
    return this.rev;
  }

  /** True while written events wait to be dispatched; bookmarks must not overtake them. */
  get dispatching(): boolean {
    return this.pending.length > 0;
  }

  private table(resourceKey: string): Table {
    let t = this.tables.get(resourceKey);
    if (!t) {
      t = new Table();
      this.tables.set(resourceKey, t);
    }
    return t;
  }

  get(resourceKey: string, key: string): KObject | undefined {
    return this.tables.get(resourceKey)?.objects.get(key);
  }

  count(resourceKey: string): number {
    return this.tables.get(resourceKey)?.objects.size ?? 0;
  }

  /**
   * The sorted keys of one resource (shared array: read it synchronously, never keep it) and the
   * index range [from, to) of keys inside `namespace` and strictly after `after`.
   */
  range(resourceKey: string, namespace?: string, after?: string): { keys: string[]; from: number; to: number } {
    const t = this.tables.get(resourceKey);
    if (!t) return { keys: [], from: 0, to: 0 };
    const keys = t.sortedKeys();
    const prefix = namespace ? `${namespace}/` : '';
    const from = lowerBound(keys, after !== undefined && after >= prefix ? after + '\u0000' : prefix);
    const to = prefix ? lowerBound(keys, `${namespace}0`) : keys.length; // '0' sorts right after '/'
    return { keys, from, to: Math.max(from, to) };
  }

  /**
   * Iterates objects in key order, optionally within one namespace and strictly after `after`.
   * Yields [key, object].
   */
  *scan(resourceKey: string, namespace?: string, after?: string): Generator<[string, KObject]> {
    const t = this.tables.get(resourceKey);
    if (!t) return;
    const keys = t.sortedKeys();
    const prefix = namespace ? `${namespace}/` : '';
    let i = lowerBound(keys, after !== undefined && after >= prefix ? after + '\u0000' : prefix);
    const ver = t.keysVersion;
    for (; i < keys.length; i++) {
      const k = keys[i];
      if (prefix && !k.startsWith(prefix)) break;
      const o = t.objects.get(k);
      if (o) yield [k, o];
      // the consumer wrote between yields (e.g. deleting while scanning): find our place again
      if (t.keysVersion !== ver || t.sorted !== keys) return yield* this.scan(resourceKey, namespace, k);
    }
  }

  /**
   * Stores `obj` (a fresh object the caller will not mutate again), stamping metadata.resourceVersion.
   * Returns the stored object.
   */
  put(resourceKey: string, key: string, obj: KObject): KObject {
    const t = this.table(resourceKey);
    const prev = t.objects.get(key);
    const rv = ++this.rev;
    obj.metadata.resourceVersion = String(rv);
    freezeStored(obj);
    // serialized once, now: the write's HTTP response, every watcher's event line and later list
    // pages all reuse these bytes (see json-cache.ts)
    bytesOf(obj);
    if (!prev) {
      t.keysVersion++;
      if (t.sorted) t.sorted.splice(lowerBound(t.sorted, key), 0, key);
    }
    t.objects.set(key, obj);
    this.record(t, { rv, type: prev ? 'MODIFIED' : 'ADDED', key, obj, prev });
    return obj;
  }

  /** Removes the object; the DELETED event carries it with the deletion's resourceVersion, like etcd. */
  remove(resourceKey: string, key: string): KObject | undefined {
    const t = this.tables.get(resourceKey);
    const prev = t?.objects.get(key);
    if (!t || !prev) return undefined;
    const rv = ++this.rev;
    const obj: KObject = { ...prev, metadata: { ...prev.metadata, resourceVersion: String(rv) } };
    Object.freeze(obj);
    Object.freeze(obj.metadata);
    t.objects.delete(key);
    t.keysVersion++;
    if (t.sorted) {
      const i = lowerBound(t.sorted, key);
      if (t.sorted[i] === key) t.sorted.splice(i, 1);
    }
    this.record(t, { rv, type: 'DELETED', key, obj, prev });
    return obj;
  }

  /**
   * The objects of one resource as they were at revision `rv`, as an overlay on the current table:
   * key -> the object at rv, or null when the key did not exist then; keys absent from the map have
   * not changed since. Undefined when rv is older than the retained history (the past state is gone).
   * Built from the event history, and extended rather than rebuilt while one paged list continues.
   */
  stateAt(resourceKey: string, rv: number): Map<string, KObject | null> | undefined {
    const t = this.tables.get(resourceKey);
    if (!t) return new Map();
    if (rv < t.compactedRv) return undefined;
    const h = t.history;
    if (h.length === t.historyStart || h[h.length - 1].rv <= rv) return new Map();
    if (!t.overlay || t.overlay.rv !== rv) t.overlay = { rv, upToRv: rv, map: new Map() };
    const o = t.overlay;
    // history is ordered by rv: binary search for the first event not yet folded in
    let lo = t.historyStart;
    let hi = h.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (h[mid].rv <= o.upToRv) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < h.length; i++) {
      const ev = h[i];
      // the first event after rv for a key tells its state at rv: absent before an ADDED, ev.prev before the rest
      if (!o.map.has(ev.key)) o.map.set(ev.key, ev.type === 'ADDED' ? null : (ev.prev ?? null));
    }
    o.upToRv = h[h.length - 1].rv;
    return o.map;
  }

  private record(t: Table, ev: StoredEvent): void {
    t.history.push(ev);
    if (t.history.length - t.historyStart > this.historyLimit) {
      t.compactedRv = t.history[t.historyStart].rv;
      t.historyStart++;
      // compact the array lazily: shifting 10k entries per write would dominate the write path
      if (t.historyStart > this.historyLimit) {
        t.history = t.history.slice(t.historyStart);
        t.historyStart = 0;
      }
    }
    if (t.watchers.size === 0) return;
    this.pending.push({ table: t, ev });
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      // one dispatch per event-loop turn batches the writes of many requests into one socket
      // write per watcher (per-write dispatch costs a TLS record per watcher per write)
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.pending;
    this.pending = [];
    const touched = new Set<Watcher>();
    for (const { table, ev } of batch) {
      for (const w of table.watchers) {
        if (deliver(w, ev)) touched.add(w);
      }
    }
    for (const w of touched) w.onFlush?.();
  }

  /** Oldest resourceVersion a watch on this resource may resume from. */
  compactedRevision(resourceKey: string): number {
    return this.tables.get(resourceKey)?.compactedRv ?? 0;
  }

  /**
   * Registers a watcher. With fromRv, replays retained history newer than it first; returns false when
   * fromRv is older than the retained history (the caller answers 410 Expired).
   * Without fromRv, the caller has already sent the initial state up to w.lastRv.
   */
  watch(resourceKey: string, w: Watcher, fromRv?: number): boolean {
    const t = this.table(resourceKey);
    if (fromRv !== undefined) {
      if (fromRv < t.compactedRv) return false;
      w.lastRv = Math.max(w.lastRv, fromRv);
      let i = t.history.length;
      // history is ordered by rv: find the first event newer than fromRv from the end
      while (i > t.historyStart && t.history[i - 1].rv > fromRv) i--;
      let any = false;
      for (; i < t.history.length; i++) any = deliver(w, t.history[i]) || any;
      if (any) w.onFlush?.();
    }
    t.watchers.add(w);
    return true;
  }

  unwatch(resourceKey: string, w: Watcher): void {
    this.tables.get(resourceKey)?.watchers.delete(w);
  }

  watcherCount(resourceKey: string): number {
    return this.tables.get(resourceKey)?.watchers.size ?? 0;
  }
}

/** Applies namespace and selector filtering with the real transition rules. */
function deliver(w: Watcher, ev: StoredEvent): boolean {
  if (ev.rv <= w.lastRv) return false;
  w.lastRv = ev.rv;
  if (w.namespace !== undefined && ev.obj.metadata.namespace !== w.namespace) return false;
  const f = w.filter;
  if (!f) {
    w.onEvent(ev.type, ev.obj, ev);
    return true;
  }
  if (ev.type === 'MODIFIED' && ev.prev) {
    const now = f(ev.obj);
    const before = f(ev.prev);
    if (now && before) w.onEvent('MODIFIED', ev.obj, ev);
    else if (now) w.onEvent('ADDED', ev.obj, ev);
    else if (before) w.onEvent('DELETED', ev.obj, ev);
    else return false;
    return true;
  }
  if (!f(ev.obj)) return false;
  w.onEvent(ev.type, ev.obj, ev);
  return true;
}
