/**
 * Framework-free client side of the watch protocol over ONE socket.io socket: refcounted subscriptions
 * keyed like the TanStack list key, snapshot (in pages; a first load shows each page's rows at once) → deltas (applyWatchEvents) → status,
 * and on reconnect a
 * resubscribe carrying the last resourceVersion so the server sends only what was missed (or a fresh
 * snapshot). Every server frame is validated with the zod schemas of lib/protocol.ts before use (objects in
 * snapshots and deltas by the equivalent, cheaper check of wire-frames.ts).
 * React bindings live in use-watch.ts; tests and the fault suite drive this class directly in Node.
 */
import type { Socket } from 'socket.io-client';
import {
  subscribeAck as ackSchema,
  summaryFrame as summarySchema,
  watchStatus as statusSchema,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type WireObject,
  type WireWatchEvent,
} from '../protocol';
import type { ClusterSummary } from '../api-types';
import { apiVersionOf, k8sKeys } from '../k8s/query-keys';
import type { PrinterColumn } from '../k8s/crd';
import { applyWatchEvents } from './apply-watch-event';
import { addSnapshotPage, showPage, type PagedSnapshot } from './snapshot-pages';
import { deltaFrame as deltaSchema, snapshotFrame as snapshotSchema } from './wire-frames';

export type ClientSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface WatchParams {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  labelSelector?: string;
  /** `metadata.name=<name>` and/or `metadata.namespace=<ns>` (=, ==, !=; comma = AND): e.g. one object, live */
  fieldSelector?: string;
  /** list rows (lib/k8s/rows/project.ts) instead of objects: what a list table shows, nothing more */
  rows?: boolean;
  /** a custom resource's printer columns, for its rows */
  printerColumns?: PrinterColumn[];
}

export interface WatchResult {
  items: WireObject[];
  resourceVersion: string;
  state: 'loading' | 'live' | 'reconnecting' | 'error';
  /** ISO time since when the list is not live */
  since?: string;
  error?: { status: number; reason: string; message: string };
  /** while the first snapshot is still arriving in pages (state 'loading'): objects so far, and how many in all */
  partial?: { loaded: number; total?: number };
}

export type ConnectionState = 'live' | 'reconnecting' | 'offline';

/** changed = the events of a delta (undefined for snapshots and state changes) */
export type WatchListener = (r: WatchResult, changed?: readonly WireWatchEvent[]) => void;

interface Entry {
  key: string;
  params: WatchParams;
  result: WatchResult;
  listeners: Set<WatchListener>;
  subId?: string;
  gotData: boolean;
  /** a paged snapshot being received */
  paging?: PagedSnapshot;
  /** objects of a first load's paged snapshot last shown to the listeners (snapshot-pages.ts showPage) */
  shown?: number;
}

/** User Timing marks (DevTools' Performance panel, bench:ui's trace): one per subscribe and snapshot, never per delta. */
const mark = (name: string) => globalThis.performance?.mark?.(name);

const EMPTY: WatchResult = { items: [], resourceVersion: '', state: 'loading' };

/**
 * The TanStack list key of a watch: k8sKeys.list, with the field selector appended when there is one (so it
 * stays under the same scope prefix, and a field-selected watch never overwrites the plain list's data).
 */
export function watchQueryKey(p: WatchParams): readonly string[] {
  const key = k8sKeys.list({ cluster: p.cluster, apiVersion: apiVersionOf(p.group, p.version), plural: p.resource, namespace: p.namespace, labelSelector: p.labelSelector });
  const withFields = p.fieldSelector ? [...key, p.fieldSelector] : key;
  // rows are not objects: a row watch never shares an entry with an object watch of the same list
  return p.rows ? [...withFields, `rows:${JSON.stringify(p.printerColumns ?? [])}`] : withFields;
}

export function watchKey(p: WatchParams): string {
  return JSON.stringify(watchQueryKey(p));
}

