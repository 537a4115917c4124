/**
 * Shared snapshot pages: viewers who subscribe to the same list at the same resourceVersion are sent the same
 * encoded pages (encoded once, not once per socket), each still ends equal to a fresh list, and a write made
 * while the pages go out reaches every one of them once. Unit part: the page layout and the share's lifetime.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { Encoder } from 'socket.io-parser';
import type { Snapshot, WireObject } from '../../lib/protocol';
import { keyOf } from '../../lib/realtime/apply-watch-event';
import { WatchClient, type ClientSocket, type WatchResult } from '../../lib/realtime/watch-client';
import { DiscoveryCache } from '../clusters/discovery';
import type { Obj } from '../k8s/strip';
import { WatchFanout } from './fanout';
import { SnapshotPages, SnapshotShares } from './snapshot-share';
import { configMap, eventually, newNamespace, quietLogger, startHarness, type Harness } from './testing';

const CM = { group: '', version: 'v1', resource: 'configmaps' };
const objs = (n: number): Obj[] => Array.from({ length: n }, (_, i) => ({ metadata: { name: `o${n - 1 - i}`, namespace: 'ns' } }) as Obj);

describe('SnapshotPages', () => {
  it('lays out a first page, then later pages, in list order; each page built once', () => {
    let built = 0;
    const p = new SnapshotPages('7', objs(11), { first: 3, later: 4 }, new Encoder(), (items, first, more) => {
      built++;
      return { names: items.map((o) => o.metadata.name), first, more };
    });
    const decode = (i: number) => JSON.parse(String(p.frame(i).packets[0]).slice(1))[1] as { names: string[]; first: boolean; more: boolean };
    expect([0, 1, 2, 3].map((i) => p.more(i))).toEqual([true, true, false, false]);
    expect(decode(0)).toEqual({ names: ['o0', 'o1', 'o2'], first: true, more: true });
    expect(decode(1).names).toEqual(['o3', 'o4', 'o5', 'o6']);
    expect(decode(2)).toEqual({ names: ['o7', 'o8', 'o9', 'o10'], first: false, more: false });
    expect(p.frame(1)).toBe(p.frame(1));
    expect(built).toBe(3);
    // a WebSocket frame whose payload is the engine.io message "4" + the packet
    const f = p.frame(0);
    expect(f.frame?.at(-1)?.toString()).toBe(`4${String(f.packets[0])}`);
  });

  it('is shared at one resourceVersion while someone sends it, and dropped after', () => {
    const shares = new SnapshotShares<object>();
    const view = {};
    const make = (rv: string) => () => new SnapshotPages(rv, objs(2), { first: 1, later: 1 }, new Encoder(), (o) => o);
    const a = shares.acquire(view, '1', make('1'));
    const b = shares.acquire(view, '1', make('1'));
    expect(b).toBe(a);
    const c = shares.acquire(view, '2', make('2'));
    expect(c).not.toBe(a);
    shares.release(view, a);
    shares.release(view, b);
    shares.release(view, c);
    expect(shares.acquire(view, '2', make('2'))).not.toBe(c);
  });
});

describe('viewers subscribing together', () => {
  const VIEWERS = 5;
  const N = 3_000;
  let h: Harness;
  let server: http.Server;
  let io: Server;
  let fanout: WatchFanout;
  let url = '';
  let snapshotEncodes = 0;
  /** runs after each page's yield */
  let afterPage: () => Promise<void> = async () => undefined;

  beforeAll(async () => {
    h = await startHarness();
    await eventually(() => h.dp.registry.list()[0]?.state === 'connected', 10_000, 'cluster connected');
    server = http.createServer();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    io = new Server(server, { path: '/socket.io', transports: ['websocket'] });
    const encode = io.encoder.encode.bind(io.encoder);
    io.encoder.encode = (packet) => {
      if ((packet.data as unknown[] | undefined)?.[0] === 'snapshot') snapshotEncodes++;
      return encode(packet);
    };
    const yieldPage = async () => {
      await new Promise((r) => setImmediate(r));
      await afterPage();
    };
    fanout = new WatchFanout(io as never, h.dp.hub, new DiscoveryCache(h.dp.registry, quietLogger), quietLogger, h.dp.guard, 20, { firstPage: 250, pageSize: 1_000, yieldPage });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    fanout?.stop();
    io?.close();
    await h?.close();
  });

  it('encodes each page once for all of them; every list ends equal to a fresh one, with the write made meanwhile', async () => {
    const ns = newNamespace(h, 'share');
    for (let i = 0; i < N; i++) h.sandbox.client.create(CM, configMap(ns, `c${i}`));
    const params = { cluster: h.clusterId, ...CM, namespace: ns };
    const sockets: ClientSocket[] = [];
    const clients: WatchClient[] = [];
    const firstPages: Snapshot[] = [];
    // the first page of every viewer has gone out before any sends its second: they overlap for sure
    let release!: () => void;
    const together = new Promise<void>((r) => (release = r));
    let wrote = false;
    afterPage = async () => {
      await together;
      if (wrote) return;
      wrote = true;
      h.sandbox.client.patch(CM, ns, 'c2999', 'merge', { data: { v: 'during paging' } });
    };
    for (let i = 0; i < VIEWERS; i++) {
      const s: ClientSocket = ioClient(url, { path: '/socket.io', transports: ['websocket'], forceNew: true });
      s.on('snapshot', (p) => {
        if (p.total !== undefined) firstPages.push(p);
        if (firstPages.length === VIEWERS) release();
      });
      sockets.push(s);
      const wc = new WatchClient(s);
      clients.push(wc);
      wc.watch(params, () => undefined);
    }
    const fresh = async () => {
      const r = await h.app.inject({ url: `/api/clusters/${h.clusterId}/resources/core/v1/configmaps?namespace=${ns}` });
      return new Map((r.json() as { items: WireObject[] }).items.map((o) => [keyOf(o), o.metadata.resourceVersion!]));
    };
    const equal = (r: WatchResult, f: Map<string, string>) =>
      r.state === 'live' && r.items.length === f.size && r.items.every((o) => f.get(keyOf(o)) === o.metadata.resourceVersion);
    try {
      await eventually(async () => {
        const f = await fresh();
        return wrote && [...f.values()].length === N && clients.every((c) => equal(c.current(params), f));
      }, 30_000, 'every viewer equal to a fresh list', 100);
    } finally {
      afterPage = async () => undefined;
      release();
    }
    expect(new Set(firstPages.map((p) => p.resourceVersion)).size).toBe(1);
    // 250 + 1,000 + 1,000 + 750: four pages, encoded once each (not once per viewer)
    expect(snapshotEncodes).toBe(4);
    for (const c of clients) expect(c.current(params).items.find((o) => o.metadata.name === 'c2999')?.data).toEqual({ v: 'during paging' });
    for (const s of sockets) s.close();
  });
});
