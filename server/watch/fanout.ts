/**
 * socket.io side of the watch hub: subscribe → ack {subId} → snapshot (or, with a known resourceVersion,
 * only the missed events) → ordered deltas batched per feed in windows of `batchMs`, widened up to 50 ms (for a thousand viewers and more, as far as the flush cost needs, ≤ 250 ms) for
 * a feed whose flushes are expensive (many sockets) → watchStatus on informer state changes. Every client payload is validated with lib/protocol.ts schemas.
 * Ordering: a new member's snapshot is taken right after flushing the feed's pending batch. A snapshot goes out
 * in pages (PagingOptions: a small first page so the table shows rows at once, then larger ones, a macrotask
 * apart so one 10,000-object snapshot does not hold up other sockets); meanwhile the member is counted in
 * the view but not in its room: the view's batches are held for it and sent as one delta right after the last
 * page, in the same tick as it joins the room, so it neither misses nor repeats an event.
 */
import type { Server, Socket } from 'socket.io';
import type { Logger } from 'pino';
import { unsubscribeRequest, type ClientToServerEvents, type ServerToClientEvents, type WireObject } from '../../lib/protocol';
import type { InformerEvent } from '../k8s/informer';
import type { Obj } from '../k8s/strip';
import { toApiError } from '../k8s/errors';
import type { DiscoveryCache } from '../clusters/discovery';
import { feedKey, type Feed, type Lease, type WatchHub } from './hub';
import { listWatchChecks, type AccessGuard } from './access-guard';
import { socketIdentity } from './access';
import { canonicalFieldSelector } from './field-selector';
import { fail, parseSubscription } from './subscribe-request';
import { filterCatchUp, filterLive, foldDiff, inView, makeView, viewId, type View, type WireEvent } from './views';
import { RowProjector, rowColumns } from './rows';
import { cacheTrim } from '../k8s/trim';
import { sendShared, whenWritten } from './shared-frames';
import { SnapshotPages, SnapshotShares } from './snapshot-share';

type IO = Server<ClientToServerEvents, ServerToClientEvents>;
type Sock = Socket<ClientToServerEvents, ServerToClientEvents>;

interface FeedFanout {
  views: Map<string, View>;
  /** row views' projectors by id (rows.ts) */
  projectors: Map<string, RowProjector>;
  pending: InformerEvent[];
  timer?: NodeJS.Timeout;
  lastFlush: number;
  /** moving average of a flush's synchronous time (the socket writes), which sets the batch window */
  flushCostMs: number;
  unsubs: (() => void)[];
}

/** a hot feed's flushes may take at most 1/FLUSH_DUTY of the event loop ... */
const FLUSH_DUTY = 4;
/** ... within the batching share of the latency budget */
const MAX_WINDOW_MS = 50;
/**
 * ... or, for a feed whose flush alone takes 25 ms or more (a thousand viewers and up on a 2-core box), as long as
 * keeps its flushes within that duty, up to 250 ms: there every flush is one socket write per viewer (~10-40 µs
 * each, mostly the write syscall), so 2,000 viewers of a list changing 20 times a second are 40,000 writes/s —
 * more than a core — at 50 ms. A capped window let a slow box fall behind without bound (latency growing for as
 * long as the updates came); a window that follows the cost trades latency for staying caught up.
 */
const WIDE_WINDOW_MS = 250;
const WIDE_FLUSH_MS = 25;

interface Sub {
  lease: Lease;
  /** stops the per-subscriber access re-checks (server/watch/access-guard.ts) */
  untrack?: () => void;
  view?: View;
  /** while its snapshot is being paged: the view's batches held for it */
  pager?: { events: WireEvent[] };
}

export interface PagingOptions {
  /** objects in a snapshot's first page (what the table shows first) */
  firstPage: number;
  /** objects in each later page */
  pageSize: number;
  /** rows in each later page of a row view (a row is ~4x smaller than a pod); default pageSize */
  rowPageSize?: number;
  /** between pages: lets other sockets' work run (tests pass a hook here) */
  yieldPage: () => Promise<void>;
}

/**
 * ~0.5 MB of pods first, then ~4.5 MB pages (~30 ms to encode each on the server). Rows: ~1.4 MB pages of 2,000;
 * a row page costs more server time per byte than an object page (each row is projected, then encoded), and the
 * page's own HTTP requests (clusters, session, discovery: several event-loop turns each) wait between pages —
 * with 5,000-row pages (~170 ms each on a quiet 2-core box) the list's first row waited for them. The browser
 * re-renders only when its list has doubled (lib/realtime/snapshot-pages.ts), so more frames cost it little.
 */
const DEFAULT_PAGING: PagingOptions = { firstPage: 250, pageSize: 2_000, rowPageSize: 2_000, yieldPage: () => new Promise((r) => setImmediate(r)) };

