/**
 * GET /api/audit — audit records newest first, filtered and paged (lib/auth-types.ts auditQuery): by user,
 * cluster, verb, namespace, free text and time range, `limit` (≤ 1000, default 200) per page, `before` = the
 * previous page's `next` cursor. Read from the state store, so every replica answers with every replica's records;
 * a data plane without a store (tests) answers from this process's in-memory ring with the same filters.
 * Console admins only: a local user with `admin: true`, or the single local user of `--auth none` (the service
 * identity). Token logins are never console admins: 403 otherwise.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { auditQuery, type auditResponse, type AuditEntryWire } from '../../lib/auth-types';
import type { AuditEntry, AuditLog } from '../audit';
import { K8sApiError } from '../k8s/errors';
import type { Identity } from '../auth/identity';
import type { Store } from '../store';
import { queryAudit, type AuditFilter } from '../store/audit-events';
import type { AuditEventRow } from '../store/schema';
import { identityOf, parse } from './common';

type AuditResponse = z.infer<typeof auditResponse>;

export function isConsoleAdmin(id: Identity): boolean {
  return id.kind === 'service' || (id.kind === 'user' && id.admin);
}

export async function auditRoutes(app: FastifyInstance, deps: { audit: AuditLog; store?: Store }): Promise<void> {
  app.get('/api/audit', async (req): Promise<AuditResponse> => {
    if (!isConsoleAdmin(identityOf(req))) {
      throw new K8sApiError({ status: 403, reason: 'Forbidden', message: 'the audit log is for console admins only' });
    }
    const q = parse(auditQuery, req.query, 'query');
    const filter: AuditFilter = {
      user: q.user,
      cluster: q.cluster,
      verb: q.verb,
      namespace: q.namespace,
      text: q.q,
      since: q.since ? new Date(q.since) : undefined,
      until: q.until ? new Date(q.until) : undefined,
      before: q.before,
      limit: q.limit,
    };
    if (!deps.store) return fromRing(deps.audit.recent(), filter);
    // this replica's newest records are in the store before it is read
    await deps.audit.flush?.();
    const page = await queryAudit(deps.store.db, filter);
    return { entries: page.rows.map(fromRow), ...(page.next !== undefined ? { next: page.next } : {}) };
  });
}

function fromRow(r: AuditEventRow): AuditEntryWire {
  return {
    id: r.id,
    time: r.at.toISOString(),
    user: r.username,
    cluster: r.cluster,
    verb: r.verb,
    object: { group: r.api_group, version: r.api_version, resource: r.resource, ...(r.namespace !== null ? { namespace: r.namespace } : {}), name: r.name },
    result: r.result,
    ...(r.status !== null ? { status: r.status } : {}),
    ...(r.message !== null ? { message: r.message } : {}),
    ...(r.resource_version !== null ? { resourceVersion: r.resource_version } : {}),
    ...(r.uid !== null ? { uid: r.uid } : {}),
  };
}

/** The same filters over the in-memory ring; the cursor is a position in it. */
function fromRing(all: AuditEntry[], f: AuditFilter): AuditResponse {
  const text = f.text?.toLowerCase();
  const out: AuditEntryWire[] = [];
  let i = Math.min(all.length, f.before ?? all.length) - 1;
  for (; i >= 0 && out.length < f.limit; i--) {
    const e = all[i];
    const t = Date.parse(e.time);
    if ((f.user && e.user !== f.user) || (f.cluster && e.cluster !== f.cluster) || (f.verb && e.verb !== f.verb) || (f.namespace && e.object.namespace !== f.namespace)) continue;
    if ((f.since && t < f.since.getTime()) || (f.until && t >= f.until.getTime())) continue;
    if (text && ![e.user, e.verb, e.object.resource, e.object.namespace ?? '', e.object.name, e.message ?? ''].some((s) => s.toLowerCase().includes(text))) continue;
    const { session: _session, ...wire } = e;
    out.push({ ...wire, id: i + 1 });
  }
  return { entries: out, ...(i >= 0 && out.length === f.limit ? { next: i + 1 } : {}) };
}
