/**
 * Audit log of write operations made through the console: one JSON line per operation
 * {time, user, cluster, verb, object, result, message?}. It has its own pino destination stream (no level, pid or
 * hostname noise) so the lines can be shipped or grepped separately from the request log: to the file named
 * by WHEELHOUSE_AUDIT_LOG when set (pino's async SonicBoom destination), else to stdout. `user` is "anonymous" until authentication exists.
 * Bodies, tokens and patches are never written: only who did what to which object, and how it ended.
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
}

export interface AuditLog {
  record(e: Omit<AuditEntry, 'time' | 'user'> & { user?: string }): AuditEntry;
  /** the last entries, newest last (diagnostics and tests) */
  recent(): AuditEntry[];
}

const KEEP = 200;

export function createAuditLog(opts: { destination?: DestinationStream | string; env?: NodeJS.ProcessEnv } = {}): AuditLog {
  const target = opts.destination ?? (opts.env ?? process.env).WHEELHOUSE_AUDIT_LOG;
  const dest = typeof target === 'string' ? pino.destination({ dest: target, mkdir: true, sync: false }) : (target ?? pino.destination(1));
  const ring: AuditEntry[] = [];
  return {
    record(e) {
      const entry: AuditEntry = { time: new Date().toISOString(), user: e.user ?? 'anonymous', cluster: e.cluster, verb: e.verb, object: e.object, result: e.result };
      if (e.status !== undefined) entry.status = e.status;
      if (e.message !== undefined) entry.message = e.message.slice(0, 1000);
      // written straight to the pino destination: a pino logger would add level/pid/msg fields we do not want
      dest.write(`${JSON.stringify(entry)}\n`);
      ring.push(entry);
      if (ring.length > KEEP) ring.shift();
      return entry;
    },
    recent: () => [...ring],
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

