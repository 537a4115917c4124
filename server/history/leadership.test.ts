/**
 * Two replicas sharing one store: each cluster is recorded by exactly one of them, each change once; when the
 * holder dies (its lease is not given up), the other takes the cluster over once the lease has expired on the
 * injected clock, and a batch of the dead holder is refused.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachStore } from '../store/testing';
import { eventually } from '../watch/testing';
import { historyDb, writeBatch, type HistoryDb } from './history-store';
import { clusterLease, leaseHolder, tryLease } from './leadership';
import { recorded, startHistoryHarness, type HistoryHarness } from './testing';

const CMS = '/api/v1/namespaces/default/configmaps';
const cm = (name: string, v: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data: { v } });

describeEachStore('history leadership', (getStore) => {
  let h: HistoryHarness;
  let db: HistoryDb;
  beforeAll(async () => {
    h = await startHistoryHarness('lead');
    db = historyDb(getStore());
  }, 60_000);
  afterAll(() => h?.close());

  it('a lease is taken when free or expired, renewed by its holder and refused to others', async () => {
    const t0 = new Date('2030-01-01T00:00:00Z');
    expect(await tryLease(db, 'x', 'a', t0, 15_000)).toBe(true);
    expect(await tryLease(db, 'x', 'b', new Date(t0.getTime() + 10_000), 15_000)).toBe(false);
    expect(await tryLease(db, 'x', 'a', new Date(t0.getTime() + 10_000), 15_000)).toBe(true); // renewed to +25 s
    expect(await tryLease(db, 'x', 'b', new Date(t0.getTime() + 20_000), 15_000)).toBe(false);
    expect(await tryLease(db, 'x', 'b', new Date(t0.getTime() + 25_001), 15_000)).toBe(true);
    expect(await leaseHolder(db, 'x', new Date(t0.getTime() + 26_000))).toBe('b');
    // the old holder's batch is refused: nothing written
    const ok = await writeBatch(db, 'c', { changes: [], upserts: [], deletes: [], cursors: [{ group: '', resource: 'r', resourceVersion: '1' }] }, { name: 'x', holder: 'a', now: new Date(t0.getTime() + 26_000) });
    expect(ok).toBe(false);
  });

  it('two replicas record each change once; the survivor takes over within the lease time', async () => {
    const a = h.service({ db, replicaId: 'replica-a' });
    const b = h.service({ db, replicaId: 'replica-b' });
    await a.tick();
    await b.tick();
    expect(a.recording()).toEqual([h.cluster]);
    expect(b.recording()).toEqual([]);
    await a.recorder(h.cluster)!.synced();

    const one = await h.write<{ metadata: { uid: string } }>('POST', CMS, cm('lead-1', '1'), 'erin');
    await eventually(async () => (await recorded(db, { uid: one.metadata.uid })).length === 1, 15_000, 'the change');
    await a.tick();
    await b.tick();
    expect(b.recording()).toEqual([]);

    // replica a dies: its lease stays until it expires
    await a.stop({ release: false });
    const two = await h.write<{ metadata: { uid: string } }>('POST', CMS, cm('lead-2', '1'), 'erin');
    h.clock.now += 5_000;
    await b.tick();
    expect(b.recording()).toEqual([]);
    h.clock.now += 11_000; // > 15 s after a's last renewal
    await b.tick();
    expect(b.recording()).toEqual([h.cluster]);
    expect(await leaseHolder(db, clusterLease(h.cluster), new Date(h.clock.now))).toBe('replica-b');
    await b.recorder(h.cluster)!.synced();
    await h.write('PATCH', `${CMS}/lead-1`, { data: { v: '2' } }, 'erin');
    await eventually(async () => (await recorded(db, { uid: one.metadata.uid })).length === 2, 15_000, 'the update');
    // the change made while nobody recorded arrives once, the earlier one is not recorded again
    expect((await recorded(db, { uid: two.metadata.uid })).map((r) => r.type)).toEqual(['created']);
    expect((await recorded(db, { uid: one.metadata.uid })).map((r) => r.type)).toEqual(['created', 'updated']);
    await b.stop();
  });
});