const MAX_SUBS_PER_SOCKET = 256;

export class WatchFanout {
  readonly stats = { deltasSent: 0, snapshotsSent: 0, catchUpsSent: 0 };
  private unsubHub: () => void;
  private unsubFold: () => void;
  private readonly snapshots = new SnapshotShares<View>();

  constructor(
    private readonly io: IO,
    private readonly hub: WatchHub,
    private readonly discovery: DiscoveryCache,
    private readonly logger: Logger,
    /** per-subscriber authorization: list+watch before joining a room, revocation when RBAC changes */
    private readonly guard: AccessGuard,
    /** 20 ms: half the ≤50 ms budget, measured p50 ≈ 20 ms vs 35 ms at 30 ms on a loaded 2-core box */
    private readonly batchMs = 20,
    private readonly paging: PagingOptions = DEFAULT_PAGING,
  ) {
    this.unsubHub = hub.onFeed((f, ev) => {
      if (ev !== 'stopped') return;
      const st = f.ext.get('fanout') as FeedFanout | undefined;
      if (!st) return;
      clearTimeout(st.timer);
      for (const u of st.unsubs) u();
    });
    this.unsubFold = hub.onFold((from, to) => this.fold(from, to));
    io.on('connection', (socket) => this.onConnection(socket));
  }

  stop(): void {
    this.unsubHub();
    this.unsubFold();
  }

  /**
   * A namespaced feed is folded into the all-namespaces one (hub.ts): both feeds' queued batches go out first
   * (the old one's to its views, the new one's to its own), then the views move, each sent only the difference
   * between what its members hold and what the new feed shows (none when the fold found them in agreement).
   * Subscriptions keep their subIds and rooms (ids do not depend on which feed serves them).
   */
  private fold(from: Feed, to: Feed): void {
    const src = from.ext.get('fanout') as FeedFanout | undefined;
    if (!src?.views.size) return;
    this.flush(from);
    const dst = this.state(to);
    this.flush(to);
    const held = from.informer.items();
    const target = to.informer.items();
    const { state, message, since, resourceVersion } = to.informer;
    for (const v of src.views.values()) {
      const diff = foldDiff(v, held, target);
      let evs = diff as WireEvent[];
      if (v.rows) {
        const from = src.projectors.get(v.rows)!;
        let p = dst.projectors.get(v.rows);
        if (!p) dst.projectors.set(v.rows, (p = new RowProjector(v.rows, from.columns)));
        p.views++;
        evs = p.all(diff);
      }
      if (evs.length) {
        for (const p of v.paging ?? []) for (const e of evs) p.events.push(e);
        this.stats.deltasSent += v.members - (v.paging?.size ?? 0);
        this.io.to(v.room).emit('delta', { subId: v.subId, events: evs as never, resourceVersion });
      }
      if (dst.views.has(v.subId)) this.logger.warn({ subId: v.subId }, 'fold: view already on the all-namespaces feed');
      dst.views.set(v.subId, v);
      if (state !== from.informer.state) this.io.to(v.room).emit('watchStatus', { subId: v.subId, state, message, since });
    }
    src.views.clear();
    src.projectors.clear();
  }

  private state(feed: Feed): FeedFanout {
    const st = feed.ext.get('fanout') as FeedFanout | undefined;
    if (st) return st;
    const s: FeedFanout = { views: new Map(), projectors: new Map(), pending: [], unsubs: [], lastFlush: 0, flushCostMs: 0 };
    s.unsubs.push(
      feed.informer.onEvents((events) => {
        for (const e of events) s.pending.push(e);
        // leading edge: the first event after a quiet window goes out at once; later ones wait for the
        // window to close, so a busy feed sends at most one batch per window
        s.timer ??= setTimeout(() => this.flush(feed), Math.max(0, s.lastFlush + this.windowMs(s) - Date.now()));
      }),
      feed.informer.onState(() => {
        this.flush(feed);
        const { state, message, since } = feed.informer;
        for (const v of s.views.values()) this.io.to(v.room).emit('watchStatus', { subId: v.subId, state, message, since });
      }),
    );
    feed.ext.set('fanout', s);
    return s;
  }

  /**
   * A batch costs one socket write per member (a syscall each; the frame itself is encoded once per view
   * by the room broadcast), so a feed whose flushes are expensive waits longer between them: batchMs for
   * a handful of sockets, up to 50 ms when a flush takes 12.5 ms or more (~500 loopback sockets on a
   * busy 2-core box), which there means 10,000 socket writes/s instead of 25,000 at 200 updates/s.
   */
  private windowMs(st: FeedFanout): number {
    const cap = st.flushCostMs >= WIDE_FLUSH_MS ? WIDE_WINDOW_MS : MAX_WINDOW_MS;
    return Math.min(Math.max(this.batchMs, cap), Math.max(this.batchMs, FLUSH_DUTY * st.flushCostMs));
  }

