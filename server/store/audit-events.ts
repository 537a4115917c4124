/**
 * Audit records in the state store: a batching writer (the audit log records synchronously; rows reach the
 * database in the background, a few hundred per INSERT), the filtered, cursor-paged query behind GET /api/audit,
 * the change recorder's "which console user made this change" lookup, and age-based retention in small batches.
 */
import { sql, type Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { AuditEventRow, Database, NewAuditEvent } from './schema';

export interface AuditFilter {
  user?: string;
  cluster?: string;
  verb?: string;
  namespace?: string;
  /** matched case-insensitively against user, verb, resource, namespace, name and message */
  text?: string;
  since?: Date;
  until?: Date;
  /** id of the last row of the previous page: this page holds older rows */
  before?: number;
  limit: number;
}

/** One page, newest first; `next` is the cursor of the following (older) page, absent on the last. */
export async function queryAudit(db: Kysely<Database>, f: AuditFilter): Promise<{ rows: AuditEventRow[]; next?: number }> {
  let q = db.selectFrom('audit_events').selectAll();
  if (f.user) q = q.where('username', '=', f.user);
  if (f.cluster) q = q.where('cluster', '=', f.cluster);
  if (f.verb) q = q.where('verb', '=', f.verb);
  if (f.namespace) q = q.where('namespace', '=', f.namespace);
  if (f.since) q = q.where('at', '>=', f.since);
  if (f.until) q = q.where('at', '<', f.until);
  if (f.before !== undefined) q = q.where('id', '<', f.before);
  if (f.text) {
    const like = `%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or(['username', 'verb', 'resource', 'namespace', 'name', 'message'].map((c) => eb(sql.ref(c), 'ilike', like))));
  }
  const rows = await q.orderBy('id', 'desc').limit(f.limit + 1).execute();
  const more = rows.length > f.limit;
  if (more) rows.pop();
  return { rows, next: more ? rows[rows.length - 1].id : undefined };
}

export interface ObjectRef {
  cluster: string;
  /** '' for the core group */
  group: string;
  /** plural resource; a write to one of its subresources (deployments/scale) counts too */
  resource: string;
  /** absent for cluster-scoped objects */
  namespace?: string;
  name: string;
  /** the object's resourceVersion after the change: an exact match when the write's answer carried it */
  resourceVersion?: string;
  /** when the change was seen: without an exact match, the nearest successful write within `windowMs` */
  around: Date;
  windowMs?: number;
}

export interface ConsoleActor {
  username: string;
  verb: string;
  at: Date;
  auditId: number;
  /** 'resourceVersion': the write's answer named this very version; 'time': the nearest write in the window */
  match: 'resourceVersion' | 'time';
}

/** The console user whose successful write produced this change of this object, if one did. */
export async function findConsoleActor(db: Kysely<Database>, o: ObjectRef): Promise<ConsoleActor | undefined> {
  const windowMs = o.windowMs ?? 120_000;
  const base = db
    .selectFrom('audit_events')
    .select(['id', 'username', 'verb', 'at'])
    .where('cluster', '=', o.cluster)
    .where('api_group', '=', o.group)
    .where((eb) => eb.or([eb('resource', '=', o.resource), eb('resource', 'like', `${o.resource.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`)]))
    .where((eb) => (o.namespace ? eb('namespace', '=', o.namespace) : eb('namespace', 'is', null)))
    .where('name', '=', o.name)
    .where('result', '=', 'success');
  const row = (r: { id: number; username: string; verb: string; at: Date }, match: ConsoleActor['match']): ConsoleActor => ({ username: r.username, verb: r.verb, at: r.at, auditId: r.id, match });
  if (o.resourceVersion) {
    const exact = await base.where('resource_version', '=', o.resourceVersion).orderBy('id', 'desc').executeTakeFirst();
    if (exact) return row(exact, 'resourceVersion');
  }
  const t = o.around.getTime();
  const near = await base
    .where('at', '>=', new Date(t - windowMs))
    .where('at', '<=', new Date(t + windowMs))
    .orderBy(sql`abs(extract(epoch from (at - ${o.around}::timestamptz)))`)
    .executeTakeFirst();
  return near ? row(near, 'time') : undefined;
}

/** Deletes rows older than `cutoff`, `batch` at a time so no statement holds locks for long; returns the count. */
export async function pruneAudit(db: Kysely<Database>, cutoff: Date, batch = 1_000): Promise<number> {
  let total = 0;
  for (;;) {
    const old = db.selectFrom('audit_events').select('id').where('at', '<', cutoff).orderBy('id').limit(batch);
    const r = await db.deleteFrom('audit_events').where('id', 'in', old).executeTakeFirst();
    const n = Number(r.numDeletedRows);
    total += n;
    if (n < batch) return total;
    // let requests and the writer in between batches
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** rows waiting for the database at most; beyond it the oldest are dropped (the audit log file still has them) */
const MAX_QUEUE = 20_000;
const BATCH = 500;

/** Queues audit rows and inserts them in batches, one INSERT in flight at a time. */
export class AuditWriter {
  private queue: NewAuditEvent[] = [];
  private flushing?: Promise<void>;
  private dropped = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger?: Logger,
  ) {}

  push(row: NewAuditEvent): void {
    this.queue.push(row);
    if (this.queue.length > MAX_QUEUE) {
      this.queue.shift();
      if (this.dropped++ % 1000 === 0) this.logger?.warn({ dropped: this.dropped }, 'audit: the store is behind; oldest queued rows dropped (still in the audit log file)');
    }
    void this.flush();
  }

  /** Resolves once every row queued before the call is stored (or its insert failed and was logged). */
  flush(): Promise<void> {
    this.flushing ??= this.drain().finally(() => (this.flushing = undefined));
    // rows pushed while the last INSERT was finishing get a drain of their own
    return this.flushing.then(() => (this.queue.length ? this.flush() : undefined));
  }

  private async drain(): Promise<void> {
    // yield once so rows recorded in the same tick share one INSERT
    await new Promise((resolve) => setImmediate(resolve));
    while (this.queue.length) {
      const rows = this.queue.splice(0, BATCH);
      try {
        await this.db.insertInto('audit_events').values(rows).execute();
      } catch (err) {
        this.logger?.error({ err: (err as Error).message, rows: rows.length }, 'audit: rows could not be stored (still in the audit log file)');
      }
    }
  }
}
