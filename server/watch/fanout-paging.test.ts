/**
 * Paged snapshots over a real sandbox: a 5,000-object list arrives in several pages in the
 * table's default order, the pages concatenated equal a fresh list, no delta comes before the last page, and
 * writes made while the pages go out arrive once each, as a delta right after the last page. A second fan-out
 * on its own socket.io server shares the harness's hub; its page hook holds the paging until the writes'
 * events have reached the informer, so the "write during paging" case is deterministic.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import type { Delta, Snapshot, WireObject } from '../../lib/protocol';
import { keyOf } from '../../lib/realtime/apply-watch-event';
import { showPage } from '../../lib/realtime/snapshot-pages';
import { WatchClient, type ClientSocket, type WatchResult } from '../../lib/realtime/watch-client';
import { DiscoveryCache } from '../clusters/discovery';
import type { InformerEvent } from '../k8s/informer';
import { WatchFanout } from './fanout';
import { eventually, quietLogger, startHarness, type Harness } from './testing';

const CM = { group: '', version: 'v1', resource: 'configmaps' };
const N = 5_000;
let h: Harness;
let http2: http.Server;
let io2: Server;
let fanout: WatchFanout;
let url2 = '';
/** runs after each page's yield on the second fan-out, before the next page */
let afterPage: (page: number) => Promise<void> = async () => undefined;
let pages = 0;

beforeAll(async () => {
  h = await startHarness();
  await eventually(() => h.dp.registry.list()[0]?.state === 'connected', 10_000, 'cluster connected');
  http2 = http.createServer();
  await new Promise<void>((r) => http2.listen(0, '127.0.0.1', () => r()));
  io2 = new Server(http2, { path: '/socket.io', transports: ['websocket'] });
  const yieldPage = async () => {
    await new Promise((r) => setImmediate(r));
    await afterPage(++pages);
  };
  fanout = new WatchFanout(io2 as never, h.dp.hub, new DiscoveryCache(h.dp.registry, quietLogger), quietLogger, h.dp.guard, 20, { firstPage: 250, pageSize: 2_000, yieldPage });
  url2 = `http://127.0.0.1:${(http2.address() as AddressInfo).port}`;
});
afterAll(async () => {
  fanout?.stop();
  io2?.close();
  await h?.close();
});

