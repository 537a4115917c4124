/**
 * Opens the console's state store: PostgreSQL when a connection URL is given (DATABASE_URL; required with more
 * than one replica, since every replica must see the same rows), else an embedded PGlite database in
 * `<WHEELHOUSE_DATA_DIR>/store` (or in memory when no directory is given: tests). Both speak the same SQL through
 * Kysely's PostgresDialect, so one set of migrations and queries serves both. Migrations run before the promise
 * resolves; replicas starting at once against one PostgreSQL take turns through an advisory lock.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { Migrator, type Migration } from 'kysely/migration';
import pg from 'pg';
import type { Logger } from 'pino';
import type { Database } from './schema';
import { migrations as allMigrations } from './migrations';
import { pglitePool } from './pglite-pool';
import { createPglite } from './pglite-template';

export type StoreDialect = 'pglite' | 'postgres';

export interface Store {
  db: Kysely<Database>;
  dialect: StoreDialect;
  /** names of the migrations this start applied (empty when the database was current) */
  migrated: string[];
  close(): Promise<void>;
}

export interface StoreOptions {
  /** postgres:// URL: use that server. Unset: embedded PGlite. */
  databaseUrl?: string;
  /** PGlite's data directory; unset means in memory (gone on close) */
  dataDir?: string;
  /** tests: tarball of a fresh PGlite cluster to start new databases from (server/store/pglite-template.ts) */
  pgliteTemplate?: string;
  /** pg pool size per replica */
  poolMax?: number;
  logger?: Logger;
  /** tests only: another migration list */
  migrations?: Record<string, Migration>;
}

const INT8 = 20;
/** bigserial ids and count(*) come back as JS numbers on both drivers (ids stay far below 2^53) */
const parseInt8 = (v: string) => Number(v);
/** the console's own advisory lock key around migrations (any constant distinct from Kysely's) */
const MIGRATE_LOCK = 0x5768_6c00;

export async function openStore(opts: StoreOptions = {}): Promise<Store> {
  const { db, dialect } = opts.databaseUrl ? connectPostgres(opts.databaseUrl, opts.poolMax ?? 10) : await openPglite(opts.dataDir, opts.pgliteTemplate);
  try {
    const migrated = await migrate(db, opts.migrations ?? allMigrations);
    opts.logger?.info({ dialect, migrated, dataDir: dialect === 'pglite' ? (opts.dataDir ?? 'memory') : undefined }, 'store open');
    let closing: Promise<void> | undefined;
    return { db, dialect, migrated, close: () => (closing ??= db.destroy()) };
  } catch (err) {
    await db.destroy().catch(() => undefined);
    throw err;
  }
}

function connectPostgres(url: string, max: number): { db: Kysely<Database>; dialect: StoreDialect } {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8 ? parseInt8 : pg.types.getTypeParser(oid, format))) as typeof pg.types.getTypeParser },
  });
  // an idle client losing its server (restart, failover) must not crash the process: the pool replaces it
  pool.on('error', () => undefined);
  return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'postgres' };
}

async function openPglite(dataDir: string | undefined, template: string | undefined): Promise<{ db: Kysely<Database>; dialect: StoreDialect }> {
  const unlock = dataDir ? lockDataDir(dataDir) : () => undefined;
  try {
    const lite = await createPglite(dataDir, template, { parsers: { [INT8]: parseInt8 } });
    const pool = pglitePool(lite);
    const end = pool.end.bind(pool);
    pool.end = () => end().finally(unlock);
    return { db: new Kysely<Database>({ dialect: new PostgresDialect({ pool }) }), dialect: 'pglite' };
  } catch (err) {
    unlock();
    throw err;
  }
}

/**
 * PGlite has no postmaster to refuse a second process on its files, and two writers corrupt them: a lock file with
 * the owner's pid does. A lock left by a process that is gone (a crash) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const lock = path.join(dataDir, 'wheelhouse.lock');
  for (;;) {
    try {
      fs.writeFileSync(lock, String(process.pid), { flag: 'wx', mode: 0o600 });
      return () => fs.rmSync(lock, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const owner = Number(fs.readFileSync(lock, 'utf8').trim());
      if (owner && alive(owner)) {
        throw new Error(`the embedded store in ${dataDir} is in use by process ${owner}: one console per data dir (several consoles share a store through DATABASE_URL)`);
      }
      fs.rmSync(lock, { force: true });
    }
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function migrate(db: Kysely<Database>, list: Record<string, Migration>): Promise<string[]> {
  return db.connection().execute(async (conn) => {
    // Kysely's migrator locks too, but only after creating its bookkeeping tables; this lock covers that as well
    await sql`select pg_advisory_lock(${sql.lit(MIGRATE_LOCK)})`.execute(conn);
    try {
      const migrator = new Migrator({ db: conn, provider: { getMigrations: async () => list } });
      const { error, results } = await migrator.migrateToLatest();
      const failed = results?.find((r) => r.status === 'Error');
      if (error || failed) {
        const why = error instanceof Error ? error.message : String(error ?? 'failed');
        throw new Error(`store migration ${failed?.migrationName ?? ''} failed: ${why}`.replace('  ', ' '));
      }
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATE_LOCK)})`.execute(conn);
    }
  });
}
