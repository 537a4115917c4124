// Audit records in the store: written by the audit log, read back filtered and paged (directly and through
// GET /api/audit), matched to changes by findConsoleActor, and pruned by age. On PGlite and on PostgreSQL.
import { Writable } from 'node:stream';
import { beforeAll, expect, it } from 'vitest';
import { audited, createAuditLog, type AuditLog } from '../audit';
import Fastify from 'fastify';
import { installErrorHandler } from '../api/common';
import type { ClusterRegistry } from '../clusters/registry';
import { auditRoutes } from '../api/audit-route';
import { quietLogger } from '../watch/testing';
import { describeEachStore } from './testing';
import { findConsoleActor, pruneAudit, queryAudit } from './audit-events';
import { startAuditRetention } from './audit-retention';
import { recentExecSessions } from './exec-sessions';

const nowhere = () => new Writable({ write: (_c, _e, cb) => cb() });
const deploy = (name: string, namespace = 'shop') => ({ group: 'apps', version: 'v1', resource: 'deployments', namespace, name });

describeEachStore('audit records in the store', (getStore) => {
  let log: AuditLog;

  beforeAll(async () => {
    log = createAuditLog({ destination: nowhere(), store: getStore() });
    log.record({ user: 'alice', cluster: 'east', verb: 'patch', object: deploy('web'), result: 'success', message: 'image=web:2' });
    log.record({ user: 'bob', cluster: 'east', verb: 'delete', object: deploy('api', 'billing'), result: 'failure', status: 403, message: 'forbidden: 100% sure' });
    log.record({ user: 'alice', cluster: 'west', verb: 'scale', object: { ...deploy('web'), resource: 'deployments/scale' }, result: 'success', message: 'replicas=3' });
    log.record({ user: 'carol', cluster: '', verb: 'login', object: { group: 'wheelhouse.dev', version: 'v1', resource: 'sessions', name: 'carol' }, result: 'success' });
    for (let i = 0; i < 7; i++) log.record({ user: 'dave', cluster: 'east', verb: 'create', object: { group: '', version: 'v1', resource: 'configmaps', namespace: 'ops', name: `cm-${i}` }, result: 'success' });
    await log.flush!();
  });

  it('filters by user, cluster, verb, namespace, text and time', async () => {
    const { db } = getStore();
    const names = async (f: Parameters<typeof queryAudit>[1]) => (await queryAudit(db, f)).rows.map((r) => `${r.username}:${r.verb}:${r.name}`);
    expect(await names({ user: 'alice', limit: 50 })).toEqual(['alice:scale:web', 'alice:patch:web']);
    expect(await names({ cluster: 'west', limit: 50 })).toEqual(['alice:scale:web']);
    expect(await names({ verb: 'delete', limit: 50 })).toEqual(['bob:delete:api']);
    expect(await names({ namespace: 'billing', limit: 50 })).toEqual(['bob:delete:api']);
    // text matches case-insensitively, and % is a character, not a wildcard
    expect(await names({ text: '100%', limit: 50 })).toEqual(['bob:delete:api']);
    expect(await names({ text: 'X%Y', limit: 50 })).toEqual([]);
    expect(await names({ text: 'CAROL', limit: 50 })).toEqual(['carol:login:carol']);
    expect(await names({ since: new Date(Date.now() + 60_000), limit: 50 })).toEqual([]);
    expect(await names({ until: new Date(Date.now() - 3_600_000), limit: 50 })).toEqual([]);
    expect((await names({ since: new Date(Date.now() - 3_600_000), limit: 50 })).length).toBe(11);
  });

  it('pages newest first with a cursor: every row once, in order', async () => {
    const { db } = getStore();
    const seen: number[] = [];
    let before: number | undefined;
    let pages = 0;
    do {
      const page = await queryAudit(db, { user: 'dave', limit: 3, before });
      seen.push(...page.rows.map((r) => r.id));
      before = page.next;
      pages++;
    } while (before !== undefined);
    expect(pages).toBe(3);
    expect(seen).toHaveLength(7);
    expect([...seen].sort((a, b) => b - a)).toEqual(seen);
  });

  it('answers GET /api/audit from the store with filters, paging and clear errors', async () => {
    const app = Fastify({ logger: false });
    // the data plane's error handler (K8sApiError → its status); the registry is only told about 503s of clusters
    installErrorHandler(app, {} as ClusterRegistry);
    await auditRoutes(app, { audit: log, store: getStore() });
    const get = async (qs: string) => {
      const r = await app.inject({ method: 'GET', url: `/api/audit?${qs}` });
      return { status: r.statusCode, body: r.json() as { entries: { user: string; object: { name: string; namespace?: string } }[]; next?: number; message?: string } };
    };
    const first = await get('user=dave&limit=4');
    expect(first.status).toBe(200);
    expect(first.body.entries.map((e) => e.object.name)).toEqual(['cm-6', 'cm-5', 'cm-4', 'cm-3']);
    const second = await get(`user=dave&limit=4&before=${first.body.next}`);
    expect(second.body.entries.map((e) => e.object.name)).toEqual(['cm-2', 'cm-1', 'cm-0']);
    expect(second.body.next).toBeUndefined();
    expect((await get('q=carol')).body.entries).toMatchObject([{ user: 'carol', object: { name: 'carol' } }]);
    expect((await get('namespace=billing&verb=delete')).body.entries).toHaveLength(1);
    const bad = await get('since=yesterday');
    expect(bad.status).toBe(400);
    expect(bad.body.message).toMatch(/since/);
    await app.close();
  });

  it('finds the console user behind a change: by resourceVersion, else by the nearest write in time', async () => {
    const { db } = getStore();
    await audited(log, 'east', 'update', deploy('checkout'), async () => ({ metadata: { resourceVersion: '501', uid: 'uid-checkout' } }));
    await log.flush!();
    const ref = { cluster: 'east', group: 'apps', resource: 'deployments', namespace: 'shop', name: 'checkout', around: new Date() };
    expect(await findConsoleActor(db, { ...ref, resourceVersion: '501' })).toMatchObject({ username: 'anonymous', verb: 'update', match: 'resourceVersion' });
    expect(await findConsoleActor(db, { ...ref, resourceVersion: '999' })).toMatchObject({ username: 'anonymous', match: 'time' });
    expect(await findConsoleActor(db, { ...ref, resourceVersion: '999', around: new Date(Date.now() + 3_600_000) })).toBeUndefined();
    // a write to the scale subresource counts for the deployment; a failed write never does
    expect(await findConsoleActor(db, { cluster: 'west', group: 'apps', resource: 'deployments', namespace: 'shop', name: 'web', around: new Date() })).toMatchObject({ username: 'alice', verb: 'scale' });
    expect(await findConsoleActor(db, { cluster: 'east', group: 'apps', resource: 'deployments', namespace: 'billing', name: 'api', around: new Date() })).toBeUndefined();
    const row = (await queryAudit(db, { text: 'checkout', limit: 1 })).rows[0];
    expect(row).toMatchObject({ resource_version: '501', uid: 'uid-checkout' });
  });

  it('keeps one row per terminal session, completed when it ends', async () => {
    const start = new Date().toISOString();
    const base = { user: 'erin', cluster: 'east', verb: 'exec', object: { group: '', version: 'v1', resource: 'pods', namespace: 'shop', name: 'web-1' }, result: 'success' as const };
    log.record({ ...base, message: 'session started', session: { id: 'term-1', container: 'app', command: ['sh'], start } });
    log.record({ ...base, message: 'exited with code 3', session: { id: 'term-1', container: 'app', command: ['sh'], start, end: new Date().toISOString(), exitCode: 3 } });
    await log.flush!();
    const [s] = await recentExecSessions(getStore().db, 1);
    expect(s).toMatchObject({ id: 'term-1', username: 'erin', kind: 'exec', cluster: 'east', namespace: 'shop', pod: 'web-1', container: 'app', command: ['sh'], exit_code: 3 });
    expect(s.ended_at).toBeInstanceOf(Date);
  });

  it('deletes records past the retention age in batches, and nothing younger', async () => {
    const { db } = getStore();
    const old = new Date('2020-01-01T00:00:00Z');
    const row = { username: 'old', cluster: 'east', verb: 'patch', api_group: '', api_version: 'v1', resource: 'configmaps', namespace: 'ops', name: 'x', result: 'success' as const, status: null, message: null, resource_version: null, uid: null, session_id: null };
    await db.insertInto('audit_events').values(Array.from({ length: 5 }, (_, i) => ({ ...row, at: new Date(old.getTime() + i * 1000) }))).execute();
    const before = (await queryAudit(db, { limit: 1000 })).rows.length;
    expect(await pruneAudit(db, new Date('2020-01-01T00:00:03Z'), 2)).toBe(3);
    // 2020-03-01 minus 90 days is before the remaining two: nothing more goes
    const early = startAuditRetention(getStore(), 90 * 86_400_000, quietLogger, { now: () => Date.parse('2020-03-01T00:00:00Z') });
    early.stop();
    expect(await early.first).toBe(0);
    // today minus 90 days: the two go, the records of this suite stay
    const today = startAuditRetention(getStore(), 90 * 86_400_000, quietLogger);
    today.stop();
    expect(await today.first).toBe(2);
    expect((await queryAudit(db, { limit: 1000 })).rows.length).toBe(before - 5);
  });
});