function namespaceWith(n: number): string {
  const name = `pg-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
  h.sandbox.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  for (let i = 0; i < n; i++) h.sandbox.client.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `p${i}`, namespace: name }, data: {} });
  return name;
}

async function freshList(namespace: string): Promise<Map<string, string>> {
  const r = await h.app.inject({ url: `/api/clusters/${h.clusterId}/resources/core/v1/configmaps?namespace=${namespace}` });
  expect(r.statusCode).toBe(200);
  return new Map((r.json() as { items: WireObject[] }).items.map((o) => [keyOf(o), o.metadata.resourceVersion!]));
}

const asMap = (items: WireObject[]) => new Map(items.map((o) => [keyOf(o), o.metadata.resourceVersion!]));

async function converged(get: () => WatchResult, namespace: string) {
  await eventually(async () => {
    const r = get();
    if (r.state !== 'live') return false;
    const fresh = await freshList(namespace);
    const mine = asMap(r.items);
    return mine.size === fresh.size && mine.size === r.items.length && [...fresh].every(([k, v]) => mine.get(k) === v);
  }, 20_000, 'client list to equal a fresh list', 100);
}

describe('paged snapshots', () => {
  it('sends 5,000 objects in ordered pages, holds deltas until the last one, then delivers writes made meanwhile once', async () => {
    const ns = namespaceWith(N);
    const before = await freshList(ns);
    expect(before.size).toBe(N);
    const socket: ClientSocket = ioClient(url2, { path: '/socket.io', transports: ['websocket'] });
    const frames: ({ kind: 'snapshot' } & Snapshot | { kind: 'delta' } & Delta)[] = [];
    socket.on('snapshot', (s) => frames.push({ kind: 'snapshot', ...s }));
    socket.on('delta', (d) => frames.push({ kind: 'delta', ...d }));
    const wc = new WatchClient(socket);
    const params = { cluster: h.clusterId, ...CM, namespace: ns };
    const seen: WatchResult[] = [];
    const release = wc.watch(params, (r) => seen.push(r));

    // after the first page: change an object of a later page, delete one already sent, add one; continue only
    // once the informer has passed all three on to the fan-out (its listener runs before ours)
    let patchedRv = '';
    afterPage = async (page) => {
      if (page !== 1) return;
      const feed = h.dp.hub.list().find((f) => f.resource === 'configmaps')!;
      const want = new Set(['MODIFIED p4999', 'DELETED p1', 'ADDED zz-new']);
      const arrived = new Promise<void>((resolve) => {
        const off = feed.informer.onEvents((evs: InformerEvent[]) => {
          for (const e of evs) if (e.object.metadata.namespace === ns) want.delete(`${e.type} ${e.object.metadata.name}`);
          if (want.size === 0) resolve(off());
        });
      });
      patchedRv = h.sandbox.client.patch(CM, ns, 'p4999', 'merge', { data: { v: 'during paging' } }).metadata.resourceVersion!;
      h.sandbox.client.delete(CM, ns, 'p1');
      h.sandbox.client.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'zz-new', namespace: ns }, data: {} });
      await arrived;
      // the client already shows the first page as a partial list
      expect(wc.current(params)).toMatchObject({ state: 'loading', partial: { loaded: 250, total: N } });
    };
    try {
      await converged(() => wc.current(params), ns);
    } finally {
      afterPage = async () => undefined;
    }

    const snaps = frames.filter((f): f is { kind: 'snapshot' } & Snapshot => f.kind === 'snapshot');
    expect(snaps.length).toBeGreaterThanOrEqual(3);
    expect(snaps[0]).toMatchObject({ total: N, more: true });
    expect(snaps[0].items).toHaveLength(250);
    expect(snaps.slice(0, -1).every((s) => s.more === true)).toBe(true);
    expect(snaps.at(-1)!.more).toBe(false);
    expect(new Set(snaps.map((s) => s.resourceVersion)).size).toBe(1);
    // concatenated: the list before the writes, in the table's order (natural by name: p0, p1, p2, … p4999)
    const all = snaps.flatMap((s) => s.items);
    expect(all.map((o) => o.metadata.name)).toEqual(Array.from({ length: N }, (_, i) => `p${i}`));
    expect(asMap(all)).toEqual(before);
    // no delta before the last page; the writes arrive after it, once each
    const lastPage = frames.indexOf(snaps.at(-1)!);
    expect(frames.findIndex((f) => f.kind === 'delta')).toBeGreaterThan(lastPage);
    const events = frames.flatMap((f) => (f.kind === 'delta' ? f.events.map((e) => `${e.type} ${e.object.metadata.name} ${e.object.metadata.resourceVersion}`) : []));
    expect(events.filter((e) => e.startsWith('MODIFIED p4999 '))).toEqual([`MODIFIED p4999 ${patchedRv}`]);
    expect(events.filter((e) => e.startsWith('DELETED p1 '))).toHaveLength(1);
    expect(events.filter((e) => e.startsWith('ADDED zz-new '))).toHaveLength(1);
    // the client (after the informer's own start-up status): partial while pages arrived, live only at the end
    const firstPartial = seen.findIndex((r) => r.partial);
    const paged = seen.slice(firstPartial, seen.findIndex((r) => r.state === 'live'));
    expect(paged.every((r) => r.state === 'loading' && r.partial?.total === N)).toBe(true);
    // shown: the first page, then each time the list has doubled (lib/realtime/snapshot-pages.ts showPage)
    const loadedAfter = snaps.slice(0, -1).map((_, i) => snaps.slice(0, i + 1).reduce((n, s) => n + s.items.length, 0));
    const shownCounts: number[] = [];
    for (const n of loadedAfter) if (showPage(shownCounts.at(-1) ?? 0, n)) shownCounts.push(n);
    expect(paged.map((r) => r.partial!.loaded)).toEqual(shownCounts);
    release();
    socket.close();
  });

  it('the data plane pages by default (setImmediate between pages) and the client converges', async () => {
    const ns = namespaceWith(N);
    const wc = new WatchClient(h.client());
    const params = { cluster: h.clusterId, ...CM, namespace: ns };
    const seen: WatchResult[] = [];
    const release = wc.watch(params, (r) => seen.push(r));
    await converged(() => wc.current(params), ns);
    expect(seen.find((r) => r.partial)).toMatchObject({ state: 'loading', partial: { loaded: 250, total: N } });
    expect(wc.current(params).items).toHaveLength(N);
    release();
  });
});
