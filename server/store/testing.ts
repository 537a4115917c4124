/**
 * Test support for the store (not a test file). `startPostgres()` runs a throwaway PostgreSQL 15 cluster from
 * Debian's binaries (initdb + postgres in a temp dir, a free loopback port, the unix socket inside the temp dir).
 * PostgreSQL refuses to run as root, so as root the cluster belongs to the `postgres` OS user. `describeEachStore`
 * runs one suite against an in-memory PGlite and against a fresh database on a real PostgreSQL. Without the
 * postgresql package the PostgreSQL half is skipped on a developer machine and FAILS in CI (CI=true).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe } from 'vitest';
import pg from 'pg';
import { openStore, type Store, type StoreDialect } from './open';
import { defaultTemplatePath } from './pglite-template';

export const PG_BIN = process.env.WHEELHOUSE_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const hasPostgres = fs.existsSync(path.join(PG_BIN, 'postgres')) && fs.existsSync(path.join(PG_BIN, 'initdb'));

export interface TestPostgres {
  /** URL of the cluster's `postgres` database */
  url: string;
  /** a new empty database on this cluster; resolves to its URL */
  createDatabase(): Promise<string>;
  stop(): Promise<void>;
}

let dbCounter = 0;

export async function startPostgres(): Promise<TestPostgres> {
  if (!hasPostgres) throw new Error(`PostgreSQL binaries not found in ${PG_BIN}: install Debian's postgresql package (.ci/run does)`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-pg-'));
  const owner = process.getuid?.() === 0 ? osUser('postgres') : undefined;
  if (owner) fs.chownSync(tmp, owner.uid, owner.gid);
  const dataDir = path.join(tmp, 'data');
  const run = owner ? { uid: owner.uid, gid: owner.gid } : {};
  execFileSync(path.join(PG_BIN, 'initdb'), ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--locale=C'], {
    ...run,
    cwd: tmp,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const port = await freePort();
  const child = spawn(
    path.join(PG_BIN, 'postgres'),
    ['-D', dataDir, '-p', String(port), '-k', tmp, '-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=200'],
    { ...run, cwd: tmp, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  try {
    await readyToAccept(child);
  } catch (err) {
    child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const exited = new Promise<void>((resolve) => (child.exitCode !== null ? resolve() : child.once('exit', () => resolve())));
  let stopping: Promise<void> | undefined;
  return {
    url,
    async createDatabase() {
      const name = `wh_test_${process.pid}_${++dbCounter}`;
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      try {
        await c.query(`create database ${name}`);
      } finally {
        await c.end();
      }
      return `postgres://postgres@127.0.0.1:${port}/${name}`;
    },
    stop: () =>
      (stopping ??= (async () => {
        // SIGINT = "fast" shutdown: open connections are cut, the cluster exits without a checkpoint wait
        child.kill('SIGINT');
        await exited;
        fs.rmSync(tmp, { recursive: true, force: true });
      })()),
  };
}

function osUser(name: string): { uid: number; gid: number } {
  const line = fs.readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
  if (!line) throw new Error(`running as root, PostgreSQL needs the "${name}" OS user (created by Debian's postgresql package)`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

/** Resolves when the postmaster logs that it accepts connections; rejects with its log when it exits first. */
function readyToAccept(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (b: Buffer) => {
      log += b.toString();
      if (log.includes('ready to accept connections')) {
        child.stderr?.off('data', onData);
        // keep draining so a chatty server never blocks on a full pipe
        child.stderr?.resume();
        resolve();
      }
    };
    child.stderr?.on('data', onData);
    child.once('exit', (code) => reject(new Error(`postgres exited (${code}) before it was ready:\n${log.slice(-2000)}`)));
  });
}

export type GetStore = () => Store;

/**
 * Runs `suite` twice: against an in-memory PGlite and against a fresh database on a throwaway PostgreSQL.
 * `getStore()` is valid inside tests and hooks; every run gets its own empty, migrated database.
 */
export function describeEachStore(name: string, suite: (getStore: GetStore, dialect: StoreDialect) => void): void {
  for (const dialect of ['pglite', 'postgres'] as const) {
    const skip = dialect === 'postgres' && !hasPostgres && process.env.CI !== 'true';
    (skip ? describe.skip : describe)(`${name} [${dialect}]`, () => {
      let store: Store | undefined;
      let server: TestPostgres | undefined;
      beforeAll(async () => {
        if (dialect === 'pglite') store = await openStore({ pgliteTemplate: defaultTemplatePath() });
        else {
          server = await startPostgres();
          store = await openStore({ databaseUrl: await server.createDatabase() });
        }
      });
      afterAll(async () => {
        await store?.close();
        await server?.stop();
      });
      suite(() => {
        if (!store) throw new Error('store not open yet: use getStore() inside tests or hooks');
        return store;
      }, dialect);
    });
  }
}