export class WatchClient {
  private entries = new Map<string, Entry>();
  private bySubId = new Map<string, Set<Entry>>();
  private connListeners = new Set<(s: ConnectionState) => void>();
  private summaries = new Map<string, { listeners: Set<(s: ClusterSummary) => void>; latest?: ClusterSummary }>();
  private conn: ConnectionState;

  constructor(readonly socket: ClientSocket) {
    this.conn = socket.connected ? 'live' : 'reconnecting';
    socket.on('connect', () => {
      this.setConn('live');
      for (const e of this.entries.values()) this.subscribe(e);
      for (const c of this.summaries.keys()) socket.emit('subscribeSummary', { cluster: c });
    });
    socket.on('disconnect', () => {
      const since = new Date().toISOString();
      this.bySubId.clear();
      for (const e of this.entries.values()) {
        e.subId = undefined;
        // a half-received snapshot is discarded: the resubscribe asks for a whole new one
        const partial = e.paging && !e.gotData;
        e.paging = undefined;
        if (partial) this.update(e, EMPTY);
        if (e.gotData) this.update(e, { ...e.result, state: 'reconnecting', since: e.result.since ?? since });
      }
      this.setConn(socket.active ? 'reconnecting' : 'offline');
    });
    socket.io.on('reconnect_failed', () => this.setConn('offline'));
    socket.on('snapshot', (raw) => {
      mark('wh:snapshot-received');
      const s = snapshotSchema.safeParse(raw);
      if (!s.success) return;
      for (const e of this.bySubId.get(s.data.subId) ?? []) {
        const p = addSnapshotPage(e.paging, s.data);
        if (s.data.total !== undefined || !e.paging) e.shown = 0;
        if (!p.done) {
          e.paging = p;
          // a first load shows rows as pages arrive (the first at once); a resnapshot keeps the whole (stale) list until the new one is whole
          if (!e.gotData && showPage(e.shown ?? 0, p.items.length)) {
            e.shown = p.items.length;
            this.update(e, { items: p.items, resourceVersion: '', state: 'loading', partial: { loaded: p.items.length, total: p.total } });
          }
          continue;
        }
        e.paging = undefined;
        e.shown = undefined;
        e.gotData = true;
        this.update(e, { items: p.items, resourceVersion: s.data.resourceVersion, state: 'live' });
      }
      mark('wh:snapshot-applied');
    });
    socket.on('delta', (raw) => {
      const d = deltaSchema.safeParse(raw);
      if (!d.success) return;
      for (const e of this.bySubId.get(d.data.subId) ?? []) {
        const items = applyWatchEvents(e.result.items, d.data.events);
        // a delta after a socket reconnect is the catch-up: the list is live again
        const state = e.result.state === 'error' ? 'error' : 'live';
        e.gotData = true;
        this.update(e, { ...e.result, items, resourceVersion: d.data.resourceVersion, state, since: state === 'live' ? undefined : e.result.since }, d.data.events);
      }
    });
    socket.on('watchStatus', (raw) => {
      const s = statusSchema.safeParse(raw);
      if (!s.success) return;
      for (const e of this.bySubId.get(s.data.subId) ?? []) {
        // before the first snapshot, a non-live status is all the caller has: show it, keep 'loading' otherwise
        if (!e.gotData && s.data.state === 'live') continue;
        // an error ends a paged snapshot (the server stopped sending it); its partial rows go
        const base = s.data.state === 'error' && e.paging && !e.gotData ? EMPTY : e.result;
        if (s.data.state === 'error') e.paging = undefined;
        this.update(e, {
          ...base,
          state: s.data.state,
          since: s.data.state === 'live' ? undefined : s.data.since,
          error: s.data.state === 'error' ? { status: 0, reason: 'WatchError', message: s.data.message ?? 'watch failed' } : undefined,
        });
      }
    });
    socket.on('summary', (raw) => {
      const s = summarySchema.safeParse(raw);
      if (!s.success) return;
      const entry = this.summaries.get(s.data.cluster);
      if (!entry) return;
      entry.latest = s.data.summary;
      for (const cb of entry.listeners) cb(s.data.summary);
    });
  }