  private flush(feed: Feed): void {
    const st = this.state(feed);
    clearTimeout(st.timer);
    st.timer = undefined;
    if (!st.pending.length) return;
    const events = st.pending;
    st.pending = [];
    const t0 = performance.now();
    st.lastFlush = Date.now();
    const rv = feed.informer.resourceVersion;
    for (const p of st.projectors.values()) p.observe(events);
    for (const v of st.views.values()) {
      const filtered = filterLive(v, events);
      const evs = v.rows ? st.projectors.get(v.rows)!.live(filtered) : (filtered as WireEvent[]);
      if (!evs.length) continue;
      for (const p of v.paging ?? []) for (const e of evs) p.events.push(e);
      this.stats.deltasSent += v.members - (v.paging?.size ?? 0);
      this.io.to(v.room).emit('delta', { subId: v.subId, events: evs, resourceVersion: rv });
    }
    st.flushCostMs = 0.7 * st.flushCostMs + 0.3 * (performance.now() - t0);
  }

  /**
   * Sends `items` (taken in this tick, right after a flush) in list order as snapshot pages at the informer's current
   * resourceVersion. From the first page on the subscriber counts in the view, whose batches are held for it
   * (flush) until join(); stops early when `alive` turns false (unsubscribed, dropped or disconnected).
   */
  private async sendPaged(socket: Sock, sub: Sub, view: View, items: () => Obj[], alive: () => boolean, rows?: RowProjector): Promise<void> {
    const resourceVersion = sub.lease.feed.informer.resourceVersion;
    sub.pager = { events: [] };
    (view.paging ??= new Set()).add(sub.pager);
    view.members++;
    sub.view = view;
    const later = rows ? this.paging.rowPageSize ?? this.paging.pageSize : this.paging.pageSize;
    // viewers subscribing at the same resourceVersion share the pages' order, payloads and encoded frames
    const pages = this.snapshots.acquire(view, resourceVersion, () =>
      new SnapshotPages(resourceVersion, items(), { first: this.paging.firstPage, later }, this.io.encoder, (objs, first, more) => ({
        subId: view.subId,
        items: (rows ? rows.page(objs) : objs) as WireObject[],
        resourceVersion,
        more,
        ...(first ? { total: pages.total } : {}),
      })),
    );
    try {
      for (let i = 0; ; i++) {
        sendShared(socket as unknown as Socket, pages.frame(i));
        if (!pages.more(i)) return;
        // a page at a time in the socket's write queue (shared-frames.ts whenWritten)
        await whenWritten(socket as unknown as Socket);
        await this.paging.yieldPage();
        if (!alive()) return;
      }
    } finally {
      this.snapshots.release(view, pages);
    }
  }

  /** Joins the view's room; a paged subscriber first gets the batches held for it, in the same tick. */
  private join(socket: Sock, sub: Sub, view: View): void {
    const held = sub.pager;
    if (held) {
      view.paging?.delete(held);
      sub.pager = undefined;
      if (held.events.length) {
        this.stats.deltasSent++;
        socket.emit('delta', { subId: view.subId, events: held.events as never, resourceVersion: sub.lease.feed.informer.resourceVersion });
      }
    } else {
      view.members++;
      sub.view = view;
    }
    void socket.join(view.room);
  }

