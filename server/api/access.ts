/**
 * POST /api/clusters/:cluster/access — may the current person do each of these things? The UI asks once per
 * page for the actions it shows (disable with the reason) and the kinds it lists (hide). Each check is a
 * SubjectAccessReview / SelfSubjectAccessReview through the shared AccessReviewer (server/watch/access.ts:
 * cached ≤ 60 s, dropped on RBAC changes), a few at a time so a 300-check page cannot flood the cluster.
 */
import type { FastifyInstance } from 'fastify';
import { accessRequest, type AccessResponse } from '../../lib/auth-types';
import { mapLimit, type AccessReviewer } from '../watch/access';
import { clusterParams, identityOf, parse, type RouteDeps } from './common';

const CONCURRENCY = 8;

export async function accessRoutes(app: FastifyInstance, deps: Pick<RouteDeps, 'registry'> & { access: AccessReviewer }): Promise<void> {
  app.post('/api/clusters/:cluster/access', async (req): Promise<AccessResponse> => {
    const { cluster } = parse(clusterParams, req.params, 'path');
    const { checks } = parse(accessRequest, req.body, 'body');
    deps.registry.client(cluster); // 404 for clusters this console does not know
    const identity = identityOf(req);
    const results = await mapLimit(checks, CONCURRENCY, async (c) => {
      const v = await deps.access.can(identity, cluster, c);
      return v.allowed ? { allowed: true } : { allowed: false, reason: v.reason };
    });
    return { results };
  });
}