  /** Starts (or shares) the watch; the listener gets every new result. Returns the release function. */
  watch(params: WatchParams, listener: WatchListener): () => void {
    const key = watchKey(params);
    let e = this.entries.get(key);
    if (!e) {
      e = { key, params: { ...params }, result: EMPTY, listeners: new Set(), gotData: false };
      this.entries.set(key, e);
      if (this.socket.connected) this.subscribe(e);
    }
    e.listeners.add(listener);
    const entry = e;
    return () => {
      entry.listeners.delete(listener);
      if (entry.listeners.size > 0 || this.entries.get(key) !== entry) return;
      this.entries.delete(key);
      if (entry.subId) {
        this.bySubId.get(entry.subId)?.delete(entry);
        if (!this.bySubId.get(entry.subId)?.size) {
          this.bySubId.delete(entry.subId);
          this.socket.emit('unsubscribe', { subId: entry.subId });
        }
      }
    };
  }

  current(params: WatchParams): WatchResult {
    return this.entries.get(watchKey(params))?.result ?? EMPTY;
  }

  connection(): ConnectionState {
    return this.conn;
  }

  onConnection(cb: (s: ConnectionState) => void): () => void {
    this.connListeners.add(cb);
    return () => this.connListeners.delete(cb);
  }

  watchSummary(cluster: string, cb: (s: ClusterSummary) => void): () => void {
    let entry = this.summaries.get(cluster);
    if (!entry) {
      entry = { listeners: new Set() };
      this.summaries.set(cluster, entry);
      if (this.socket.connected) this.socket.emit('subscribeSummary', { cluster });
    }
    entry.listeners.add(cb);
    if (entry.latest) cb(entry.latest);
    const en = entry;
    return () => {
      en.listeners.delete(cb);
      if (en.listeners.size || this.summaries.get(cluster) !== en) return;
      this.summaries.delete(cluster);
      this.socket.emit('unsubscribeSummary', { cluster });
    };
  }

  latestSummary(cluster: string): ClusterSummary | undefined {
    return this.summaries.get(cluster)?.latest;
  }

  private setConn(s: ConnectionState): void {
    if (s === this.conn) return;
    this.conn = s;
    for (const cb of this.connListeners) cb(s);
  }

  private subscribe(e: Entry): void {
    const { cluster, group, version, resource, namespace, labelSelector, fieldSelector, rows, printerColumns } = e.params;
    const rv = e.gotData ? e.result.resourceVersion : undefined;
    mark('wh:subscribe');
    const req = {
      cluster, group, version, resource, namespace, labelSelector,
      ...(fieldSelector ? { fieldSelector } : {}),
      ...(rows ? { rows, ...(printerColumns?.length ? { printerColumns } : {}) } : {}),
      resourceVersion: rv || undefined,
    };
    this.socket.emit('subscribe', req, (raw) => {
      if (this.entries.get(e.key) !== e) {
        // Released while subscribing. The server derives the subId from the socket and the tuple, so a newer
        // entry for the same key (React StrictMode's remount, a quick unmount/mount) shares it: unsubscribing
        // here would silently cut that entry off. Only unsubscribe when nobody wants this tuple any more.
        const a = ackSchema.safeParse(raw);
        if (a.success && a.data.ok && !this.bySubId.has(a.data.subId) && !this.entries.has(e.key)) {
          this.socket.emit('unsubscribe', { subId: a.data.subId });
        }
        return;
      }
      const a = ackSchema.safeParse(raw);
      if (!a.success) return this.update(e, { ...e.result, state: 'error', error: { status: 500, reason: 'InternalError', message: 'malformed subscribe ack' } });
      if (!a.data.ok) return this.update(e, { ...e.result, state: 'error', error: a.data.error });
      e.subId = a.data.subId;
      let set = this.bySubId.get(e.subId);
      if (!set) this.bySubId.set(e.subId, (set = new Set()));
      set.add(e);
    });
  }

  private update(e: Entry, r: WatchResult, changed?: readonly WireWatchEvent[]): void {
    e.result = r;
    for (const cb of e.listeners) cb(r, changed);
  }
}
