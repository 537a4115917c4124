/**
 * Retention by age and by size, and the console-user lookup in the store's audit records, on both stores.
 */
import { beforeEach, expect, it } from 'vitest';
import { describeEachStore } from '../store/testing';
import { consoleUsers } from './audit-match';
import { historyDb, writeBatch, type HistoryDb, type NewChange } from './history-store';
import { enforceRetention, storedBytes } from './retention';

const change = (i: number, time: Date, over: Partial<NewChange> = {}): NewChange => ({
  group: 'apps',
  version: 'v1',
  resource: 'deployments',
  kind: 'Deployment',
  namespace: 'default',
  name: `d-${i}`,
  uid: `u-${i}`,
  resourceVersion: String(i),
  time,
  type: 'updated',
  actor: { name: 'kubectl-edit', via: 'manager', manager: 'kubectl-edit' },
  summary: 'replicas 1 → 2',
  diff: [{ path: '/spec/replicas', op: 'replace', before: 1, after: 2 }],
  object: { spec: { replicas: 2 } },
  ...over,
});

describeEachStore('history retention', (getStore) => {
  let db: HistoryDb;
  const now = new Date('2030-06-15T12:00:00Z');
  const daysAgo = (d: number) => new Date(now.getTime() - d * 24 * 3600_000);
  beforeEach(async () => {
    db = historyDb(getStore());
    await db.deleteFrom('history_changes').execute();
  });

  it('deletes what is older than the age limit, in batches, and keeps the rest', async () => {
    const changes = [...Array.from({ length: 25 }, (_, i) => change(i, daysAgo(20))), ...Array.from({ length: 5 }, (_, i) => change(100 + i, daysAgo(1)))];
    await writeBatch(db, 'c1', { changes, upserts: [], deletes: [], cursors: [] });
    const deleted = await enforceRetention(db, now, { maxAgeMs: 14 * 24 * 3600_000, maxBytes: 1e12, batch: 10, pauseMs: 0 });
    expect(deleted).toBe(25);
    const left = await db.selectFrom('history_changes').select('name').orderBy('name').execute();
    expect(left.map((r) => r.name)).toEqual(['d-100', 'd-101', 'd-102', 'd-103', 'd-104']);
  });

  it('deletes the oldest until the stored size fits', async () => {
    const changes = Array.from({ length: 30 }, (_, i) => change(i, daysAgo(10 - i * 0.1)));
    await writeBatch(db, 'c1', { changes, upserts: [], deletes: [], cursors: [] });
    const total = await storedBytes(db);
    const perRow = total / 30;
    await enforceRetention(db, now, { maxAgeMs: 365 * 24 * 3600_000, maxBytes: Math.floor(perRow * 12), batch: 4, pauseMs: 0 });
    const left = await db.selectFrom('history_changes').select(['name']).orderBy('at').execute();
    expect(left.length).toBeLessThanOrEqual(12);
    expect(left.length).toBeGreaterThanOrEqual(9);
    // the newest survive
    expect(left[left.length - 1].name).toBe('d-29');
    expect(await storedBytes(db)).toBeLessThanOrEqual(perRow * 12);
  });

  it('names the console user whose audited write carried the same object version', async () => {
    const audit = getStore().db;
    const row = (verb: string, uid: string, rv: string | null, username: string) => ({
      at: new Date(),
      username,
      cluster: 'c1',
      verb,
      api_group: 'apps',
      api_version: 'v1',
      resource: 'deployments',
      namespace: 'default',
      name: 'web',
      result: 'success' as const,
      status: null,
      message: null,
      resource_version: rv,
      uid,
      session_id: null,
    });
    await audit.insertInto('audit_events').values([row('patch', 'u-1', '7', 'alice'), row('delete', 'u-2', null, 'bob')]).execute();
    const who = await consoleUsers(db, 'c1', [
      { uid: 'u-1', resourceVersion: '7', type: 'updated' },
      { uid: 'u-1', resourceVersion: '8', type: 'updated' },
      { uid: 'u-2', resourceVersion: '3', type: 'deleted' },
      { uid: 'u-3', resourceVersion: '1', type: 'created' },
    ]);
    expect(who).toEqual(['alice', undefined, 'bob', undefined]);
    expect(await consoleUsers(db, 'other-cluster', [{ uid: 'u-1', resourceVersion: '7', type: 'updated' }])).toEqual([undefined]);
  });
});
