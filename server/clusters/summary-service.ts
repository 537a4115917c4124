/**
 * Keeps each cluster's summary live from shared informers of the watch hub (never polled per browser):
 * a tracker per cluster holds leases on nodes, pods, deployments, statefulsets, daemonsets, jobs and events,
 * recomputes at most once per `throttleMs` after a change, and polls metrics.k8s.io/nodes (when discovery
 * lists it) once per `metricsIntervalMs` for all viewers together. A tracker lives while sockets subscribe,
 * and `idleMs` after the last REST read.
 */
import type { Logger } from 'pino';
import type { ClusterSummary } from '../../lib/api-types';
import { unavailable } from '../k8s/errors';
import type { Obj } from '../k8s/strip';
import type { Lease, WatchHub } from '../watch/hub';
import type { DiscoveryCache } from './discovery';
import type { ClusterRegistry } from './registry';
import { computeSummary, type SummaryInputs } from './summary-compute';

const SOURCES = [
  ['nodes', '', 'v1', 'nodes'],
  ['pods', '', 'v1', 'pods'],
  ['deployments', 'apps', 'v1', 'deployments'],
  ['statefulsets', 'apps', 'v1', 'statefulsets'],
  ['daemonsets', 'apps', 'v1', 'daemonsets'],
  ['jobs', 'batch', 'v1', 'jobs'],
  ['events', '', 'v1', 'events'],
] as const;
type SourceName = (typeof SOURCES)[number][0];

interface Tracker {
  cluster: string;
  leases: Partial<Record<SourceName, Lease>>;
  unsubs: (() => void)[];
  listeners: Set<(s: ClusterSummary) => void>;
  latest?: ClusterSummary;
  lastCompute: number;
  timer?: NodeJS.Timeout;
  metricsTimer?: NodeJS.Timeout;
  idleTimer?: NodeJS.Timeout;
  nodeMetrics?: Obj[];
  ready: Promise<void>;
  /** every source has listed once */
  synced: boolean;
}

export interface SummaryOptions {
  throttleMs?: number;
  metricsIntervalMs?: number;
  idleMs?: number;
  syncTimeoutMs?: number;
  /** node usage already sampled elsewhere (the metrics sampler): read it instead of listing NodeMetrics again */
  nodeMetrics?: (cluster: string) => Obj[] | undefined;
}

export class SummaryService {
  private trackers = new Map<string, Tracker>();

  constructor(
    private readonly hub: WatchHub,
    private readonly registry: ClusterRegistry,
    private readonly discovery: DiscoveryCache,
    private readonly logger: Logger,
    private readonly o: SummaryOptions = {},
  ) {}

  /** Calls cb with the current summary (when there is one) and on every throttled change. */
  async subscribe(cluster: string, cb: (s: ClusterSummary) => void): Promise<() => void> {
    const t = await this.tracker(cluster);
    const first = t.listeners.size === 0;
    t.listeners.add(cb);
    clearTimeout(t.idleTimer);
    // a synced tracker nobody listened to (warmed up, or left idle) computes afresh: changes since its last
    // summary were not computed (changed() computes for listeners only)
    if (first && t.synced) cb(this.compute(t));
    else if (t.latest) cb(t.latest);
    return () => {
      t.listeners.delete(cb);
      this.maybeIdle(t);
    };
  }

  /**
   * Starts the cluster's tracker ahead of any viewer (summary-warmup.ts) and resolves once it has listed
   * everything, or after `waitMs`. Nobody listening, it stops `idleMs` later like any idle tracker.
   */
  async warm(cluster: string, waitMs: number): Promise<boolean> {
    const t = await this.tracker(cluster);
    this.maybeIdle(t);
    let timer: NodeJS.Timeout | undefined;
    const synced = await Promise.race([t.ready.then(() => true), new Promise<false>((r) => (timer = setTimeout(() => r(false), waitMs)))]);
    clearTimeout(timer);
    return synced;
  }

  /**
   * The summary now, without waiting or starting anything: undefined unless the cluster's tracker has listed
   * everything (the overview's server render, server/overview-snapshot.ts).
   */
  peek(cluster: string): ClusterSummary | undefined {
    const t = this.trackers.get(cluster);
    if (!t?.synced) return undefined;
    // with listeners, latest is at most one throttle window old; without, changes since were not computed
    return t.listeners.size > 0 && t.latest ? t.latest : this.compute(t);
  }

