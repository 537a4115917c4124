/**
 * Which replica records a cluster: a lease row per cluster in the store (history_leases), taken when free or
 * expired and renewed by its holder every few seconds. A row rather than pg_try_advisory_lock because PGlite
 * is one connection (an advisory lock there is held by the process, not a replica) and because the expiry can
 * be driven by an injected clock in tests. Every batch write re-checks the lease under FOR UPDATE
 * (history-store.ts writeBatch), so a holder that stalled past its expiry cannot write beside its successor.
 * Replica clocks are assumed to agree to well under the lease's length (NTP).
 */
import type { HistoryDb } from './history-store';

/** Takes or renews `name` for `holder` until now + ttlMs; true when `holder` holds it afterwards. */
export async function tryLease(db: HistoryDb, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expires = new Date(now.getTime() + ttlMs);
  const row = await db
    .insertInto('history_leases')
    .values({ name, holder, expires_at: expires })
    .onConflict((oc) =>
      oc
        .column('name')
        .doUpdateSet({ holder, expires_at: expires })
        .where((eb) => eb.or([eb('history_leases.holder', '=', holder), eb('history_leases.expires_at', '<=', now)])),
    )
    .returning('holder')
    .executeTakeFirst();
  return row?.holder === holder;
}

/** Gives `name` up at once (a clean shutdown: the next replica need not wait for the expiry). */
export async function releaseLease(db: HistoryDb, name: string, holder: string): Promise<void> {
  await db.deleteFrom('history_leases').where('name', '=', name).where('holder', '=', holder).execute();
}

export async function leaseHolder(db: HistoryDb, name: string, now: Date): Promise<string | undefined> {
  const r = await db.selectFrom('history_leases').select('holder').where('name', '=', name).where('expires_at', '>', now).executeTakeFirst();
  return r?.holder;
}

export const clusterLease = (cluster: string): string => `cluster:${cluster}`;
export const RETENTION_LEASE = 'retention';

