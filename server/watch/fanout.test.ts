/**
 * Watch hub + socket fan-out against a sandbox cluster over real HTTPS:
 * sharing, namespace/selector views, reconnect catch-up, API server restart mid-watch, forced 410,
 * and a 5,000-change burst. After each fault the client's list must equal a fresh list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchClient, type WatchResult } from '../../lib/realtime/watch-client';
import { keyOf } from '../../lib/realtime/apply-watch-event';
import type { WireObject } from '../../lib/protocol';
import { clusterSummary, type ClusterSummary } from '../../lib/api-types';
import { configMap, eventually, newNamespace, startFaultHarness, type Harness } from './testing';

const CM = { group: '', version: 'v1', resource: 'configmaps' };
let h: Harness;

beforeAll(async () => {
  h = await startFaultHarness();
});
afterAll(async () => h?.close());

const newNs = () => newNamespace(h, 't');

const cm = configMap;

/** A fresh list over HTTPS through the BFF, as namespace/name → resourceVersion. */
async function freshList(namespace?: string, labelSelector?: string): Promise<Map<string, string>> {
  const q = new URLSearchParams();
  if (namespace) q.set('namespace', namespace);
  if (labelSelector) q.set('labelSelector', labelSelector);
  const r = await h.app.inject({ url: `/api/clusters/${h.clusterId}/resources/core/v1/configmaps?${q}` });
  expect(r.statusCode).toBe(200);
  const items = (r.json() as { items: WireObject[] }).items;
  return new Map(items.map((o) => [keyOf(o), o.metadata.resourceVersion!]));
}

const asMap = (items: WireObject[]) => new Map(items.map((o) => [keyOf(o), o.metadata.resourceVersion!]));

function track(wc: WatchClient, params: Parameters<WatchClient['watch']>[0]) {
  const seen: WatchResult[] = [];
  const release = wc.watch(params, (r) => seen.push(r));
  return { seen, release, get: () => wc.current(params) };
}

async function converged(get: () => WatchResult, namespace?: string, labelSelector?: string) {
  await eventually(async () => {
    const r = get();
    if (r.state !== 'live') return false;
    const fresh = await freshList(namespace, labelSelector);
    const mine = asMap(r.items);
    return mine.size === fresh.size && [...fresh].every(([k, v]) => mine.get(k) === v) && mine.size === r.items.length;
  }, 20_000, 'client list to equal a fresh list', 100);
}

