/**
 * Audit log of write operations made through the console: one JSON line per operation
 * {time, user, cluster, verb, object, result, message?}. It has its own pino destination stream (no level, pid or
 * hostname noise) so the lines can be shipped or grepped separately from the request log: to the file named
 * by WHEELHOUSE_AUDIT_LOG when set (pino's async SonicBoom destination), else to stdout. `user` is the person's name
 * (server/auth/identity.ts displayName; "anonymous" when a caller passes none). Besides cluster writes it holds the
 * console's own events (server/auth: login, login-failed, logout; secret reveals). With a state store every entry
 * is also stored (server/store/audit-events.ts: batched, durable, shared by every replica; the audit page reads it
 * there), and the entries of terminal/port-forward sessions keep one exec_sessions row each up to date. The last
 * 1,000 entries this process recorded stay in memory too (tests read them). Bodies, passwords, tokens and patches
 * are never written: only who did what to which object, and how it ended.
 */
import pino, { type DestinationStream } from 'pino';
import type { Logger } from 'pino';
import { K8sApiError } from './k8s/errors';
import type { Store } from './store';
import { AuditWriter } from './store/audit-events';
import { ExecSessionWriter } from './store/exec-sessions';

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
  /** of the object in the cluster's answer to a successful write, when it carried one (change attribution) */
  resourceVersion?: string;
  uid?: string;
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
  /** the last `limit` (default all kept) entries this process recorded, newest last */
  recent(limit?: number): AuditEntry[];
  /** resolves once every entry recorded so far is in the store (at once without one) */
  flush?(): Promise<void>;
}

/** entries kept in memory (the audit page); older ones live only in the log destination */
export const AUDIT_KEEP = 1_000;

/** The object of the console's own session events (TEAM contract): login, login-failed, logout. */
export function sessionObject(username: string): AuditObject {
  return { group: 'wheelhouse.dev', version: 'v1', resource: 'sessions', name: username };
}

export interface AuditLogOptions {
  destination?: DestinationStream | string;
  env?: NodeJS.ProcessEnv;
  /** the state store, or its opening: entries recorded before it is open are stored once it is */
  store?: Store | Promise<Store>;
  logger?: Logger;
}

export function createAuditLog(opts: AuditLogOptions = {}): AuditLog {
  const target = opts.destination ?? (opts.env ?? process.env).WHEELHOUSE_AUDIT_LOG;
  const dest = typeof target === 'string' ? pino.destination({ dest: target, mkdir: true, sync: false }) : (target ?? pino.destination(1));
  const ring: AuditEntry[] = [];
  let early: AuditEntry[] | undefined = opts.store ? [] : undefined;
  let writer: AuditWriter | undefined;
  let sessions: ExecSessionWriter | undefined;
  const store = (entry: AuditEntry) => {
    writer!.push(toRow(entry));
    if (entry.session) sessions!.write(entry);
  };
  const opening = opts.store
    ? Promise.resolve(opts.store).then((s) => {
        writer = new AuditWriter(s.db, opts.logger);
        sessions = new ExecSessionWriter(s.db, opts.logger);
        for (const entry of early ?? []) store(entry);
        early = undefined;
      })
    : Promise.resolve();
  // a store that cannot open ends the process (main.ts); the log file keeps every line meanwhile
  opening.catch(() => undefined);
  return {
    record(e) {
      const entry: AuditEntry = { time: new Date().toISOString(), user: e.user ?? 'anonymous', cluster: e.cluster, verb: e.verb, object: e.object, result: e.result };
      if (e.status !== undefined) entry.status = e.status;
      if (e.message !== undefined) entry.message = e.message.slice(0, 1000);
      if (e.session !== undefined) entry.session = e.session;
      if (e.resourceVersion !== undefined) entry.resourceVersion = e.resourceVersion;
      if (e.uid !== undefined) entry.uid = e.uid;
      // written straight to the pino destination: a pino logger would add level/pid/msg fields we do not want
      dest.write(`${JSON.stringify(entry)}\n`);
      ring.push(entry);
      if (ring.length > AUDIT_KEEP) ring.splice(0, ring.length - AUDIT_KEEP);
      if (writer) store(entry);
      else early?.push(entry);
      return entry;
    },
    recent: (limit) => (limit === undefined ? [...ring] : ring.slice(Math.max(0, ring.length - limit))),
    async flush() {
      await opening.catch(() => undefined);
      await Promise.all([writer?.flush(), sessions?.flush()]);
    },
  };
}

function toRow(e: AuditEntry) {
  return {
    at: e.time,
    username: e.user,
    cluster: e.cluster,
    verb: e.verb,
    api_group: e.object.group,
    api_version: e.object.version,
    resource: e.object.resource,
    namespace: e.object.namespace ?? null,
    name: e.object.name,
    result: e.result,
    status: e.status ?? null,
    message: e.message ?? null,
    resource_version: e.resourceVersion ?? null,
    uid: e.uid ?? null,
    session_id: e.session?.id ?? null,
  };
}

/** Runs one operation and writes its audit line whatever happens; errors are rethrown unchanged. */
export async function audited<T>(audit: AuditLog, cluster: string, verb: string, object: AuditObject, fn: () => Promise<T>, note?: (r: T) => string | undefined): Promise<T> {
  try {
    const r = await fn();
    audit.record({ cluster, verb, object, result: 'success', message: note?.(r), ...versionOf(r) });
    return r;
  } catch (e) {
    const err = e instanceof K8sApiError ? e : undefined;
    audit.record({ cluster, verb, object, result: 'failure', status: err?.status ?? 500, message: e instanceof Error ? e.message : String(e) });
    throw e;
  }
}


/** resourceVersion and uid of a write's answer when it is an object (a Scale answer carries its owner's too) */
function versionOf(r: unknown): { resourceVersion?: string; uid?: string } {
  const m = (r as { metadata?: { resourceVersion?: unknown; uid?: unknown } } | null)?.metadata;
  if (!m || typeof m !== 'object') return {};
  return {
    ...(typeof m.resourceVersion === 'string' ? { resourceVersion: m.resourceVersion } : {}),
    ...(typeof m.uid === 'string' ? { uid: m.uid } : {}),
  };
}
