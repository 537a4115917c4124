/**
 * WATCH semantics shared by HTTP streams and in-process watchers: initial state (legacy rv unset/0 or
 * sendInitialEvents=true with its `k8s.io/initial-events-end` bookmark), resume from a resourceVersion
 * (410 Expired when older than the retained history), bookmarks that never overtake undelivered
 * events, and selector transitions (handled in the store).
 */
import type { KObject } from '../types';
import type { ServedKind } from '../kinds';
import type { StoredEvent, StoredEventType, Watcher } from '../store/store';
import { storageKey } from './kind-registry';
import { badRequest, expired, StatusError, type StatusBody } from './errors';
import { selectorPredicate } from './list';
import type { GenericRegistry } from './ops';

export interface WatchParams {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  sendInitialEvents?: boolean;
  allowWatchBookmarks?: boolean;
  /** ms between BOOKMARK events when allowed */
  bookmarkIntervalMs?: number;
  /** ms until the server ends the watch (timeoutSeconds): a BOOKMARK goes out 2 s before, like the watch cache's */
  timeoutMs?: number;
  /** hold the first callbacks until a microtask (in-process watchers must never be called synchronously) */
  defer?: boolean;
}

export interface WatchSink {
  event(type: StoredEventType, obj: KObject, ev?: StoredEvent): void;
  flush?(): void;
  bookmark(rv: string, initialEventsEnd: boolean): void;
  /** the watch cannot start (410): deliver an ERROR event and end */
  error(status: StatusBody): void;
}

/** Starts a watch; throws StatusError for bad parameters. Returns the stop function. */
export function startWatch(api: GenericRegistry, k: ServedKind, p: WatchParams, target: WatchSink): () => void {
  const sink = p.defer ? deferredSink(target) : target;
  const filter = selectorPredicate(k, p);
  if (p.resourceVersion && !/^\d+$/.test(p.resourceVersion)) {
    throw badRequest(`resourceVersion: Invalid value: "${p.resourceVersion}": strconv.ParseUint: parsing "${p.resourceVersion}": invalid syntax`);
  }
  if (p.sendInitialEvents && !p.allowWatchBookmarks) {
    throw new StatusError(
      422,
      'Invalid',
      `ListOptions.meta.k8s.io "" is invalid: allowWatchBookmarks: Required value: allowWatchBookmarks must be set to true when sendInitialEvents is true`,
    );
  }
  const sk = storageKey(k);
  const ns = k.namespaced ? p.namespace || undefined : undefined;
  const view = (o: KObject) => api.view(k, o);
  let stopped = false;
  const w: Watcher = {
    namespace: ns,
    filter,
    lastRv: 0,
    onEvent: (type, obj, ev) => {
      if (!stopped) sink.event(type, view(obj), ev);
    },
    onFlush: () => {
      if (!stopped) sink.flush?.();
    },
  };
  let timer: NodeJS.Timeout | undefined;
  let preTimeout: NodeJS.Timeout | undefined;
  const sendBookmark = (): boolean => {
    // a bookmark may only claim a revision once every event up to it has been delivered
    if (stopped || api.store.dispatching) return false;
    w.lastRv = Math.max(w.lastRv, api.store.revision);
    sink.bookmark(String(w.lastRv), false);
    sink.flush?.();
    return true;
  };
  const begin = () => {
    if (stopped) return;
    const rv = p.resourceVersion;
    const initial = p.sendInitialEvents === true || !rv || rv === '0';
    if (initial) {
      for (const [, o] of api.store.scan(sk, ns)) {
        if (!filter || filter(o)) sink.event('ADDED', view(o));
      }
      w.lastRv = api.store.revision;
      if (p.sendInitialEvents) sink.bookmark(String(w.lastRv), true);
      sink.flush?.();
      api.store.watch(sk, w);
    } else {
      const from = Number(rv);
      if (!api.store.watch(sk, w, from)) {
        stopped = true;
        sink.error(expired(`too old resource version: ${from} (${api.store.compactedRevision(sk) + 1})`).status);
        return;
      }
    }
    if (p.allowWatchBookmarks) {
      timer = setInterval(sendBookmark, p.bookmarkIntervalMs ?? 60_000);
      timer.unref?.();
      // cacheWatcher.nextBookmarkTime: one more right before the deadline, so the client resumes from it
      const pre = (p.timeoutMs ?? -1) - 2000;
      if (pre >= 0) {
        const fire = () => {
          if (!stopped && !sendBookmark()) preTimeout = setTimeout(fire, 5);
        };
        preTimeout = setTimeout(fire, pre);
        preTimeout.unref?.();
      }
    }
  };
  begin();
  return () => {
    if (stopped && !timer) return;
    stopped = true;
    if (timer) clearInterval(timer);
    clearTimeout(preTimeout);
    timer = undefined;
    api.store.unwatch(sk, w);
  };
}

/**
 * The watch starts (snapshot and registration) synchronously, but its first callbacks are held
 * until a microtask so an in-process watcher is never called inside watch() or a write.
 */
function deferredSink(t: WatchSink): WatchSink {
  let held: (() => void)[] | undefined = [];
  queueMicrotask(() => {
    const q = held!;
    held = undefined;
    for (const f of q) f();
  });
  const run = (f: () => void) => (held ? held.push(f) : f());
  return {
    event: (type, obj, ev) => run(() => t.event(type, obj, ev)),
    flush: () => run(() => t.flush?.()),
    bookmark: (rv, end) => run(() => t.bookmark(rv, end)),
    error: (status) => run(() => t.error(status)),
  };
}

export function bookmarkObject(k: ServedKind, rv: string, initialEventsEnd: boolean): KObject {
  return {
    kind: k.kind,
    apiVersion: k.group ? `${k.group}/${k.version}` : k.version,
    metadata: {
      resourceVersion: rv,
      ...(initialEventsEnd ? { annotations: { 'k8s.io/initial-events-end': 'true' } } : {}),
    },
  };
}