describe('watch hub fan-out', () => {
  it('serves many subscribers from ONE upstream informer, namespaced views from the all-namespaces one', async () => {
    const a = newNs();
    const b = newNs();
    h.sandbox.client.create(CM, cm(a, 'one'));
    h.sandbox.client.create(CM, cm(b, 'two'));
    const before = h.dp.hub.size;
    const clients = [0, 1, 2].map(() => new WatchClient(h.client()));
    const all = clients.map((c) => track(c, { cluster: h.clusterId, ...CM }));
    await Promise.all(all.map((t) => converged(t.get)));
    const onlyA = track(clients[0], { cluster: h.clusterId, ...CM, namespace: a });
    await converged(onlyA.get, a);
    expect(onlyA.get().items.every((o) => o.metadata.namespace === a)).toBe(true);
    expect(h.dp.hub.size - before).toBeLessThanOrEqual(1);
    expect(h.dp.hub.list().filter((f) => f.resource === 'configmaps')).toHaveLength(1);

    h.sandbox.client.create(CM, cm(a, 'three'));
    h.sandbox.client.delete(CM, b, 'two');
    await Promise.all([...all.map((t) => converged(t.get)), converged(onlyA.get, a)]);
    // managedFields never reach the socket
    expect(all[0].get().items.some((o) => 'managedFields' in o.metadata)).toBe(false);
    for (const t of [...all, onlyA]) t.release();
  });

  it('filters by label selector on the server; a label change out of the selector is a DELETED', async () => {
    const n = newNs();
    h.sandbox.client.create(CM, cm(n, 'web', {}, { app: 'web' }));
    h.sandbox.client.create(CM, cm(n, 'db', {}, { app: 'db' }));
    const wc = new WatchClient(h.client());
    const t = track(wc, { cluster: h.clusterId, ...CM, namespace: n, labelSelector: 'app in (web)' });
    await converged(t.get, n, 'app in (web)');
    expect(t.get().items.map((o) => o.metadata.name)).toEqual(['web']);
    h.sandbox.client.patch(CM, n, 'web', 'merge', { metadata: { labels: { app: 'other' } } });
    h.sandbox.client.patch(CM, n, 'db', 'merge', { metadata: { labels: { app: 'web' } } });
    await eventually(() => t.get().items.map((o) => o.metadata.name).join() === 'db', 10_000, 'selector membership change');
    await converged(t.get, n, 'app in (web)');
    t.release();
  });

  it('watches one object by field selector over the shared informer: updates, deletion, re-creation', async () => {
    const n = newNs();
    h.sandbox.client.create(CM, cm(n, 'target'));
    h.sandbox.client.create(CM, cm(n, 'other'));
    const wc = new WatchClient(h.client());
    const all = track(wc, { cluster: h.clusterId, ...CM });
    await converged(all.get);
    const feeds = h.dp.hub.size;
    const t = track(wc, { cluster: h.clusterId, ...CM, namespace: n, fieldSelector: 'metadata.name=target' });
    await eventually(() => t.get().state === 'live', 10_000, 'live');
    expect(t.get().items.map((o) => o.metadata.name)).toEqual(['target']);
    expect(h.dp.hub.size).toBe(feeds); // no extra upstream watch
    h.sandbox.client.patch(CM, n, 'other', 'merge', { data: { x: '1' } });
    const updated = h.sandbox.client.patch(CM, n, 'target', 'merge', { data: { x: '2' } });
    await eventually(() => t.get().items[0]?.metadata.resourceVersion === updated.metadata.resourceVersion, 10_000, 'update');
    h.sandbox.client.delete(CM, n, 'target');
    await eventually(() => t.get().items.length === 0, 10_000, 'deletion');
    h.sandbox.client.create(CM, cm(n, 'target', { back: 'yes' }));
    await eventually(() => t.get().items[0]?.data !== undefined, 10_000, 're-creation');
    expect(t.get().items.map((o) => o.metadata.name)).toEqual(['target']);
    // cluster-wide by name and namespace, and an unsupported field: 400 with the reason
    const both = track(wc, { cluster: h.clusterId, ...CM, fieldSelector: `metadata.namespace==${n},metadata.name=target` });
    await eventually(() => both.get().state === 'live', 10_000, 'live');
    expect(both.get().items.map((o) => `${o.metadata.namespace}/${o.metadata.name}`)).toEqual([`${n}/target`]);
    const bad = track(wc, { cluster: h.clusterId, ...CM, fieldSelector: 'status.phase=Running' });
    await eventually(() => bad.get().state === 'error', 10_000, 'error state');
    expect(bad.get().error).toMatchObject({ status: 400, reason: 'BadRequest' });
    expect(bad.get().error?.message).toMatch(/fieldSelector: field "status.phase" is not supported/);
    for (const x of [all, t, both, bad]) x.release();
  });

  it('a watch released before its ack and started again at once (React StrictMode) keeps receiving events', async () => {
    const n = newNs();
    const socket = h.client();
    await eventually(() => socket.connected, 10_000, 'socket connected');
    const wc = new WatchClient(socket);
    const params = { cluster: h.clusterId, ...CM, namespace: n };
    wc.watch(params, () => undefined)(); // mount + immediate unmount: the first ack arrives after the release
    const t = track(wc, params);
    await converged(t.get, n);
    h.sandbox.client.create(CM, cm(n, 'after-remount'));
    await eventually(() => t.get().items.some((o) => o.metadata.name === 'after-remount'), 10_000, 'event after remount');
    t.release();
  });

  it('rejects invalid subscriptions with typed errors', async () => {
    const wc = new WatchClient(h.client());
    const t = track(wc, { cluster: h.clusterId, group: 'nope.example.com', version: 'v1', resource: 'widgets' });
    await eventually(() => t.get().state === 'error', 10_000, 'error state');
    expect(t.get().error?.status).toBe(404);
    const bad = track(wc, { cluster: h.clusterId, ...CM, labelSelector: 'a in b' });
    await eventually(() => bad.get().state === 'error', 10_000, 'error state');
    expect(bad.get().error?.reason).toBe('BadRequest');
  });

  it('a dropped socket reconnects with its resourceVersion and receives only what it missed', async () => {
    const n = newNs();
    for (let i = 0; i < 5; i++) h.sandbox.client.create(CM, cm(n, `c${i}`));
    const socket = h.client();
    const wc = new WatchClient(socket);
    const t = track(wc, { cluster: h.clusterId, ...CM, namespace: n });
    await converged(t.get, n);
    const snapshots = () => h.dp.stats().snapshotsSent;
    const catchUps = h.dp.stats().catchUpsSent;
    const snapsBefore = snapshots();
    const states: string[] = [];
    wc.onConnection((s) => states.push(s));
    socket.io.engine.close(); // network drop: socket.io-client reconnects on its own
    await eventually(() => states.includes('reconnecting'), 5_000, 'reconnecting');
    h.sandbox.client.delete(CM, n, 'c0');
    h.sandbox.client.patch(CM, n, 'c1', 'merge', { data: { x: 'y' } });
    h.sandbox.client.create(CM, cm(n, 'c9'));
    await eventually(() => wc.connection() === 'live', 10_000, 'socket live again');
    await converged(t.get, n);
    expect(h.dp.stats().catchUpsSent).toBeGreaterThan(catchUps);
    expect(snapshots()).toBe(snapsBefore);
    expect(t.seen.some((r) => r.state === 'reconnecting' && r.since)).toBe(true);
    t.release();
  });

  it('survives an API server restart mid-watch (connections dropped, refused, then back) without relisting', async () => {
    const n = newNs();
    h.sandbox.client.create(CM, cm(n, 'a'));
    const wc = new WatchClient(h.client());
    const t = track(wc, { cluster: h.clusterId, ...CM, namespace: n });
    await converged(t.get, n);
    const feed = h.dp.hub.list().find((f) => f.resource === 'configmaps')!;
    const relists = feed.informer.stats.relists;
    await h.proxy!.stop();
    await eventually(() => t.get().state === 'reconnecting', 10_000, 'watchStatus reconnecting reaches the client');
    expect(t.get().since).toBeTruthy();
    for (let i = 0; i < 20; i++) h.sandbox.client.create(CM, cm(n, `during-${i}`)); // fewer than the sandbox's history
    await h.proxy!.start();
    await converged(t.get, n);
    expect(feed.informer.stats.relists).toBe(relists);
    t.release();
  });

  it('relists on 410 Expired after a long outage and the client still converges', async () => {
    const n = newNs();
    for (let i = 0; i < 10; i++) h.sandbox.client.create(CM, cm(n, `k${i}`));
    const wc = new WatchClient(h.client());
    const t = track(wc, { cluster: h.clusterId, ...CM, namespace: n });
    await converged(t.get, n);
    const feed = h.dp.hub.list().find((f) => f.resource === 'configmaps')!;
    const relists = feed.informer.stats.relists;
    await h.proxy!.stop();
    // more changes than the sandbox retains (200): resuming from the old version must answer 410
    for (let i = 0; i < 300; i++) h.sandbox.client.patch(CM, n, `k${i % 10}`, 'merge', { data: { i: String(i) } });
    h.sandbox.client.delete(CM, n, 'k3');
    h.sandbox.client.create(CM, cm(n, 'late'));
    await h.proxy!.start();
    await eventually(() => feed.informer.stats.relists > relists, 15_000, 'relist after 410');
    await converged(t.get, n);
    t.release();
  });

  it('a burst of 5,000 changes ends with the client list equal to a fresh list', async () => {
    const n = newNs();
    const wc = new WatchClient(h.client());
    const t = track(wc, { cluster: h.clusterId, ...CM, namespace: n });
    await eventually(() => t.get().state === 'live', 10_000, 'live');
    for (let i = 0; i < 2000; i++) h.sandbox.client.create(CM, cm(n, `b${i}`));
    for (let i = 0; i < 2000; i++) h.sandbox.client.patch(CM, n, `b${i}`, 'merge', { data: { v: String(i) } });
    for (let i = 0; i < 1000; i++) h.sandbox.client.delete(CM, n, `b${i * 2}`);
    await converged(t.get, n);
    expect(t.get().items).toHaveLength(1000);
    t.release();
  });

  it('pushes the live cluster summary over the socket, once per change window', async () => {
    const wc = new WatchClient(h.client());
    const got: ClusterSummary[] = [];
    const release = wc.watchSummary(h.clusterId, (s) => got.push(s));
    await eventually(() => got.length > 0, 10_000, 'first summary');
    expect(clusterSummary.safeParse(got[0]).success).toBe(true);
    const n = newNs();
    const failed = { type: 'Failed', status: 'True', reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
    const JOBS = { group: 'batch', version: 'v1', resource: 'jobs' };
    const job = h.sandbox.client.create(JOBS, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'j', namespace: n },
      spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } },
    });
    h.sandbox.client.updateStatus(JOBS, { ...job, status: { conditions: [failed] } });
    await eventually(() => got.at(-1)!.problems.some((p) => p.kind === 'Job' && p.namespace === n && p.reason === 'JobFailed'), 10_000, 'job problem');
    release();
  });

  it('stops an informer after its last subscriber leaves (linger)', async () => {
    const wc = new WatchClient(h.client());
    const t = track(wc, { cluster: h.clusterId, group: '', version: 'v1', resource: 'serviceaccounts' });
    await eventually(() => t.get().state === 'live', 10_000, 'live');
    expect(h.dp.hub.list().some((f) => f.resource === 'serviceaccounts')).toBe(true);
    t.release();
    await eventually(() => !h.dp.hub.list().some((f) => f.resource === 'serviceaccounts'), 10_000, 'informer stopped');
  });
});
