/**
 * Folding a namespaced informer into a later all-namespaces one (hub.ts, fold.ts), against a sandbox over real
 * HTTPS: while changes stream into the namespace, an all-namespaces subscriber arrives; the namespaced
 * subscriber must then be served by the one remaining upstream watch and receive every change exactly once,
 * in order, ending equal to a fresh list. A bare lease (log pod sources) is told where it moved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '@wheelhouse/sandbox/testing';
import { WatchClient } from '../../lib/realtime/watch-client';
import { keyOf } from '../../lib/realtime/apply-watch-event';
import type { WireObject } from '../../lib/protocol';
import { eventually, startHarness, type Harness } from './testing';

const CM = { group: '', version: 'v1', resource: 'configmaps' };
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'fold' });
  await eventually(() => h.dp.registry.list()[0]?.state === 'connected', 10_000, 'cluster connected');
});
afterAll(async () => h?.close());

const cm = (namespace: string, name: string, i = 0): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace }, data: { i: String(i) } });
const cmFeeds = () => h.dp.hub.list().filter((f) => f.resource === 'configmaps' && f.cluster === h.clusterId);
const tick = () => new Promise((r) => setImmediate(r));

describe('folding a namespaced informer into an all-namespaces one', () => {
  it('moves the namespace subscription without losing or repeating an event, and stops the namespaced watch', async () => {
    const ns = 'fold-a';
    h.sandbox.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    for (let i = 0; i < 20; i++) h.sandbox.client.create(CM, cm(ns, `c${i}`));
    const wc = new WatchClient(h.client());
    const params = { cluster: h.clusterId, ...CM, namespace: ns };
    // every resourceVersion the subscriber receives, per object, in order (snapshot first)
    const got = new Map<string, string[]>();
    const note = (o: WireObject, deleted = false) => {
      const list = got.get(keyOf(o)) ?? got.set(keyOf(o), []).get(keyOf(o))!;
      list.push(deleted ? `deleted@${o.metadata.resourceVersion}` : o.metadata.resourceVersion!);
    };
    let snapshotTaken = false;
    wc.watch(params, (r, changed) => {
      if (changed) for (const e of changed) note(e.object, e.type === 'DELETED');
      else if (r.state === 'live' && !snapshotTaken) {
        snapshotTaken = true;
        for (const o of r.items) note(o);
      }
    });
    await eventually(() => snapshotTaken, 10_000, 'snapshot');
    const [nsFeed] = cmFeeds();
    expect(nsFeed.namespace).toBe(ns);
    const folds = h.dp.hub.stats.folds;

    // what the sandbox wrote, per object, in order
    const wrote = new Map<string, string[]>(wc.current(params).items.map((o) => [keyOf(o), [o.metadata.resourceVersion!]]));
    const write = (i: number) => {
      const name = `c${i % 25}`;
      const key = `${ns}/${name}`;
      const list = wrote.get(key) ?? wrote.set(key, []).get(key)!;
      if (i % 25 >= 20 && i % 3 === 0 && h.sandbox.client.get(CM, ns, name)) {
        const d = h.sandbox.client.delete(CM, ns, name)!;
        list.push(`deleted@${d.metadata.resourceVersion}`);
      } else if (!h.sandbox.client.get(CM, ns, name)) list.push(h.sandbox.client.create(CM, cm(ns, name, i)).metadata.resourceVersion!);
      else {
        const rv = h.sandbox.client.patch(CM, ns, name, 'merge', { data: { i: String(i) } }).metadata.resourceVersion!;
        if (rv !== list.at(-1)) list.push(rv); // a no-op patch writes nothing
      }
    };
    let i = 0;
    let writing = true;
    const writer = (async () => {
      while (writing) {
        for (let k = 0; k < 5; k++) write(i++);
        await tick();
      }
    })();

    // an all-namespaces subscriber arrives while the namespace is busy
    const all = new WatchClient(h.client());
    all.watch({ cluster: h.clusterId, ...CM }, () => undefined);
    await eventually(() => h.dp.hub.stats.folds > folds, 15_000, 'fold');
    const upTo = i;
    await eventually(() => i > upTo + 200, 10_000, 'changes after the fold');
    writing = false;
    await writer;

    expect(cmFeeds()).toHaveLength(1);
    expect(cmFeeds()[0].namespace).toBeUndefined();
    expect(nsFeed.informer.watching).toBe(false);
    expect(h.dp.hub.list().filter((f) => f.cluster === h.clusterId && f.resource === 'configmaps' && f.informer.watching)).toHaveLength(1);
    expect(h.dp.hub.stats.forcedFolds).toBe(0);

    const fresh = h.sandbox.client.list(CM, { namespace: ns }).items;
    await eventually(() => {
      const mine = new Map(wc.current(params).items.map((o) => [keyOf(o), o.metadata.resourceVersion]));
      return mine.size === fresh.length && fresh.every((o) => mine.get(keyOf(o as WireObject)) === o.metadata.resourceVersion);
    }, 15_000, 'namespace subscriber equals a fresh list');
    // exactly the writes, in order: nothing lost, nothing repeated (the subscriber's first version is its snapshot's)
    for (const [key, seq] of wrote) {
      const mine = got.get(key) ?? [];
      const from = mine.length ? seq.indexOf(mine[0]) : seq.length;
      expect(from, key).toBeGreaterThanOrEqual(0);
      expect(mine, key).toEqual(seq.slice(from));
    }
  });

  it('moves a bare lease and tells its holder; a namespaced feed nobody holds just stops', async () => {
    const hub = h.dp.hub;
    const k = { cluster: h.clusterId, group: '', version: 'v1', resource: 'secrets' };
    const lease = hub.acquire({ ...k, namespace: 'default' });
    const idle = hub.acquire({ ...k, namespace: 'kube-system' });
    idle.release();
    await lease.feed.informer.whenSynced();
    const moves: string[] = [];
    lease.onMove((to, from) => moves.push(`${from.namespace}->${to.namespace ?? '*'}`));
    const wide = hub.acquire(k);
    await eventually(() => moves.length === 1, 10_000, 'lease moved');
    expect(moves).toEqual(['default->*']);
    expect(lease.feed).toBe(wide.feed);
    expect(hub.list().filter((f) => f.resource === 'secrets')).toHaveLength(1);
    lease.release();
    wide.release();
    expect(wide.feed.leases).toBe(0);
  });
});
