/**
 * PGlite behind Kysely's own PostgresDialect: a "pool" of one connection. PGlite is one in-process Postgres
 * backend with one session, so a Kysely transaction must own it from BEGIN to COMMIT: `connect()` waits until the
 * previous holder released it (a FIFO mutex), exactly like a pg pool of size 1. Hand-written because the published
 * Kysely PGlite dialects pin PGlite < 0.5 or pull in a CLI toolchain; this is the whole adapter.
 */
import type { PGlite } from '@electric-sql/pglite';
import type { PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';

const COMMANDS = new Set(['UPDATE', 'DELETE', 'INSERT', 'SELECT', 'MERGE', 'COMMIT', 'ROLLBACK']);

export function pglitePool(pg: PGlite): PostgresPool {
  let tail: Promise<void> = Promise.resolve();
  let ended = false;

  const client = (release: () => void): PostgresPoolClient => {
    let released = false;
    return {
      async query<R>(sqlText: unknown, parameters?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> {
        if (typeof sqlText !== 'string') throw new Error('PGlite store: cursors are not supported');
        const r = await pg.query<R>(sqlText, parameters as unknown[]);
        const command = (r.command ?? '').toUpperCase();
        return {
          command: (COMMANDS.has(command) ? command : 'SELECT') as PostgresQueryResult<R>['command'],
          rowCount: r.rowCount ?? r.affectedRows ?? 0,
          rows: r.rows,
        };
      },
      release() {
        if (released) return;
        released = true;
        release();
      },
    } as PostgresPoolClient;
  };

  return {
    options: {},
    async connect() {
      if (ended) throw new Error('PGlite store is closed');
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      const previous = tail;
      tail = previous.then(() => held);
      await previous;
      return client(release);
    },
    async end() {
      ended = true;
      // let the current holder and waiters finish before the database closes
      await tail;
      await pg.close();
    },
  };
}
