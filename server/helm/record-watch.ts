/**
 * Live Helm release lists: per cluster, one metadata-only list+watch per storage driver (Secrets and ConfigMaps
 * labelled owner=helm), run with the console's identity like the lists themselves. Lists are then answered from
 * these informers (no upstream list per request), and subscribers hear, debounced, that a cluster's releases
 * changed, so browsers refetch instead of polling. Payloads never enter: PartialObjectMetadata carries labels only.
 * A cluster's informers start on first use and stop after `idleMs` without a list or a subscriber.
 */
import type { Logger } from 'pino';
import type { ClusterRegistry } from '../clusters/registry';
import { Informer } from '../k8s/informer';
import { DRIVERS, driverResource, recordOf, type Driver, type RecordMeta } from './storage';

interface ClusterWatch {
  informers: Map<Driver, Informer>;
  listeners: Set<() => void>;
  lastUse: number;
  debounce?: NodeJS.Timeout;
  unsub: (() => void)[];
}

export interface HelmRecordWatchOptions {
  registry: ClusterRegistry;
  logger: Logger;
  /** stop a cluster's informers after this long unused (default 10 min) */
  idleMs?: number;
  /** coalesce a burst of record writes into one notification (default 300 ms) */
  debounceMs?: number;
  now?: () => number;
}

export class HelmRecordWatch {
  private readonly clusters = new Map<string, ClusterWatch>();
  private readonly sweeper: NodeJS.Timeout;
  private readonly now: () => number;

  constructor(private readonly o: HelmRecordWatchOptions) {
    this.now = o.now ?? Date.now;
    const idle = o.idleMs ?? 600_000;
    this.sweeper = setInterval(() => this.sweep(idle), Math.min(idle, 60_000));
    this.sweeper.unref();
  }

  /** Every record's metadata from the live informers, or undefined until they have listed (the watch starts now). */
  records(cluster: string, namespace?: string): RecordMeta[] | undefined {
    const w = this.ensure(cluster);
    w.lastUse = this.now();
    const out: RecordMeta[] = [];
    for (const [driver, inf] of w.informers) {
      if (!inf.synced) return undefined;
      for (const o of inf.items()) {
        if (namespace && o.metadata.namespace !== namespace) continue;
        const r = recordOf(driver, o.metadata as Parameters<typeof recordOf>[1]);
        if (r) out.push(r);
      }
    }
    return out;
  }

  /** Resolves once the cluster's informers have listed (or failed to: the caller then lists itself). */
  async ready(cluster: string): Promise<void> {
    const w = this.ensure(cluster);
    await Promise.all(
      [...w.informers.values()].map((i) =>
        i.synced || i.state === 'error'
          ? undefined
          : new Promise<void>((resolve) => {
              const off = i.onState((s) => s === 'error' && done());
              function done() {
                off();
                resolve();
              }
              void i.whenSynced().then(done);
            }),
      ),
    );
  }

  /** `fn` runs (debounced) whenever a release record of the cluster is written or deleted. */
  subscribe(cluster: string, fn: () => void): () => void {
    const w = this.ensure(cluster);
    w.listeners.add(fn);
    return () => {
      w.listeners.delete(fn);
      w.lastUse = this.now();
    };
  }

  stop(): void {
    clearInterval(this.sweeper);
    for (const id of [...this.clusters.keys()]) this.drop(id);
  }

  private ensure(cluster: string): ClusterWatch {
    let w = this.clusters.get(cluster);
    if (w) return w;
    w = { informers: new Map(), listeners: new Set(), lastUse: this.now(), unsub: [] };
    const cw = w;
    for (const driver of DRIVERS) {
      const inf = new Informer({
        client: () => this.o.registry.client(cluster),
        cluster,
        group: '',
        version: 'v1',
        resource: driverResource(driver),
        logger: this.o.logger,
        labelSelector: 'owner=helm',
        metadataOnly: true,
        pageSize: 2_000,
        historyLimit: 100,
      });
      cw.unsub.push(inf.onEvents(() => this.changed(cw)));
      cw.informers.set(driver, inf);
      inf.start();
    }
    this.clusters.set(cluster, w);
    return w;
  }

  private changed(w: ClusterWatch): void {
    if (w.debounce || !w.listeners.size) return;
    w.debounce = setTimeout(() => {
      w.debounce = undefined;
      for (const fn of [...w.listeners]) fn();
    }, this.o.debounceMs ?? 300);
  }

  private sweep(idleMs: number): void {
    for (const [id, w] of this.clusters) if (!w.listeners.size && this.now() - w.lastUse > idleMs) this.drop(id);
  }

  private drop(cluster: string): void {
    const w = this.clusters.get(cluster);
    if (!w) return;
    this.clusters.delete(cluster);
    clearTimeout(w.debounce);
    for (const u of w.unsub) u();
    for (const inf of w.informers.values()) inf.stop();
  }
}
