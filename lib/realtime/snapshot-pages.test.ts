import { describe, expect, it } from 'vitest';
import type { WireObject } from '../protocol';
import { addSnapshotPage, showPage, type PagedSnapshot } from './snapshot-pages';
import { WatchClient, type ClientSocket, type WatchResult } from './watch-client';

const obj = (name: string): WireObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'x', resourceVersion: '1' } });
const objs = (from: number, n: number) => Array.from({ length: n }, (_, i) => obj(`p${from + i}`));

describe('paged snapshots: accumulation', () => {
  it('appends pages in order until the one without `more`, keeping the first page total', () => {
    const a: PagedSnapshot & { done: boolean } = addSnapshotPage(undefined, { items: objs(0, 2), more: true, total: 5 });
    expect(a).toMatchObject({ total: 5, done: false });
    const b = addSnapshotPage(a, { items: objs(2, 2), more: true });
    expect(b.items).not.toBe(a.items); // a new list per page, for listeners comparing identity
    const c = addSnapshotPage(b, { items: objs(4, 1), more: false });
    expect(c.done).toBe(true);
    expect(c.total).toBe(5);
    expect(c.items.map((o) => o.metadata.name)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
  });

  it('a one-frame snapshot (no `more`) is complete; a page with `total` restarts the list', () => {
    expect(addSnapshotPage(undefined, { items: objs(0, 3) })).toMatchObject({ done: true });
    const half = addSnapshotPage(addSnapshotPage(undefined, { items: objs(0, 2), more: true, total: 4 }), { items: objs(2, 1), more: true });
    const restarted = addSnapshotPage(half, { items: objs(10, 1), more: true, total: 2 });
    expect(restarted.items.map((o) => o.metadata.name)).toEqual(['p10']);
    expect(restarted.total).toBe(2);
  });
});

/** The socket.io-client surface WatchClient uses; `fire` delivers a server frame. */
function fakeSocket() {
  const handlers = new Map<string, ((...a: unknown[]) => void)[]>();
  const subscribes: ((ack: unknown) => void)[] = [];
  const s = {
    connected: true,
    active: true,
    io: { on: () => undefined },
    on(ev: string, cb: (...a: unknown[]) => void) {
      handlers.set(ev, [...(handlers.get(ev) ?? []), cb]);
      return s;
    },
    emit(ev: string, _req: unknown, ack?: (a: unknown) => void) {
      if (ev === 'subscribe' && ack) subscribes.push(ack);
      return s;
    },
    fire(ev: string, payload?: unknown) {
      for (const cb of handlers.get(ev) ?? []) cb(payload);
    },
    subscribes,
  };
  return s;
}

describe('paged snapshots: WatchClient', () => {
  const params = { cluster: 'c', group: '', version: 'v1', resource: 'pods', namespace: 'x' };

  it('shows the first page at once as a partial list and turns live only after the last page', () => {
    const sock = fakeSocket();
    const wc = new WatchClient(sock as unknown as ClientSocket);
    const seen: WatchResult[] = [];
    wc.watch(params, (r) => seen.push(r));
    sock.subscribes[0]({ ok: true, subId: 's1' });
    sock.fire('snapshot', { subId: 's1', items: objs(0, 2), resourceVersion: '7', more: true, total: 5 });
    expect(wc.current(params)).toMatchObject({ state: 'loading', partial: { loaded: 2, total: 5 } });
    expect(wc.current(params).items).toHaveLength(2);
    sock.fire('snapshot', { subId: 's1', items: objs(2, 2), resourceVersion: '7', more: true });
    expect(wc.current(params).partial).toEqual({ loaded: 4, total: 5 });
    sock.fire('snapshot', { subId: 's1', items: objs(4, 1), resourceVersion: '7', more: false });
    const r = wc.current(params);
    expect(r.state).toBe('live');
    expect(r.partial).toBeUndefined();
    expect(r.resourceVersion).toBe('7');
    expect(r.items.map((o) => o.metadata.name)).toEqual(['p0', 'p1', 'p2', 'p3', 'p4']);
    expect(seen.map((x) => x.state)).toEqual(['loading', 'loading', 'live']);
  });

  it('a disconnect mid-snapshot discards the partial list and resubscribes without a resourceVersion', () => {
    const sock = fakeSocket();
    const wc = new WatchClient(sock as unknown as ClientSocket);
    wc.watch(params, () => undefined);
    sock.subscribes[0]({ ok: true, subId: 's1' });
    sock.fire('snapshot', { subId: 's1', items: objs(0, 2), resourceVersion: '7', more: true, total: 4 });
    sock.connected = false;
    sock.fire('disconnect');
    expect(wc.current(params)).toMatchObject({ state: 'loading', items: [] });
    sock.connected = true;
    sock.fire('connect');
    expect(sock.subscribes).toHaveLength(2);
    sock.subscribes[1]({ ok: true, subId: 's1' });
    sock.fire('snapshot', { subId: 's1', items: objs(0, 3), resourceVersion: '9', more: true, total: 4 });
    sock.fire('snapshot', { subId: 's1', items: objs(3, 1), resourceVersion: '9' });
    expect(wc.current(params).items.map((o) => o.metadata.name)).toEqual(['p0', 'p1', 'p2', 'p3']);
    expect(wc.current(params).state).toBe('live');
  });

  it('a resnapshot after data keeps the complete list on screen until its last page', () => {
    const sock = fakeSocket();
    const wc = new WatchClient(sock as unknown as ClientSocket);
    wc.watch(params, () => undefined);
    sock.subscribes[0]({ ok: true, subId: 's1' });
    sock.fire('snapshot', { subId: 's1', items: objs(0, 3), resourceVersion: '7', total: 3 });
    sock.fire('snapshot', { subId: 's1', items: objs(5, 1), resourceVersion: '8', more: true, total: 2 });
    expect(wc.current(params).items).toHaveLength(3);
    sock.fire('snapshot', { subId: 's1', items: objs(6, 1), resourceVersion: '8' });
    expect(wc.current(params).items.map((o) => o.metadata.name)).toEqual(['p5', 'p6']);
  });

  it('a first load shows its first page at once, then the list each time it has doubled, and the last page', () => {
    expect([0, 250].map((shown) => showPage(shown, 250))).toEqual([true, false]);
    const sock = fakeSocket();
    const wc = new WatchClient(sock as unknown as ClientSocket);
    const seen: number[] = [];
    wc.watch(params, (r) => seen.push(r.items.length));
    sock.subscribes[0]({ ok: true, subId: 's1' });
    sock.fire('snapshot', { subId: 's1', items: objs(0, 250), resourceVersion: '7', more: true, total: 20_250 });
    for (let i = 0; i < 4; i++) sock.fire('snapshot', { subId: 's1', items: objs(250 + i * 5_000, 5_000), resourceVersion: '7', more: i < 3 });
    expect(seen).toEqual([250, 5_250, 15_250, 20_250]);
    expect(wc.current(params)).toMatchObject({ state: 'live' });
    // a restarted snapshot (a page with `total`) starts counting again: its first page shows at once
    sock.fire('disconnect');
    sock.fire('connect');
    sock.subscribes[1]({ ok: true, subId: 's1' });
    sock.fire('snapshot', { subId: 's1', items: objs(0, 3), resourceVersion: '9', more: true, total: 4 });
    sock.fire('snapshot', { subId: 's1', items: objs(3, 1), resourceVersion: '9' });
    expect(wc.current(params).items).toHaveLength(4);
  });
});
