/**
 * Terminal, attach, debug, node-shell and port-forward sessions in the state store: one row per session, written
 * from the audit entries the exec plane records anyway (server/audit.ts) — the first entry inserts the row, the
 * closing one (with `end`, and `exitCode` for exec) completes it. Writes run one at a time, in order, so a
 * session's end never overtakes its start.
 */
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, ExecSessionRow } from './schema';
import type { AuditEntry } from '../audit';

export class ExecSessionWriter {
  private chain: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly logger?: Logger,
  ) {}

  write(e: AuditEntry): void {
    const s = e.session;
    if (!s) return;
    const row = {
      id: s.id,
      username: e.user,
      kind: e.verb,
      cluster: e.cluster,
      namespace: e.object.namespace ?? null,
      pod: e.object.name,
      container: s.container ?? null,
      command: s.command ? JSON.stringify(s.command) : null,
      port: s.port ?? null,
      started_at: s.start,
      ended_at: s.end ?? null,
      exit_code: s.exitCode ?? null,
    };
    this.chain = this.chain.then(async () => {
      try {
        await this.db
          .insertInto('exec_sessions')
          .values(row)
          .onConflict((oc) => oc.column('id').doUpdateSet((eb) => ({ ended_at: eb.ref('excluded.ended_at'), exit_code: eb.ref('excluded.exit_code') })))
          .execute();
      } catch (err) {
        this.logger?.error({ err: (err as Error).message, session: s.id }, 'exec session could not be stored');
      }
    });
  }

  flush(): Promise<void> {
    return this.chain;
  }
}

/** The newest sessions first (admin views, tests). */
export function recentExecSessions(db: Kysely<Database>, limit = 100): Promise<ExecSessionRow[]> {
  return db.selectFrom('exec_sessions').selectAll().orderBy('started_at', 'desc').limit(limit).execute();
}
