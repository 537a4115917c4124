/**
 * Usage history in the state store, against PGlite and PostgreSQL, on a running sandbox over real HTTP with an
 * injected clock: samples land as packed buckets (one row per bucket, not per point), coarser tiers are rolled
 * up as buckets close, old rows are deleted, and of two replicas sharing the store only the lease holder
 * samples while the other answers from what it wrote, until the holder goes quiet and it takes over.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { describeEachStore } from '../store/testing';
import { quietLogger, startHarness, type Harness } from '../watch/testing';
import { createDataPlane, type DataPlane } from '../data-plane';
import { leaseHolder } from '../history/leadership';
import type { HistoryDb } from '../history/history-store';
import type { MetricsHistory, UsageNow } from '../../lib/metrics/api';
import { metricsDb, type MetricsDb } from './schema';
import { metricsLease } from './store-history';

const T0 = Date.UTC(2026, 0, 1, 12);
const STEP = 15_000;

describeEachStore('metrics history in the store', (getStore) => {
  let h: Harness;
  let db: MetricsDb;
  let now = T0;
  let b: { dp: DataPlane; app: FastifyInstance; url: string } | undefined;
  beforeAll(async () => {
    db = metricsDb(getStore());
    h = await startHarness({ name: 'metrics-store', sandbox: { noRuntime: false, scenario: 'demo' }, dataPlane: { store: getStore(), metrics: { timer: false, now: () => now, replicaId: 'replica-a' } } });
    // CoreDNS starts a little after the nodes: sample until metrics-server reports its pods
    await vi.waitFor(
      async () => {
        const m = await h.dp.sampler.sample(h.clusterId);
        expect(m.pods.some((p) => p.ns === 'kube-system' && p.name.startsWith('coredns-'))).toBe(true);
      },
      { timeout: 60_000, interval: 500 },
    );
  }, 90_000);
  afterAll(async () => {
    await b?.app.close();
    await b?.dp.stop();
    await h?.close();
  });

  const get = async <T>(url: string, p: string) => {
    const res = await fetch(`${url}/api/clusters/${h.clusterId}/metrics/${p}`);
    return { status: res.status, body: (await res.json()) as T };
  };
  const rows = async (tier: number) => (await db.selectFrom('metrics_buckets').select(['start']).where('cluster', '=', h.clusterId).where('tier', '=', tier).orderBy('start').execute()).map((r) => Number(r.start));
  const sampleUntil = async (end: number) => {
    while (now < end) {
      now += STEP;
      const m = await h.dp.sampler.sample(h.clusterId);
      expect(m.at).toBe(now);
    }
  };

  it('packs each sample of every series into one row and serves charts from it', async () => {
    await sampleUntil(T0 + 6 * STEP);
    const m = h.dp.sampler.get(h.clusterId)!;
    const series = await db.selectFrom('metrics_series').select((eb) => eb.fn.countAll<number>().as('n')).where('cluster', '=', h.clusterId).executeTakeFirstOrThrow();
    // every series sampled so far (pods come and go while the demo settles), each once
    expect(Number(series.n)).toBeGreaterThanOrEqual(m.pods.reduce((s, p) => s + p.containers.length, 0) + m.nodes.length);
    // one row per sample, however many series: the buckets of the samples so far, no more
    const raw = await rows(0);
    expect(raw.length).toBeGreaterThanOrEqual(7);
    expect(raw.at(-1)).toBe(now);

    const pod = m.pods.find((p) => p.ns === 'kube-system' && p.name.startsWith('coredns-'))!;
    const ph = await get<MetricsHistory>(h.url, `history?target=pod&namespace=kube-system&name=${pod.name}&range=15m`);
    expect(ph.status).toBe(200);
    expect(ph.body.source).toBe('sampler');
    expect(ph.body.stepMs).toBe(STEP);
    expect(ph.body.times.at(-1)).toBe(now);
    expect(ph.body.series.map((s) => s.name)).toEqual(pod.containers.map((c) => c.name));
    expect(ph.body.series[0].cpu.at(-1)).toBeCloseTo(pod.containers[0].cpu, 3);
    expect(ph.body.series[0].memory.at(-1)! / pod.containers[0].memory).toBeCloseTo(1, 2);
  });

  it('rolls finer buckets up into coarser ones as they close, and averages the open one', async () => {
    const start = now;
    await sampleUntil(Math.ceil((start + 360_000) / 300_000) * 300_000 + STEP);
    const minutes = await rows(1);
    expect(minutes.length).toBeGreaterThanOrEqual(5);
    expect(minutes.every((s) => s % 60_000 === 0)).toBe(true);
    expect((await rows(2)).length).toBeGreaterThanOrEqual(1);

    const m = h.dp.sampler.get(h.clusterId)!;
    const coredns = m.pods.filter((p) => p.ns === 'kube-system' && p.name.startsWith('coredns-')).map((p) => p.name).sort();
    const wh = await get<MetricsHistory>(h.url, `history?target=workload&namespace=kube-system&name=coredns&selector=${encodeURIComponent('k8s-app=kube-dns')}&range=1h`);
    expect(wh.body.stepMs).toBe(60_000);
    expect(wh.body.series.map((s) => s.name)).toEqual(coredns);
    expect(wh.body.times.at(-1)).toBe(Math.floor(now / 60_000) * 60_000);

    const recent = await get<MetricsHistory>(h.url, 'history?target=cluster&range=15m');
    const sums = recent.body.series[0].cpu.filter((v): v is number => v !== null);
    expect(recent.body.series[0].cpu.at(-1)).toBeCloseTo(m.nodes.reduce((s, n) => s + n.cpu, 0), 3);
    // a 30-minute point is the average of every sample in it, read through the 5-min and 1-min rows
    const day = await get<MetricsHistory>(h.url, 'history?target=cluster&range=24h');
    expect(day.body.stepMs).toBe(1_800_000);
    const avg = day.body.series[0].cpu.at(-1)!;
    expect(avg).toBeGreaterThanOrEqual(Math.min(...sums) * 0.999);
    expect(avg).toBeLessThanOrEqual(Math.max(...sums) * 1.001);
  });

  it('samples a cluster on one replica only; the other answers from the store and takes over when the holder stops', async () => {
    const store = getStore();
    const dp = await createDataPlane({ kubeconfigFiles: [h.kubeconfigPath], inCluster: false, logger: quietLogger, env: {} as NodeJS.ProcessEnv, store, metrics: { timer: false, now: () => now, replicaId: 'replica-b' } });
    await dp.ready;
    const app = Fastify({ logger: false });
    await dp.registerRoutes(app);
    await app.listen({ port: 0, host: '127.0.0.1' });
    b = { dp, app, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
    await vi.waitFor(() => expect(dp.registry.list()[0]?.state).toBe('connected'), { timeout: 10_000 });

    const before = await rows(0);
    now += STEP;
    await dp.sampler.sample(h.clusterId);
    expect(await rows(0)).toEqual(before); // replica b wrote nothing: a holds the lease
    expect(await leaseHolder(db as unknown as HistoryDb, metricsLease(h.clusterId), new Date(now))).toBe('replica-a');
    const fromB = await get<UsageNow>(b.url, 'usage?kind=pods&labels=1');
    const fromA = await get<UsageNow>(h.url, 'usage?kind=pods&labels=1');
    expect(fromB.body.available).toBe(true);
    expect(fromB.body.at).toBe(before.at(-1));
    const byName = (u: UsageNow) => new Map(u.pods.map((p) => [`${p[0]}/${p[1]}`, p[2]]));
    expect([...byName(fromB.body).keys()].sort()).toEqual([...byName(fromA.body).keys()].sort());
    const dnsB = fromB.body.pods.find((p) => p[1].startsWith('coredns-'))!;
    expect(fromB.body.labelSets![dnsB[4]!]['k8s-app']).toBe('kube-dns');
    const chartB = await get<MetricsHistory>(b.url, 'history?target=cluster&range=1h');
    const chartA = await get<MetricsHistory>(h.url, 'history?target=cluster&range=1h');
    expect(chartB.body.times).toEqual(chartA.body.times);

    // replica a goes quiet: once its lease has expired on the injected clock, b samples and writes
    now += 4 * STEP;
    const m = await dp.sampler.sample(h.clusterId);
    expect(m.at).toBe(now);
    expect(await leaseHolder(db as unknown as HistoryDb, metricsLease(h.clusterId), new Date(now))).toBe('replica-b');
    expect((await rows(0)).at(-1)).toBe(now);
    // and a, back, follows b instead of writing beside it
    now += STEP;
    await h.dp.sampler.sample(h.clusterId);
    expect((await rows(0)).at(-1)).toBe(now - STEP);
  });

  it('deletes buckets older than their tier keeps them', async () => {
    // b holds the lease now; a day later every tier has moved on past what it held
    const tiers = [
      { widthMs: STEP, points: 60 },
      { widthMs: 60_000, points: 60 },
      { widthMs: 300_000, points: 72 },
      { widthMs: 1_800_000, points: 48 },
    ];
    for (let i = 0; i < 2; i++) {
      now += i === 0 ? 86_400_000 : STEP;
      const m = await b!.dp.sampler.sample(h.clusterId);
      expect(m.at).toBe(now);
    }
    for (const [k, t] of tiers.entries()) {
      const starts = await rows(k);
      expect(starts.every((s) => s >= now - t.widthMs * (t.points + 1))).toBe(true);
    }
    expect(await rows(0)).toHaveLength(2);
    const day = await get<MetricsHistory>(b!.url, 'history?target=cluster&range=24h');
    expect(day.body.times.every((t) => t > now - 86_400_000 - 1_800_000)).toBe(true);
  });

  it('forgets series unseen for longer than the history holds, with their label sets', async () => {
    now += 26 * 3_600_000;
    const m = await b!.dp.sampler.sample(h.clusterId);
    expect(m.at).toBe(now);
    const count = async (t: 'metrics_series' | 'metrics_label_sets') => Number((await db.selectFrom(t).select((eb) => eb.fn.countAll<number>().as('n')).where('cluster', '=', h.clusterId).executeTakeFirstOrThrow()).n);
    expect(await count('metrics_series')).toBe(m.pods.reduce((s, p) => s + p.containers.length, 0) + m.nodes.length);
    const sets = new Set(m.pods.map((p) => JSON.stringify(b!.dp.sampler.get(h.clusterId)!.history.labels(p.labelSet))));
    expect(await count('metrics_label_sets')).toBe(sets.size + 1); // + the nodes' empty set
  });
});
