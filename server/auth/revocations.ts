/**
 * Revoked sessions, honoured by every replica. Sessions are stateless sealed cookies (session.ts), so a logout
 * cannot delete anything: it writes a revocation instead — one row per logged-out session id, or one row per user
 * for "Sign out everywhere" (every session of that user issued until then). Rows live in the state store; each
 * replica keeps them in memory (checking a cookie costs no query) and re-reads what is new every `refreshMs`
 * (default 1 s, well inside the 5 s promise). A revocation made here is in force here at once; one made by another
 * replica is in force here after the next refresh, and listeners (sockets, terminals) hear of it then.
 *
 * Without a store (unit tests) the same class keeps revocations in memory only.
 */
import type { Logger } from 'pino';
import { sql } from 'kysely';
import type { Store } from '../store';

/** what a revocation needs to know about a session */
export interface SessionRef {
  sid: string;
  username: string;
  issuedAt: number;
}
/** true for the sessions one revocation ends */
export type RevocationMatch = (s: SessionRef) => boolean;

export interface RevocationsOptions {
  /** the state store, or its opening (main.ts opens it while the listener already runs); absent = memory only */
  store?: Store | Promise<Store>;
  now?: () => number;
  refreshMs?: number;
  logger?: Logger;
}

/** re-read rows this much older than the newest seen: concurrent inserts may commit out of revoked_at order */
const OVERLAP_MS = 5_000;
/** expired rows are pruned once per this many refreshes, at most PRUNE_BATCH at a time */
const PRUNE_EVERY = 60;
const PRUNE_BATCH = 500;

export class Revocations {
  /** resolves once the revocations stored before this process started are loaded */
  readonly ready: Promise<void>;
  private readonly now: () => number;
  private readonly bySid = new Map<string, number>();
  private readonly byUser = new Map<string, number>();
  private readonly listeners = new Set<(m: RevocationMatch) => void>();
  private store?: Store;
  private cursor?: Date;
  private timer?: NodeJS.Timeout;
  private refreshes = 0;
  private refreshing?: Promise<void>;
  private stopped = false;

  constructor(private readonly o: RevocationsOptions = {}) {
    this.now = o.now ?? Date.now;
    this.ready = o.store
      ? Promise.resolve(o.store).then(async (s) => {
          this.store = s;
          await this.refresh();
          if (!this.stopped) this.schedule();
        })
      : Promise.resolve();
    // a store that fails to open ends the process (main.ts); here it must only not be an unhandled rejection
    this.ready.catch(() => undefined);
  }

  isRevoked(s: SessionRef): boolean {
    const until = this.bySid.get(s.sid);
    if (until !== undefined && until > this.now()) return true;
    const before = this.byUser.get(s.username);
    return before !== undefined && s.issuedAt <= before;
  }

  /** Ends one session (logout), on every replica; resolves once stored. `expiresAt`: its absolute expiry. */
  async revokeSession(s: SessionRef, expiresAt: number): Promise<void> {
    this.learnSession(s.sid, expiresAt);
    await this.ready;
    await this.store?.db
      .insertInto('session_revocations')
      .values({ sid: s.sid, username: s.username, revoked_at: sql<Date>`now()`, expires_at: new Date(expiresAt) })
      .onConflict((oc) => oc.column('sid').doNothing())
      .execute();
  }

  /** "Sign out everywhere": every session of `username` issued at or before now, on every replica. */
  async revokeUser(username: string): Promise<number> {
    const before = this.now();
    this.learnUser(username, before);
    await this.ready;
    await this.store?.db
      .insertInto('user_revocations')
      .values({ username, revoked_before: new Date(before) })
      .onConflict((oc) => oc.column('username').doUpdateSet({ revoked_before: sql<Date>`greatest(user_revocations.revoked_before, excluded.revoked_before)` }))
      .execute();
    return before;
  }

  /** Called with a matcher for each revocation, local or learnt from the store; returns the detach function. */
  onRevoke(cb: (m: RevocationMatch) => void): () => void {
    this.listeners.add(cb);
    return () => this.listeners.delete(cb);
  }

  /** Reads revocations other replicas stored since the last read (and prunes expired rows now and then). */
  refresh(): Promise<void> {
    return (this.refreshing ??= this.readNew().finally(() => (this.refreshing = undefined)));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private schedule(): void {
    this.timer = setTimeout(() => {
      this.refresh()
        .catch((err: Error) => this.o.logger?.warn({ err: err.message }, 'revocations: refresh failed; retrying'))
        .finally(() => {
          if (!this.stopped) this.schedule();
        });
    }, this.o.refreshMs ?? 1_000);
    this.timer.unref();
  }

  private async readNew(): Promise<void> {
    const db = this.store?.db;
    if (!db) return;
    const t = this.now();
    let q = db.selectFrom('session_revocations').select(['sid', 'expires_at', 'revoked_at']);
    q = this.cursor ? q.where('revoked_at', '>', new Date(this.cursor.getTime() - OVERLAP_MS)) : q.where('expires_at', '>', new Date(t));
    for (const r of await q.execute()) {
      this.learnSession(r.sid, r.expires_at.getTime());
      if (!this.cursor || r.revoked_at > this.cursor) this.cursor = r.revoked_at;
    }
    // one row per user who ever signed out everywhere: small enough to read whole
    for (const r of await db.selectFrom('user_revocations').select(['username', 'revoked_before']).execute()) {
      this.learnUser(r.username, r.revoked_before.getTime());
    }
    if (++this.refreshes % PRUNE_EVERY === 1) await this.prune(t);
  }

  private async prune(t: number): Promise<void> {
    const db = this.store!.db;
    const stale = db.selectFrom('session_revocations').select('sid').where('expires_at', '<', new Date(t)).limit(PRUNE_BATCH);
    await db.deleteFrom('session_revocations').where('sid', 'in', stale).execute();
    for (const [sid, until] of this.bySid) if (until <= t) this.bySid.delete(sid);
  }

  private learnSession(sid: string, expiresAt: number): void {
    if (this.bySid.has(sid) || expiresAt <= this.now()) return;
    this.bySid.set(sid, expiresAt);
    this.emit((s) => s.sid === sid);
  }

  private learnUser(username: string, before: number): void {
    const known = this.byUser.get(username);
    if (known !== undefined && known >= before) return;
    this.byUser.set(username, before);
    this.emit((s) => s.username === username && s.issuedAt <= before);
  }

  private emit(m: RevocationMatch): void {
    for (const cb of this.listeners) cb(m);
  }
}
