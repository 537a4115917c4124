/**
 * Samples metrics.k8s.io of every connected cluster once per interval (15 s by default) with the BFF's own
 * identity: ONE pods list and ONE nodes list per cluster and interval, however many people look. Each sample
 * updates the latest usage (list columns) and the bounded history (charts). With a state store the history is
 * there (store-history.ts) and only the replica holding a cluster's metrics lease samples it; the others read
 * the latest sample from the store. Without a store the history is in memory (series-store.ts).
 * People read both through metrics-routes.ts, which checks their access. The clock and the timer are
 * injectable: tests call sample() with their own time.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ClusterRegistry } from '../clusters/registry';
import { K8sApiError } from '../k8s/errors';
import { quantityOrZero as parseQuantity } from '../../lib/k8s/machinery/quantity';
import { defaultTiers, SeriesStore, type SampleEntry } from './series-store';
import { MemoryHistory, nodeKey, podKey, type UsageHistory } from './usage-history';
import { StoreHistory } from './store-history';
import type { MetricsDb } from './schema';

export interface SamplerOptions {
  intervalMs?: number;
  /** series cap per cluster (pod containers + nodes); 66,000 keeps a cluster's history under 64 MB */
  maxSeries?: number;
  now?: () => number;
  /** false: no timer; callers drive sample() (tests, benchmarks) */
  timer?: boolean;
  /** the state store's metrics tables: history there, sampled by one replica (the lease holder) */
  db?: MetricsDb;
  replicaId?: string;
  /** how long a sampling lease lasts without renewal (default 3 intervals) */
  leaseTtlMs?: number;
  /** > 0: a tick waits that long first (people are opening lists: server/watch/list-activity.ts) */
  holdOffMs?: () => number;
}

export interface PodUsage {
  ns: string;
  name: string;
  labelSet: number;
  cpu: number;
  memory: number;
  containers: { name: string; cpu: number; memory: number }[];
}

export interface ClusterMetrics {
  available: boolean;
  reason?: string;
  at?: number;
  pods: PodUsage[];
  nodes: { name: string; cpu: number; memory: number }[];
  history: UsageHistory;
}

interface MetricsItem {
  metadata?: { name?: string; namespace?: string; labels?: Record<string, string> };
  containers?: { name?: string; usage?: { cpu?: string; memory?: string } }[];
  usage?: { cpu?: string; memory?: string };
}

/** pods recorded per event-loop turn */
const RECORD_SLICE = 2_000;

export const NO_METRICS_API = 'This cluster serves no metrics.k8s.io API (metrics-server is not installed), so there is no usage to show.';

export { nodeKey, podKey };

export class MetricsSampler {
  readonly intervalMs: number;
  private clusters = new Map<string, ClusterMetrics>();
  private running = new Set<string>();
  private timer?: NodeJS.Timeout;
  private readonly now: () => number;
  private unsub?: () => void;
  readonly replicaId: string;

  constructor(
    private readonly registry: ClusterRegistry,
    private readonly logger: Logger,
    private readonly o: SamplerOptions = {},
  ) {
    this.intervalMs = o.intervalMs ?? 15_000;
    this.now = o.now ?? Date.now;
    this.replicaId = o.replicaId ?? randomUUID();
    this.unsub = registry.onChange((c) => {
      if (c.type === 'removed') this.clusters.delete(c.id);
    });
    if (o.timer !== false) this.schedule();
  }

  get(cluster: string): ClusterMetrics | undefined {
    return this.clusters.get(cluster);
  }

  /**
   * The cluster's latest usage without waiting for a sample: a cluster not sampled yet gets its first sample
   * started, and is answered "no sample yet" meanwhile (the browser asks again in a few seconds). A request
   * never waits behind a whole sample, which at 50,000 pods is seconds of listing and recording.
   */
  latest(cluster: string): ClusterMetrics {
    const m = this.clusters.get(cluster);
    if (m) return m;
    void this.sample(cluster);
    return this.entry(cluster);
  }

  /** One sample of one cluster: lists pod and node metrics, records them. Never throws. */
  async sample(cluster: string): Promise<ClusterMetrics> {
    const m = this.entry(cluster);
    if (this.running.has(cluster)) return m;
    this.running.add(cluster);
    try {
      const client = this.registry.client(cluster);
      const h = m.history;
      if (h instanceof StoreHistory && !(await h.lead(this.now()))) {
        await this.follow(m, h);
        return m;
      }
      const [pods, nodes] = await Promise.all([
        client.request<{ items?: MetricsItem[] }>({ path: '/apis/metrics.k8s.io/v1beta1/pods' }),
        client.request<{ items?: MetricsItem[] }>({ path: '/apis/metrics.k8s.io/v1beta1/nodes' }),
      ]);
      await this.record(m, this.now(), pods?.items ?? [], nodes?.items ?? []);
    } catch (e) {
      m.available = false;
      m.reason = reasonFor(e);
      m.pods = [];
      m.nodes = [];
      this.logger.debug({ cluster, err: (e as Error).message }, 'metrics sample failed');
    } finally {
      this.running.delete(cluster);
    }
    return m;
  }

