import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openStore } from './open';
import { describeEachStore, hasPostgres, startPostgres, type TestPostgres } from './testing';
import { migrations } from './migrations';

/** every migration this build knows, in the order they run */
const ALL = Object.keys(migrations);

describeEachStore('store basics', (getStore, dialect) => {
  it('opens migrated, with the dialect it was asked for', async () => {
    const s = getStore();
    expect(s.dialect).toBe(dialect);
    expect(s.migrated).toEqual(ALL);
    const names = await s.db.selectFrom('kysely_migration' as never).select(sql<string>`name`.as('name')).execute();
    expect(names.map((r) => r.name)).toEqual(ALL);
  });

  it('round-trips ids as numbers, timestamps as Dates and jsonb as values', async () => {
    const { db } = getStore();
    const at = new Date('2026-01-02T03:04:05.678Z');
    const row = await db
      .insertInto('audit_events')
      .values({ at, username: 'alice', cluster: 'east', verb: 'patch', api_group: 'apps', api_version: 'v1', resource: 'deployments', namespace: 'default', name: 'web', result: 'success', status: null, message: null, resource_version: '42', uid: 'u-1', session_id: null })
      .returning(['id', 'at'])
      .executeTakeFirstOrThrow();
    expect(typeof row.id).toBe('number');
    expect(row.at).toEqual(at);
    await db
      .insertInto('exec_sessions')
      .values({ id: 's1', username: 'alice', kind: 'exec', cluster: 'east', namespace: 'default', pod: 'web-1', container: 'app', command: JSON.stringify(['sh', '-c', 'echo hi']), port: null, started_at: at, ended_at: null, exit_code: null })
      .execute();
    const s = await db.selectFrom('exec_sessions').selectAll().where('id', '=', 's1').executeTakeFirstOrThrow();
    expect(s.command).toEqual(['sh', '-c', 'echo hi']);
    const { n } = await db.selectFrom('audit_events').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    expect(n).toBe(1);
  });

  it('keeps concurrent transactions apart: a rolled-back one leaves nothing, the other commits', async () => {
    const { db } = getStore();
    const revoke = (sid: string) => ({ sid, username: 'bob', revoked_at: new Date(), expires_at: new Date(Date.now() + 60_000) });
    const failing = db.transaction().execute(async (trx) => {
      await trx.insertInto('session_revocations').values(revoke('tx-a')).execute();
      await trx.insertInto('session_revocations').values(revoke('tx-a')).execute(); // duplicate key: rolls back
    });
    const passing = db.transaction().execute(async (trx) => {
      await trx.insertInto('session_revocations').values(revoke('tx-b')).execute();
    });
    await expect(failing).rejects.toThrow(/duplicate key/);
    await passing;
    const rows = await db.selectFrom('session_revocations').select('sid').where('sid', 'like', 'tx-%').execute();
    expect(rows.map((r) => r.sid)).toEqual(['tx-b']);
  });
});

describe('PGlite in the data dir', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-store-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('keeps rows across a restart and migrates only once', async () => {
    const first = await openStore({ dataDir: dir });
    expect(first.migrated).toEqual(ALL);
    await first.db.insertInto('user_revocations').values({ username: 'carol', revoked_before: new Date(1000) }).execute();
    await first.close();
    const second = await openStore({ dataDir: dir });
    try {
      expect(second.migrated).toEqual([]);
      const row = await second.db.selectFrom('user_revocations').selectAll().executeTakeFirstOrThrow();
      expect(row).toEqual({ username: 'carol', revoked_before: new Date(1000) });
    } finally {
      await second.close();
    }
  });

  it('is opened by one process at a time: a second opener is refused until the first closes', async () => {
    const first = await openStore({ dataDir: dir });
    await expect(openStore({ dataDir: dir })).rejects.toThrow(/in use by process \d+/);
    await first.close();
    const again = await openStore({ dataDir: dir });
    await again.close();
  });

  it('takes over the lock of a process that is gone', async () => {
    // pid 2^22 + 1 is above Linux's pid_max default: no such process
    fs.writeFileSync(path.join(dir, 'wheelhouse.lock'), String(2 ** 22 + 1));
    const s = await openStore({ dataDir: dir });
    await s.close();
    expect(fs.existsSync(path.join(dir, 'wheelhouse.lock'))).toBe(false);
  });

  it('refuses a database that ran a migration this build does not know', async () => {
    await expect(openStore({ dataDir: dir, migrations: {} })).rejects.toThrow(/001-core/);
  });
});

describe.skipIf(!hasPostgres && process.env.CI !== 'true')('replicas starting at once against one PostgreSQL', () => {
  let server: TestPostgres;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(() => server?.stop());

  it('run the migrations exactly once between them', async () => {
    const url = await server.createDatabase();
    const stores = await Promise.all([1, 2, 3].map(() => openStore({ databaseUrl: url, poolMax: 2 })));
    try {
      expect(stores.map((s) => s.migrated).flat()).toEqual(ALL);
      const rows = await stores[0].db.selectFrom('kysely_migration' as never).select(sql<string>`name`.as('name')).execute();
      expect(rows).toHaveLength(ALL.length);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });
});
