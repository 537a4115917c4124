/**
 * The watch hub: ONE informer per (cluster, group/version/resource, namespace-or-all), shared by every
 * consumer (socket subscriptions, the cluster summary, discovery's CRD watch). A namespaced lease is served
 * by an all-namespaces informer of the same resource when one is running. An informer stops `lingerMs`
 * (30 s) after its last lease is released, so a page reload does not cost a relist.
 */
import type { Logger } from 'pino';
import { Informer } from '../k8s/informer';
import { isSecretResource, redactSecret } from '../k8s/strip';
import type { ClusterRegistry } from '../clusters/registry';

export interface FeedKey {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  /** undefined = all namespaces (or cluster-scoped) */
  namespace?: string;
}

export interface Feed extends FeedKey {
  key: string;
  informer: Informer;
  leases: number;
  stopTimer?: NodeJS.Timeout;
  /** extra per-feed state owned by the socket fan-out (views, pending batch) */
  ext: Map<string, unknown>;
}

export interface Lease {
  feed: Feed;
  release(): void;
}

export interface HubOptions {
  registry: ClusterRegistry;
  logger: Logger;
  lingerMs?: number;
  historyLimit?: number;
  backoff?: { initialMs: number; maxMs: number };
}

export const feedKey = (k: FeedKey): string =>
  JSON.stringify([k.cluster, k.group, k.version, k.resource, k.namespace ?? '*']);

export class WatchHub {
  private feeds = new Map<string, Feed>();
  private feedListeners = new Set<(f: Feed, event: 'created' | 'stopped') => void>();
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

  /** Shares a running feed (an all-namespaces one covers a namespaced request) or starts one. */
  acquire(k: FeedKey): Lease {
    let feed: Feed | undefined;
    if (k.namespace !== undefined) feed = this.feeds.get(feedKey({ ...k, namespace: undefined }));
    feed ??= this.feeds.get(feedKey(k));
    if (!feed) feed = this.start(k);
    clearTimeout(feed.stopTimer);
    feed.stopTimer = undefined;
    feed.leases++;
    const f = feed;
    let released = false;
    return {
      feed: f,
      release: () => {
        if (released) return;
        released = true;
        f.leases--;
        if (f.leases === 0) {
          f.stopTimer = setTimeout(() => this.stopFeed(f), this.o.lingerMs ?? 30_000);
          f.stopTimer.unref?.();
        }
      },
    };
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
      transform: isSecretResource(k.group, k.resource) ? redactSecret : undefined,
      historyLimit: this.o.historyLimit,
      backoff: this.o.backoff,
    });
    const feed: Feed = { ...k, key, informer, leases: 0, ext: new Map() };
    this.feeds.set(key, feed);
    informer.start();
    for (const cb of this.feedListeners) cb(feed, 'created');
    return feed;
  }

  private stopFeed(f: Feed): void {
    clearTimeout(f.stopTimer);
    if (this.feeds.get(f.key) !== f) return;
    this.feeds.delete(f.key);
    f.informer.stop();
    for (const cb of this.feedListeners) cb(f, 'stopped');
  }
}
