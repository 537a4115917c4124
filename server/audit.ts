/**
 * Audit log of write operations made through the console: one JSON line per operation
 * {time, user, cluster, verb, object, result, message?}. It has its own pino destination stream (no level, pid or
 * hostname noise) so the lines can be shipped or grepped separately from the request log: to the file named
 * by WHEELHOUSE_AUDIT_LOG when set (pino's async SonicBoom destination), else to stdout. `user` is the person's name
 * (server/auth/identity.ts displayName; "anonymous" when a caller passes none). Besides cluster writes it holds the
 * console's own events (server/auth: login, login-failed, logout; secret reveals). The last 1,000 entries stay in
 * memory for the audit page. Bodies, passwords, tokens and patches are never written: only who did what to which
 * object, and how it ended.
 */
import pino, { type DestinationStream } from 'pino';
import { K8sApiError } from './k8s/errors';

export interface AuditObject {
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name: string;
}

export interface AuditEntry {
  time: string;
  user: string;
  cluster: string;
  verb: string;
  object: AuditObject;
  result: 'success' | 'failure';
  /** HTTP status of the failure and the server's message, or a short success note */
  status?: number;
  message?: string;
  /** terminal, attach, debug, node-shell and port-forward sessions: what ran and when (never keystrokes or output) */
  session?: AuditSession;
}

export interface AuditSession {
  id: string;
  container?: string;
  /** the command as run (exec), absent for attach */
  command?: string[];
  start: string;
  /** absent on the line written when the session starts */
  end?: string;
  exitCode?: number | null;
  port?: number;
}

export interface AuditLog {
  record(e: Omit<AuditEntry, 'time' | 'user'> & { user?: string }): AuditEntry;
  /** the last `limit` (default all kept) entries, newest last */
  recent(limit?: number): AuditEntry[];
}

/** entries kept in memory (the audit page); older ones live only in the log destination */
export const AUDIT_KEEP = 1_000;

/** The object of the console's own session events (TEAM contract): login, login-failed, logout. */
export function sessionObject(username: string): AuditObject {
  return { group: 'wheelhouse.dev', version: 'v1', resource: 'sessions', name: username };
}

export function createAuditLog(opts: { destination?: DestinationStream | string; env?: NodeJS.ProcessEnv } = {}): AuditLog {
  const target = opts.destination ?? (opts.env ?? process.env).WHEELHOUSE_AUDIT_LOG;
  const dest = typeof target === 'string' ? pino.destination({ dest: target, mkdir: true, sync: false }) : (target ?? pino.destination(1));
  const ring: AuditEntry[] = [];
  return {
    record(e) {
      const entry: AuditEntry = { time: new Date().toISOString(), user: e.user ?? 'anonymous', cluster: e.cluster, verb: e.verb, object: e.object, result: e.result };
      if (e.status !== undefined) entry.status = e.status;
      if (e.message !== undefined) entry.message = e.message.slice(0, 1000);
      if (e.session !== undefined) entry.session = e.session;
      // written straight to the pino destination: a pino logger would add level/pid/msg fields we do not want
      dest.write(`${JSON.stringify(entry)}\n`);
      ring.push(entry);
      if (ring.length > AUDIT_KEEP) ring.splice(0, ring.length - AUDIT_KEEP);
      return entry;
    },
    recent: (limit) => (limit === undefined ? [...ring] : ring.slice(Math.max(0, ring.length - limit))),
  };
}

/** Runs one operation and writes its audit line whatever happens; errors are rethrown unchanged. */
export async function audited<T>(audit: AuditLog, cluster: string, verb: string, object: AuditObject, fn: () => Promise<T>, note?: (r: T) => string | undefined): Promise<T> {
  try {
    const r = await fn();
    audit.record({ cluster, verb, object, result: 'success', message: note?.(r) });
    return r;
  } catch (e) {
    const err = e instanceof K8sApiError ? e : undefined;
    audit.record({ cluster, verb, object, result: 'failure', status: err?.status ?? 500, message: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}

