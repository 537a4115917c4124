import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startHarness, type Harness } from '../watch/testing';
import { Browser, sandboxPost, startAuthHarness, USERS, type AuthHarness } from '../auth/testing';
import type { MetricsHistory, UsageNow } from '../../lib/metrics/api';
import { NO_METRICS_API } from './sampler';

const T0 = Date.UTC(2026, 0, 1, 12);

describe('metrics sampler and routes on a running sandbox', () => {
  let h: Harness;
  let now = T0;
  beforeAll(async () => {
    h = await startHarness({ name: 'metrics-test', sandbox: { noRuntime: false, scenario: 'demo' }, dataPlane: { metrics: { timer: false, now: () => now } } });
    for (;;) {
      const m = await h.dp.sampler.sample(h.clusterId);
      if (m.available && m.pods.length > 10) break;
      await new Promise((r) => setTimeout(r, 100));
    }
  }, 60_000);
  afterAll(() => h?.close());

  const get = async <T>(p: string) => {
    const res = await fetch(`${h.url}/api/clusters/${h.clusterId}/metrics/${p}`);
    return { status: res.status, body: (await res.json()) as T };
  };

  it('serves the latest pods and nodes usage from one sample', async () => {
    const pods = await get<UsageNow>('usage?kind=pods&labels=1');
    expect(pods.status).toBe(200);
    expect(pods.body.available).toBe(true);
    expect(pods.body.intervalMs).toBe(15_000);
    const row = pods.body.pods.find((p) => p[0] === 'kube-system');
    expect(row).toBeDefined();
    expect(row![2]).toBeGreaterThan(0);
    expect(row![3]).toBeGreaterThan(1024 * 1024);
    expect(pods.body.labelSets![row![4]!]).toBeTypeOf('object');
    const only = await get<UsageNow>('usage?kind=pods&namespace=kube-system');
    expect(only.body.pods.every((p) => p[0] === 'kube-system' && p[4] === undefined)).toBe(true);
    const nodes = await get<UsageNow>('usage?kind=nodes');
    expect(nodes.body.nodes.length).toBeGreaterThan(0);
    expect(nodes.body.nodes[0][1]).toBeGreaterThan(0);
  });

  it('keeps history per container, per workload pod, per node and for the cluster, over simulated time', async () => {
    // CoreDNS starts a little after the nodes: sample until metrics-server reports its pods
    await vi.waitFor(
      async () => {
        await h.dp.sampler.sample(h.clusterId);
        expect(h.dp.sampler.get(h.clusterId)!.pods.some((p) => p.ns === 'kube-system' && p.name.startsWith('coredns-'))).toBe(true);
      },
      { timeout: 60_000, interval: 500 },
    );
    for (let i = 1; i <= 6; i++) {
      now = T0 + i * 15_000;
      await h.dp.sampler.sample(h.clusterId);
    }
    const m = h.dp.sampler.get(h.clusterId)!;
    const pod = m.pods.find((p) => p.ns === 'kube-system' && p.name.startsWith('coredns'))!;
    const ph = await get<MetricsHistory>(`history?target=pod&namespace=kube-system&name=${pod.name}&range=15m`);
    expect(ph.status).toBe(200);
    expect(ph.body.source).toBe('sampler');
    expect(ph.body.stepMs).toBe(15_000);
    expect(ph.body.times.length).toBeGreaterThanOrEqual(6);
    expect(ph.body.series.map((s) => s.name)).toEqual(pod.containers.map((c) => c.name));
    expect(ph.body.series[0].cpu.at(-1)).toBeCloseTo(pod.containers[0].cpu, 3);

    const wh = await get<MetricsHistory>(`history?target=workload&namespace=kube-system&name=coredns&selector=${encodeURIComponent('k8s-app=kube-dns')}&range=1h`);
    expect(wh.body.stepMs).toBe(60_000);
    const corednsPods = m.pods.filter((p) => p.ns === 'kube-system' && p.name.startsWith('coredns-')).map((p) => p.name).sort();
    expect(wh.body.series.map((s) => s.name)).toEqual(corednsPods);

    const node = m.nodes[0];
    const nh = await get<MetricsHistory>(`history?target=node&name=${node.name}&range=6h`);
    expect(nh.body.series[0].memory.at(-1)).toBeGreaterThan(0);
    // at the sampling step the cluster's last point is the latest sample's sum over nodes
    const recent = await get<MetricsHistory>('history?target=cluster&range=15m');
    expect(recent.body.series[0].name).toBe('cluster');
    expect(recent.body.series[0].cpu.at(-1)).toBeCloseTo(m.nodes.reduce((s, n) => s + n.cpu, 0), 3);
    // 24 h points are 30-minute averages of every sample in the bucket: within the range of those samples
    const ch = await get<MetricsHistory>('history?target=cluster&range=24h');
    expect(ch.body.stepMs).toBe(1_800_000);
    const sums = recent.body.series[0].cpu.filter((v): v is number => v !== null);
    const avg = ch.body.series[0].cpu.at(-1)!;
    expect(avg).toBeGreaterThanOrEqual(Math.min(...sums) - 1e-9);
    expect(avg).toBeLessThanOrEqual(Math.max(...sums) + 1e-9);
  });

  it('rejects malformed queries with a clear 400', async () => {
    expect((await get('history?target=pod&range=15m')).status).toBe(400);
    expect((await get('history?target=workload&namespace=x&selector=a%3D%3D%3D&range=15m')).status).toBe(400);
    expect((await get('history?target=node&name=n1&range=2d')).status).toBe(400);
  });
});

describe('metrics access', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuthHarness();
  }, 60_000);
  afterAll(() => h?.close());

  it('shows pod metrics only to people who may list those pods, and says when a cluster has no metrics API', async () => {
    const cluster = h.dp.registry.list()[0].id;
    const root = new Browser(h.url);
    await root.login('root', USERS.root.password);
    // the first read answers at once (the first sample runs in the background); the reason follows from it
    await vi.waitFor(
      async () => {
        const r = await root.fetch(`/api/clusters/${cluster}/metrics/usage?kind=pods`);
        expect(r.status).toBe(200);
        const body = (await r.json()) as UsageNow;
        expect(body.available).toBe(false);
        expect(body.reason).toBe(NO_METRICS_API);
      },
      { timeout: 30_000, interval: 200 },
    );
    expect((await root.fetch(`/api/clusters/${cluster}/metrics/usage?kind=nodes`)).status).toBe(200);
    expect((await root.fetch(`/api/clusters/${cluster}/metrics/history?target=cluster&range=1h`)).status).toBe(200);

    const alice = new Browser(h.url);
    await alice.login('alice', USERS.alice.password);
    expect((await alice.fetch(`/api/clusters/${cluster}/metrics/usage?kind=pods&namespace=default`)).status).toBe(403);
    const bound = await sandboxPost(h, '/apis/rbac.authorization.k8s.io/v1/namespaces/default/rolebindings', {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: 'alice-view' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
    });
    expect(bound.status).toBe(201);
    h.dp.guard.reviewer.invalidate(cluster);
    expect((await alice.fetch(`/api/clusters/${cluster}/metrics/usage?kind=pods&namespace=default`)).status).toBe(200);
    expect((await alice.fetch(`/api/clusters/${cluster}/metrics/usage?kind=pods`)).status).toBe(403);
    expect((await alice.fetch(`/api/clusters/${cluster}/metrics/history?target=node&name=n1&range=1h`)).status).toBe(403);
    expect((await alice.fetch(`/api/clusters/${cluster}/metrics/history?target=cluster&range=1h`)).status).toBe(403);
  });
});
