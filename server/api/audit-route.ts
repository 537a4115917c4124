/**
 * GET /api/audit?limit=N — the newest audit lines (N ≤ 1000, default 200) from the in-memory ring of the audit
 * log, newest first. Console admins only: a local user with `admin: true`, or the single local user of
 * `--auth none` (the service identity). Token logins are never console admins: 403 otherwise.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { auditResponse } from '../../lib/auth-types';
import type { AuditLog } from '../audit';
import { K8sApiError } from '../k8s/errors';
import type { Identity } from '../auth/identity';
import { identityOf, parse } from './common';

const auditQuery = z.object({ limit: z.coerce.number().int().min(1).max(1000).default(200) });

export function isConsoleAdmin(id: Identity): boolean {
  return id.kind === 'service' || (id.kind === 'user' && id.admin);
}

export async function auditRoutes(app: FastifyInstance, deps: { audit: AuditLog }): Promise<void> {
  app.get('/api/audit', async (req): Promise<z.infer<typeof auditResponse>> => {
    if (!isConsoleAdmin(identityOf(req))) {
      throw new K8sApiError({ status: 403, reason: 'Forbidden', message: 'the audit log is for console admins only' });
    }
    const { limit } = parse(auditQuery, req.query, 'query');
    return { entries: deps.audit.recent(limit).reverse() };
  });
}
