/**
 * The watch hub: ONE informer per (cluster, group/version/resource, namespace-or-all), shared by every
 * consumer (socket subscriptions, the cluster summary, discovery's CRD watch, log pod sources). A namespaced
 * lease is served by an all-namespaces informer of the same resource when one is running; when an
 * all-namespaces informer starts AFTER namespaced ones, each namespaced feed is folded into it: once both hold
 * the same objects in that namespace (fold.ts), the fold listeners move their per-feed state (the socket
 * fan-out's views), the leases move (Lease.feed changes, Lease.onMove fires) and the namespaced upstream watch
 * stops. An informer stops `lingerMs` (30 s) after its last lease is released, so a page reload does not cost
 * a relist.
 */
import type { Logger } from 'pino';
import { Informer } from '../k8s/informer';
import { whenConsistent, type FoldWatch } from './fold';
import { isSecretResource, redactSecret } from '../k8s/strip';
import { cacheTrim } from '../k8s/trim';
import type { ClusterRegistry } from '../clusters/registry';

export interface FeedKey {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  /** undefined = all namespaces (or cluster-scoped) */
  namespace?: string;
  /**
   * One object by name, whole: its own informer with an upstream `metadata.name` field selector and no cache
   * trim (server/k8s/trim.ts). Only asked for where the shared informer keeps trimmed objects.
   */
  name?: string;
}

export interface Feed extends FeedKey {
  key: string;
  informer: Informer;
  leases: number;
  stopTimer?: NodeJS.Timeout;
  /** extra per-feed state owned by the socket fan-out (views, pending batch) */
  ext: Map<string, unknown>;
  /** the leases on this feed (they move with a fold) */
  holders: Set<HubLease>;
  /** a namespaced feed waiting to be folded into the all-namespaces one */
  fold?: FoldWatch;
}

export interface Lease {
  /** the feed serving this lease: changes when a namespaced feed is folded into an all-namespaces one */
  readonly feed: Feed;
  release(): void;
  /** called (synchronously, after the fold listeners) when the lease moves to another feed */
  onMove(cb: (to: Feed, from: Feed) => void): () => void;
}

class HubLease implements Lease {
  released = false;
  readonly moveListeners = new Set<(to: Feed, from: Feed) => void>();
  constructor(
    public feed: Feed,
    private readonly onRelease: (l: HubLease) => void,
  ) {}
  release(): void {
    if (this.released) return;
    this.released = true;
    this.onRelease(this);
  }
  onMove(cb: (to: Feed, from: Feed) => void): () => void {
    this.moveListeners.add(cb);
    return () => this.moveListeners.delete(cb);
  }
}

export interface HubOptions {
  registry: ClusterRegistry;
  logger: Logger;
  lingerMs?: number;
  historyLimit?: number;
  backoff?: { initialMs: number; maxMs: number };
}

/** fields.EscapeValue of apimachinery: a name can never widen or break the upstream field selector */
const escapeFieldValue = (v: string): string => v.replace(/[\\,=]/g, (c) => `\\${c}`);

export const feedKey = (k: FeedKey): string =>
  JSON.stringify([k.cluster, k.group, k.version, k.resource, k.namespace ?? '*', ...(k.name !== undefined ? [k.name] : [])]);

export class WatchHub {
  /** folds of namespaced feeds into all-namespaces ones; `forced` = after maxWait, with a difference sent */
  readonly stats = { folds: 0, forcedFolds: 0 };
  private feeds = new Map<string, Feed>();
  private feedListeners = new Set<(f: Feed, event: 'created' | 'stopped') => void>();
  private foldListeners = new Set<(from: Feed, to: Feed) => void>();
  private unsubs: (() => void)[] = [];

  constructor(private readonly o: HubOptions) {
    this.unsubs.push(
      o.registry.onChange((c) => {
        for (const f of this.feeds.values()) {
          if (f.cluster !== c.id) continue;
          // new credentials / server, or the context came back: relist and emit the difference
          if (c.type !== 'removed') f.informer.relistNow();
        }
      }),
      o.registry.onState((e) => {
        if (e.state !== 'connected') return;
        for (const f of this.feeds.values()) if (f.cluster === e.id) f.informer.retryNow();
      }),
    );
  }

  /**
   * Shares a running feed or starts one. A namespaced request is served by the all-namespaces feed unless its
   * own namespaced feed still runs (it is being folded: its subscribers and the newcomer must share one view).
   */
  acquire(k: FeedKey): Lease {
    let feed = this.feeds.get(feedKey(k));
    if (!feed && k.namespace !== undefined && k.name === undefined) feed = this.feeds.get(feedKey({ ...k, namespace: undefined }));
    if (!feed) feed = this.start(k);
    const lease = new HubLease(feed, (l) => this.release(l));
    this.hold(feed, lease);
    return lease;
  }

