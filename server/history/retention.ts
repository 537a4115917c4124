/**
 * Retention of the change history by age and by size (WHEELHOUSE_HISTORY_RETENTION_DAYS, default 14;
 * WHEELHOUSE_HISTORY_MAX_BYTES, default 5 GB (5G) counted as the stored size of each change's diff, object and
 * text). The oldest changes go first, `batch` rows per statement with a pause between, so recorder writes
 * (which wait on the same tables, and on PGlite on the one connection) are never held up for long.
 * history_objects is not trimmed: it is the latest state of live objects, bounded by the clusters' size.
 */
import { sql } from 'kysely';
import type { HistoryDb } from './history-store';

export interface RetentionOptions {
  maxAgeMs: number;
  maxBytes: number;
  /** rows per DELETE */
  batch?: number;
  /** between DELETEs: lets ingestion in */
  pauseMs?: number;
}

export const DEFAULT_RETENTION = { maxAgeMs: 14 * 24 * 3600_000, maxBytes: 5_000_000_000 };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function deleteOldest(db: HistoryDb, n: number, before?: Date): Promise<{ rows: number; bytes: number }> {
  const oldest = db.selectFrom('history_changes').select('id').orderBy('at').orderBy('id').limit(n);
  const r = await db
    .deleteFrom('history_changes')
    .where('id', 'in', before ? oldest.where('at', '<', before) : oldest)
    .returning(sql<number>`size`.as('size'))
    .execute();
  return { rows: r.length, bytes: r.reduce((s, x) => s + Number(x.size), 0) };
}

export async function storedBytes(db: HistoryDb): Promise<number> {
  const r = await db.selectFrom('history_changes').select(sql<number>`coalesce(sum(size), 0)`.as('bytes')).executeTakeFirst();
  return Number(r?.bytes ?? 0);
}

/** Deletes what is too old, then the oldest until the total fits; returns the rows deleted. */
export async function enforceRetention(db: HistoryDb, now: Date, o: RetentionOptions): Promise<number> {
  const batch = o.batch ?? 1_000;
  const pauseMs = o.pauseMs ?? 20;
  let deleted = 0;
  const cutoff = new Date(now.getTime() - o.maxAgeMs);
  for (;;) {
    const { rows } = await deleteOldest(db, batch, cutoff);
    deleted += rows;
    if (rows < batch) break;
    await pause(pauseMs);
  }
  let total = await storedBytes(db);
  while (total > o.maxBytes) {
    const { rows, bytes } = await deleteOldest(db, batch);
    if (!rows) break;
    deleted += rows;
    total -= bytes;
    await pause(pauseMs);
  }
  return deleted;
}
