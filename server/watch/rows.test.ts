/**
 * Row subscriptions against a sandbox cluster over real HTTPS: the client's rows equal a fresh projection of a
 * fresh list (lib/k8s/rows/project.ts) after bursts, socket reconnects and a 410 relist — nothing lost, nothing
 * stale — and a change that alters no row value sends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchClient, type WatchParams, type WatchResult } from '../../lib/realtime/watch-client';
import { keyOf } from '../../lib/realtime/apply-watch-event';
import type { WireObject } from '../../lib/protocol';
import { kindByResource } from '../../lib/k8s/registry';
import { projectRow } from '../../lib/k8s/rows/project';
import type { K8sObject } from '../../lib/k8s/types';
import { configMap, eventually, newNamespace, startFaultHarness, type Harness } from './testing';

const CM = { group: '', version: 'v1', resource: 'configmaps' };
const columns = kindByResource('', 'configmaps')!.columns;
let h: Harness;

beforeAll(async () => {
  h = await startFaultHarness();
});
afterAll(async () => h?.close());

const newNs = () => newNamespace(h, 'r');

const cm = configMap;

/** A row without its resourceVersion: a row is re-sent only when something it shows changes. */
function shown(o: WireObject): unknown {
  const { resourceVersion: _rv, ...metadata } = o.metadata;
  return { ...o, metadata };
}

/** A fresh list through the BFF over HTTPS, projected afresh. */
async function freshRows(namespace: string, labelSelector?: string): Promise<Map<string, unknown>> {
  const q = new URLSearchParams({ namespace, ...(labelSelector ? { labelSelector } : {}) });
  const r = await h.app.inject({ url: `/api/clusters/${h.clusterId}/resources/core/v1/configmaps?${q}` });
  expect(r.statusCode).toBe(200);
  const items = (r.json() as { items: K8sObject[] }).items;
  return new Map(items.map((o) => [keyOf(o as WireObject), shown(projectRow(columns, o) as unknown as WireObject)]));
}

async function converged(get: () => WatchResult, namespace: string, labelSelector?: string) {
  let last = '';
  await eventually(async () => {
    const r = get();
    if (r.state !== 'live') return false;
    const fresh = await freshRows(namespace, labelSelector);
    const mine = new Map(r.items.map((o) => [keyOf(o), shown(o)]));
    last = `${mine.size} rows, ${fresh.size} fresh`;
    return mine.size === r.items.length && mine.size === fresh.size && [...fresh].every(([k, v]) => JSON.stringify(mine.get(k)) === JSON.stringify(v));
  }, 20_000, 'rows to equal a fresh projection', 100).catch((e: Error) => {
    throw new Error(`${e.message} (${last})`);
  });
  // and structurally, for a readable diff should the JSON comparison above ever be too lenient
  const fresh = await freshRows(namespace, labelSelector);
  expect(new Map(get().items.map((o) => [keyOf(o), shown(o)]))).toEqual(fresh);
}

function track(wc: WatchClient, params: WatchParams) {
  const release = wc.watch(params, () => undefined);
  return { release, get: () => wc.current(params) };
}

const rowsOf = (namespace: string, labelSelector?: string): WatchParams => ({ cluster: h.clusterId, ...CM, namespace, labelSelector, rows: true });