  /** Called with (namespaced feed, all-namespaces feed) just before the leases move and the first one stops. */
  onFold(cb: (from: Feed, to: Feed) => void): () => void {
    this.foldListeners.add(cb);
    return () => this.foldListeners.delete(cb);
  }

  onFeed(cb: (f: Feed, event: 'created' | 'stopped') => void): () => void {
    this.feedListeners.add(cb);
    return () => this.feedListeners.delete(cb);
  }

  /** Number of running upstream informers (the benchmark reports it). */
  get size(): number {
    return this.feeds.size;
  }

  list(): Feed[] {
    return [...this.feeds.values()];
  }

  stop(): void {
    for (const f of [...this.feeds.values()]) this.stopFeed(f);
    for (const u of this.unsubs) u();
  }

  private start(k: FeedKey): Feed {
    const key = feedKey(k);
    const registry = this.o.registry;
    const informer = new Informer({
      client: () => registry.client(k.cluster),
      cluster: k.cluster,
      group: k.group,
      version: k.version,
      resource: k.resource,
      namespace: k.namespace,
      logger: this.o.logger.child({ cluster: k.cluster }),
      transform: isSecretResource(k.group, k.resource) ? redactSecret : k.name === undefined ? cacheTrim(k.group, k.resource) : undefined,
      ...(k.name !== undefined ? { fieldSelector: `metadata.name=${escapeFieldValue(k.name)}` } : {}),
      historyLimit: this.o.historyLimit,
      backoff: this.o.backoff,
    });
    const feed: Feed = { ...k, key, informer, leases: 0, ext: new Map(), holders: new Set() };
    this.feeds.set(key, feed);
    informer.start();
    for (const cb of this.feedListeners) cb(feed, 'created');
    if (k.namespace === undefined && k.name === undefined) {
      for (const n of this.feeds.values()) {
        // a by-name feed is never folded: the all-namespaces feed holds trimmed objects
        if (n.namespace === undefined || n.name !== undefined || n.cluster !== k.cluster || n.group !== k.group || n.version !== k.version || n.resource !== k.resource) continue;
        if (n.leases === 0) this.stopFeed(n);
        else n.fold = whenConsistent(n.informer, informer, n.namespace, (forced) => this.fold(n, feed, forced));
      }
    }
    return feed;
  }

  private hold(feed: Feed, lease: HubLease): void {
    clearTimeout(feed.stopTimer);
    feed.stopTimer = undefined;
    feed.holders.add(lease);
    feed.leases = feed.holders.size;
  }

  private release(l: HubLease): void {
    const f = l.feed;
    f.holders.delete(l);
    f.leases = f.holders.size;
    if (f.leases === 0 && this.feeds.get(f.key) === f) {
      clearTimeout(f.stopTimer);
      f.stopTimer = setTimeout(() => this.stopFeed(f), this.o.lingerMs ?? 30_000);
      f.stopTimer.unref?.();
    }
  }

  /** Moves a namespaced feed's consumers onto the all-namespaces feed and stops its upstream watch. */
  private fold(from: Feed, to: Feed, forced: boolean): void {
    from.fold = undefined;
    if (this.feeds.get(from.key) !== from || this.feeds.get(to.key) !== to) return;
    this.o.logger.info({ cluster: from.cluster, resource: from.resource, ns: from.namespace, forced }, 'folding a namespaced informer into the all-namespaces one');
    this.stats.folds++;
    if (forced) this.stats.forcedFolds++;
    for (const cb of this.foldListeners) cb(from, to);
    const moved = [...from.holders];
    from.holders.clear();
    from.leases = 0;
    for (const l of moved) {
      l.feed = to;
      this.hold(to, l);
    }
    this.stopFeed(from);
    for (const l of moved) for (const cb of l.moveListeners) cb(to, from);
  }

  private stopFeed(f: Feed): void {
    clearTimeout(f.stopTimer);
    if (this.feeds.get(f.key) !== f) return;
    this.feeds.delete(f.key);
    f.fold?.cancel();
    f.fold = undefined;
    if (f.namespace === undefined && f.name === undefined) {
      // folds into this feed cannot complete any more: the namespaced feeds keep running on their own
      for (const n of this.feeds.values()) {
        if (n.fold && n.name === undefined && n.cluster === f.cluster && n.group === f.group && n.version === f.version && n.resource === f.resource) {
          n.fold.cancel();
          n.fold = undefined;
        }
      }
    }
    f.informer.stop();
    for (const cb of this.feedListeners) cb(f, 'stopped');
  }
}