  private onConnection(socket: Sock): void {
    const subs = new Map<string, Sub>();
    const drop = (subId: string) => {
      const sub = subs.get(subId);
      if (!sub) return;
      subs.delete(subId);
      sub.lease.release();
      sub.untrack?.();
      const v = sub.view;
      if (!v) return;
      if (sub.pager) v.paging?.delete(sub.pager);
      void socket.leave(v.room);
      v.members--;
      if (v.members > 0) return;
      const st = sub.lease.feed.ext.get('fanout') as FeedFanout | undefined;
      if (st?.views.get(v.subId) !== v) return;
      st.views.delete(v.subId);
      const p = v.rows ? st.projectors.get(v.rows) : undefined;
      // the last row view of a column set gone: its rows are not kept
      if (p && --p.views === 0) st.projectors.delete(p.id);
    };

    socket.on('subscribe', async (raw, ack) => {
      if (typeof ack !== 'function') return;
      const parsed = parseSubscription(raw);
      if ('error' in parsed) return ack(parsed.error);
      const { req, reqs, fields } = parsed;
      let namespaced: boolean;
      try {
        const info = await this.discovery.find(req.cluster, req.group, req.version, req.resource);
        if (!info) return ack(fail(404, 'NotFound', `the server could not find the requested resource (${req.resource}.${req.group || 'core'}/${req.version})`));
        if (!info.verbs.includes('watch') || !info.verbs.includes('list'))
          return ack(fail(405, 'MethodNotAllowed', `${req.resource} cannot be watched`));
        namespaced = info.namespaced;
      } catch (e) {
        const err = toApiError(e, req.cluster);
        return ack(fail(err.status, err.reason, err.message));
      }
      // one shared informer serves everyone: the person must be allowed to list AND watch what they subscribe to
      const gate = await this.guard.open(socketIdentity(socket), req.cluster, listWatchChecks(req.group, req.resource, namespaced ? req.namespace : undefined));
      if (!gate.ok) return ack({ ok: false, error: gate.error });
      if (!socket.connected) return;
      if (subs.size >= MAX_SUBS_PER_SOCKET) return ack(fail(429, 'TooManyRequests', `at most ${MAX_SUBS_PER_SOCKET} watches per connection`));
      const namespace = namespaced ? req.namespace : undefined;
      // an object (not a row) followed by name, of a kind whose shared informer keeps trimmed objects (server/k8s/
      // trim.ts): the whole object comes from its own by-name informer
      const byName = !req.rows && cacheTrim(req.group, req.resource) ? fields?.find((f) => f.field === 'metadata.name' && f.op === '=')?.value : undefined;
      const lease = this.hub.acquire({ cluster: req.cluster, group: req.group, version: req.version, resource: req.resource, namespace, ...(byName !== undefined ? { name: byName } : {}) });
      // ids name the resource's all-namespaces feed, so a view keeps its id when a fold moves it onto that feed
      const resourceKey = feedKey({ cluster: req.cluster, group: req.group, version: req.version, resource: req.resource });
      const rowSet = req.rows ? rowColumns(req.group, req.resource, namespaced, req.printerColumns) : undefined;
      const subId = viewId(resourceKey, namespace, req.labelSelector || undefined, fields?.length ? canonicalFieldSelector(fields) : undefined, rowSet?.id);
      drop(subId); // the same socket re-subscribing (e.g. after its own reconnect logic): start over cleanly
      const sub: Sub = { lease };
      subs.set(subId, sub);
      sub.untrack = gate.track((reason) => {
        drop(subId);
        socket.emit('watchStatus', { subId, state: 'error', message: `403 Forbidden: ${reason}` });
      });
      ack({ ok: true, subId });
      const alive = () => subs.get(subId) === sub && socket.connected;

      // lease.feed is read afresh after every await: a fold may have moved the lease to another feed
      while (!lease.feed.informer.synced) {
        // not in the room yet: this socket hears the informer's state (e.g. 403 → error) directly
        const inf = lease.feed.informer;
        const status = () => socket.emit('watchStatus', { subId, state: inf.state, message: inf.message, since: inf.since });
        status();
        const offs = [inf.onState(status)];
        await new Promise<void>((resolve) => {
          void inf.whenSynced().then(resolve);
          offs.push(lease.onMove(() => resolve()));
        });
        for (const off of offs) off();
        if (!alive()) return;
      }
      const feed = lease.feed;
      const inf = feed.informer;
      const st = this.state(feed);
      this.flush(feed);
      let view = st.views.get(subId);
      if (!view) {
        view = makeView(subId, namespace, reqs, inf.items(), fields);
        if (rowSet) {
          view.rows = rowSet.id;
          let p = st.projectors.get(rowSet.id);
          if (!p) st.projectors.set(rowSet.id, (p = new RowProjector(rowSet.id, rowSet.columns)));
          p.views++;
        }
        st.views.set(subId, view);
      }
      const rows = view.rows ? st.projectors.get(view.rows) : undefined;
      const missed = req.resourceVersion ? inf.history.since(req.resourceVersion) : undefined;
      if (missed) {
        this.stats.catchUpsSent++;
        const evs = filterCatchUp(view, missed);
        socket.emit('delta', { subId, events: rows ? rows.all(evs) : (evs as WireEvent[]), resourceVersion: inf.resourceVersion });
        this.join(socket, sub, view);
      } else {
        this.stats.snapshotsSent++;
        const v = view;
        await this.sendPaged(socket, sub, view, () => inf.items().filter((o) => inView(v, o)), alive, rows);
        if (!alive()) return;
        this.flush(lease.feed);
        this.join(socket, sub, view);
      }
      const now = lease.feed.informer;
      if (now.state !== 'live') socket.emit('watchStatus', { subId, state: now.state, message: now.message, since: now.since });
    });

    socket.on('unsubscribe', (raw) => {
      const p = unsubscribeRequest.safeParse(raw);
      if (p.success) drop(p.data.subId);
    });

    socket.on('disconnect', () => {
      for (const id of [...subs.keys()]) drop(id);
    });
  }
}