  /** REST read: waits (bounded) for the initial lists, then answers a fresh summary. */
  async get(cluster: string): Promise<ClusterSummary> {
    const t = await this.tracker(cluster);
    clearTimeout(t.idleTimer);
    const timeout = this.o.syncTimeoutMs ?? 8_000;
    let timer: NodeJS.Timeout | undefined;
    const synced = await Promise.race([
      t.ready.then(() => true),
      new Promise<false>((r) => (timer = setTimeout(() => r(false), timeout))),
    ]);
    clearTimeout(timer);
    this.maybeIdle(t);
    if (!synced) {
      const msgs = Object.values(t.leases).map((l) => l?.feed.informer.message).filter(Boolean);
      throw unavailable(cluster, `cluster summary not available yet: ${msgs[0] ?? 'still listing'}`);
    }
    return this.compute(t);
  }

  stop(): void {
    for (const t of [...this.trackers.values()]) this.stopTracker(t);
  }

  private async tracker(cluster: string): Promise<Tracker> {
    const existing = this.trackers.get(cluster);
    if (existing) return existing;
    this.registry.client(cluster); // 404 / 503 before starting anything
    const served = await this.discovery.all(cluster);
    const again = this.trackers.get(cluster);
    if (again) return again;
    const has = (g: string, v: string, r: string) => served.some((x) => x.group === g && x.version === v && x.resource === r);
    const t: Tracker = { cluster, leases: {}, unsubs: [], listeners: new Set(), lastCompute: 0, ready: Promise.resolve(), synced: false };
    for (const [name, group, version, resource] of SOURCES) {
      if (!has(group, version, resource)) continue;
      const lease = this.hub.acquire({ cluster, group, version, resource });
      t.leases[name] = lease;
      t.unsubs.push(lease.feed.informer.onEvents(() => this.changed(t)));
    }
    t.ready = Promise.all(Object.values(t.leases).map((l) => l!.feed.informer.whenSynced())).then(() => {
      t.synced = true;
      this.changed(t);
    });
    if (has('metrics.k8s.io', 'v1beta1', 'nodes')) void this.pollMetrics(t);
    this.trackers.set(cluster, t);
    return t;
  }

  private maybeIdle(t: Tracker): void {
    if (t.listeners.size > 0) return;
    clearTimeout(t.idleTimer);
    t.idleTimer = setTimeout(() => this.stopTracker(t), this.o.idleMs ?? 60_000);
    t.idleTimer.unref?.();
  }

  private stopTracker(t: Tracker): void {
    if (this.trackers.get(t.cluster) !== t) return;
    this.trackers.delete(t.cluster);
    clearTimeout(t.timer);
    clearTimeout(t.metricsTimer);
    clearTimeout(t.idleTimer);
    for (const u of t.unsubs) u();
    for (const l of Object.values(t.leases)) l?.release();
  }

  private changed(t: Tracker): void {
    if (t.timer || this.trackers.get(t.cluster) !== t) return;
    const wait = Math.max(0, t.lastCompute + (this.o.throttleMs ?? 1_000) - Date.now());
    t.timer = setTimeout(() => {
      t.timer = undefined;
      if (t.listeners.size === 0) return; // REST reads compute on demand
      const s = this.compute(t);
      for (const cb of t.listeners) cb(s);
    }, wait);
  }

  private compute(t: Tracker): ClusterSummary {
    const items = (n: SourceName) => t.leases[n]?.feed.informer.items() ?? [];
    const inputs: SummaryInputs = {
      version: this.registry.get(t.cluster)?.version,
      nodes: items('nodes'),
      pods: items('pods'),
      deployments: items('deployments'),
      statefulsets: items('statefulsets'),
      daemonsets: items('daemonsets'),
      jobs: items('jobs'),
      events: items('events'),
      nodeMetrics: t.nodeMetrics,
    };
    t.lastCompute = Date.now();
    t.latest = computeSummary(inputs);
    return t.latest;
  }

  private async pollMetrics(t: Tracker): Promise<void> {
    if (this.trackers.get(t.cluster) !== t && t.lastCompute !== 0) return;
    try {
      const sampled = this.o.nodeMetrics?.(t.cluster);
      const r = sampled ? { items: sampled } : await this.registry.client(t.cluster).request<{ items?: Obj[] }>({ path: '/apis/metrics.k8s.io/v1beta1/nodes' });
      t.nodeMetrics = r?.items ?? [];
      this.changed(t);
    } catch (e) {
      this.logger.debug({ cluster: t.cluster }, 'node metrics unavailable: %s', (e as Error).message);
    }
    if (this.trackers.get(t.cluster) === t) {
      t.metricsTimer = setTimeout(() => void this.pollMetrics(t), this.o.metricsIntervalMs ?? 15_000);
      t.metricsTimer.unref?.();
    }
  }
}