  /** Records already-listed metrics (the benchmark feeds simulated time through here). */
  async record(m: ClusterMetrics, t: number, podItems: MetricsItem[], nodeItems: MetricsItem[]): Promise<void> {
    const entries: SampleEntry[] = [];
    const pods: PodUsage[] = [];
    let sinceYield = 0;
    for (const it of podItems) {
      // a 50,000-pod sample is ~1 s of parsing and interning: other requests get the event loop in between
      if (++sinceYield === RECORD_SLICE) {
        sinceYield = 0;
        await new Promise((r) => setImmediate(r));
      }
      const ns = it.metadata?.namespace;
      const name = it.metadata?.name;
      if (!ns || !name) continue;
      const labelSet = m.history.internLabels(it.metadata?.labels);
      const p: PodUsage = { ns, name, labelSet, cpu: 0, memory: 0, containers: [] };
      for (const c of it.containers ?? []) {
        if (!c.name) continue;
        const cpu = parseQuantity(c.usage?.cpu);
        const memory = parseQuantity(c.usage?.memory);
        p.cpu += cpu;
        p.memory += memory;
        p.containers.push({ name: c.name, cpu, memory });
        entries.push({ key: podKey(ns, name, c.name), labelSet, cpu, memory });
      }
      pods.push(p);
    }
    const none = m.history.internLabels(undefined);
    const nodes = nodeItems.flatMap((it) => {
      const name = it.metadata?.name;
      if (!name) return [];
      const n = { name, cpu: parseQuantity(it.usage?.cpu), memory: parseQuantity(it.usage?.memory) };
      entries.push({ key: nodeKey(name), labelSet: none, cpu: n.cpu, memory: n.memory });
      return [n];
    });
    // writing the history (one packed bucket of every series; at 50,000 pods a long synchronous store write)
    // also waits while people open lists
    await this.quiet();
    await m.history.record(t, entries);
    Object.assign(m, { available: true, reason: undefined, at: t, pods, nodes });
  }

  /** Waits while holdOffMs says people are opening lists, at most one interval in all. */
  private async quiet(): Promise<void> {
    let waited = 0;
    for (let w = this.o.holdOffMs?.() ?? 0; w > 0 && waited < this.intervalMs; w = this.o.holdOffMs?.() ?? 0) {
      waited += w;
      await new Promise((r) => setTimeout(r, w));
    }
  }

  /** Another replica samples this cluster: the latest usage is its last sample in the store. */
  private async follow(m: ClusterMetrics, h: StoreHistory): Promise<void> {
    const now = this.now();
    const latest = await h.readLatest(now);
    if (!latest || now - latest.t > 3 * this.intervalMs) {
      // the sampling replica keeps its reason to itself (e.g. no metrics API): say only what this one knows
      const since = latest ? ` since ${new Date(latest.t).toISOString()}` : '';
      Object.assign(m, { available: false, reason: `No recent sample: the console replica that samples this cluster has written none${since}.`, pods: [], nodes: [] });
      return;
    }
    const pods = new Map<string, PodUsage>();
    const nodes: ClusterMetrics['nodes'] = [];
    for (const e of latest.entries) {
      const [kind, a, b, c] = e.key.split('/');
      if (kind === 'n') {
        nodes.push({ name: a, cpu: e.cpu, memory: e.memory });
        continue;
      }
      const id = `${a}/${b}`;
      let p = pods.get(id);
      if (!p) pods.set(id, (p = { ns: a, name: b, labelSet: e.labelSet, cpu: 0, memory: 0, containers: [] }));
      p.cpu += e.cpu;
      p.memory += e.memory;
      p.containers.push({ name: c, cpu: e.cpu, memory: e.memory });
    }
    Object.assign(m, { available: true, reason: undefined, at: latest.t, pods: [...pods.values()], nodes });
  }

  entry(cluster: string): ClusterMetrics {
    let m = this.clusters.get(cluster);
    if (!m) {
      m = {
        available: false,
        reason: 'No sample yet: Wheelhouse reads metrics.k8s.io every few seconds.',
        pods: [],
        nodes: [],
        history: this.o.db
          ? new StoreHistory(this.o.db, cluster, { tiers: defaultTiers(this.intervalMs), replicaId: this.replicaId, leaseTtlMs: this.o.leaseTtlMs ?? 3 * this.intervalMs })
          : new MemoryHistory(new SeriesStore({ tiers: defaultTiers(this.intervalMs), maxSeries: this.o.maxSeries ?? 66_000 })),
      };
      this.clusters.set(cluster, m);
    }
    return m;
  }

  /** Stops sampling and gives up this replica's leases (another replica need not wait for them to expire). */
  async stop(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.unsub?.();
    for (const m of this.clusters.values()) if (m.history instanceof StoreHistory) await m.history.release();
  }

  private schedule(): void {
    let heldOff = 0;
    const tick = () => {
      // while people open lists, wait for a quiet moment (at most one interval): a large sample would
      // otherwise interleave with their snapshots' pages on this event loop
      const wait = this.o.holdOffMs?.() ?? 0;
      if (wait > 0 && heldOff < this.intervalMs) {
        heldOff += wait;
        this.timer = setTimeout(tick, wait);
        this.timer.unref?.();
        return;
      }
      heldOff = 0;
      for (const c of this.registry.list()) if (c.state === 'connected') void this.sample(c.id);
      this.timer = setTimeout(tick, this.intervalMs);
      this.timer.unref?.();
    };
    // first sample soon after start-up, so lists fill without waiting a whole interval
    this.timer = setTimeout(tick, Math.min(1_000, this.intervalMs));
    this.timer.unref?.();
  }
}

function reasonFor(e: unknown): string {
  if (e instanceof K8sApiError) {
    if (e.status === 404) return NO_METRICS_API;
    if (e.status === 403) return `Wheelhouse may not read metrics.k8s.io on this cluster: ${e.message}`;
    return `metrics.k8s.io did not answer: ${e.message}`;
  }
  return `metrics.k8s.io did not answer: ${(e as Error).message}`;
}