describe('row subscriptions', () => {
  it('send rows, not objects: the kind’s cells and the metadata a list needs', async () => {
    const n = newNs();
    h.sandbox.client.create(CM, cm(n, 'one', { a: '1', b: '2' }, { app: 'web' }));
    const wc = new WatchClient(h.client());
    const t = track(wc, rowsOf(n));
    await converged(t.get, n);
    const row = t.get().items[0] as WireObject & { cells: unknown[]; data?: unknown };
    expect(row.data).toBeUndefined();
    expect(row.cells).toEqual(['one', n, 2, expect.any(Number)]);
    expect(row.metadata).toMatchObject({ name: 'one', namespace: n, labels: { app: 'web' }, uid: expect.any(String), resourceVersion: expect.any(String) });
    t.release();
  });

  it('a change that alters no row value sends nothing; one that does is sent', async () => {
    const n = newNs();
    h.sandbox.client.create(CM, cm(n, 'quiet', { a: '1' }));
    h.sandbox.client.create(CM, cm(n, 'loud', { a: '1' }));
    const socket = h.client();
    const frames: { name: string }[][] = [];
    socket.on('delta', (d) => frames.push((d as { events: { object: WireObject }[] }).events.map((e) => ({ name: e.object.metadata.name }))));
    const wc = new WatchClient(socket);
    const t = track(wc, rowsOf(n));
    await converged(t.get, n);
    // same keys, new values and an annotation: the Data count, labels and all else a row shows stay the same
    h.sandbox.client.patch(CM, n, 'quiet', 'merge', { data: { a: '2' }, metadata: { annotations: { note: 'x' } } });
    h.sandbox.client.patch(CM, n, 'loud', 'merge', { data: { b: '2' } });
    await eventually(() => frames.flat().some((e) => e.name === 'loud'), 10_000, 'the changed row');
    expect(frames.flat().filter((e) => e.name === 'quiet')).toEqual([]);
    await converged(t.get, n);
    expect((t.get().items.find((o) => o.metadata.name === 'loud') as unknown as { cells: unknown[] }).cells[2]).toBe(2);
    t.release();
  });

  it('a burst of changes, label moves in and out of a selector, and deletions end equal to a fresh projection', async () => {
    const n = newNs();
    const wc = new WatchClient(h.client());
    const all = track(wc, rowsOf(n));
    const web = track(wc, rowsOf(n, 'app=web'));
    await eventually(() => all.get().state === 'live' && web.get().state === 'live', 10_000, 'live');
    for (let i = 0; i < 600; i++) h.sandbox.client.create(CM, cm(n, `b${i}`, {}, { app: i % 2 ? 'web' : 'db' }));
    for (let i = 0; i < 600; i++) h.sandbox.client.patch(CM, n, `b${i}`, 'merge', { data: Object.fromEntries(Array.from({ length: i % 4 }, (_, j) => [`k${j}`, 'v'])) });
    for (let i = 0; i < 200; i++) h.sandbox.client.patch(CM, n, `b${i}`, 'merge', { metadata: { labels: { app: i % 2 ? 'db' : 'web' } } });
    for (let i = 0; i < 150; i++) h.sandbox.client.delete(CM, n, `b${i * 4}`);
    await converged(all.get, n);
    await converged(web.get, n, 'app=web');
    all.release();
    web.release();
  });

  it('a dropped socket catches up in rows; a 410 relist after a long outage converges too', async () => {
    const n = newNs();
    for (let i = 0; i < 10; i++) h.sandbox.client.create(CM, cm(n, `k${i}`));
    const socket = h.client();
    const wc = new WatchClient(socket);
    const t = track(wc, rowsOf(n));
    await converged(t.get, n);
    const catchUps = h.dp.stats().catchUpsSent;
    socket.io.engine.close(); // network drop: socket.io-client reconnects on its own
    await eventually(() => wc.connection() === 'reconnecting', 5_000, 'reconnecting');
    h.sandbox.client.delete(CM, n, 'k0');
    h.sandbox.client.patch(CM, n, 'k1', 'merge', { data: { x: 'y' } });
    h.sandbox.client.patch(CM, n, 'k2', 'merge', { data: { x: 'y' } });
    h.sandbox.client.patch(CM, n, 'k2', 'merge', { data: { x: null } });
    h.sandbox.client.create(CM, cm(n, 'k10', { a: 'b' }));
    await eventually(() => wc.connection() === 'live', 10_000, 'socket live again');
    await converged(t.get, n);
    expect(h.dp.stats().catchUpsSent).toBeGreaterThan(catchUps);

    const feed = h.dp.hub.list().find((f) => f.resource === 'configmaps' && f.namespace === n)!;
    const relists = feed.informer.stats.relists;
    await h.proxy!.stop();
    // more changes than the sandbox retains (200): resuming from the old version must answer 410
    for (let i = 0; i < 300; i++) h.sandbox.client.patch(CM, n, `k${1 + (i % 9)}`, 'merge', { data: { [`i${i % 3}`]: String(i) } });
    h.sandbox.client.delete(CM, n, 'k3');
    h.sandbox.client.create(CM, cm(n, 'late', { z: '1' }));
    await h.proxy!.start();
    await eventually(() => feed.informer.stats.relists > relists, 15_000, 'relist after 410');
    await converged(t.get, n);
    t.release();
  });
});
