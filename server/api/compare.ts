/**
 * POST /api/compare (one object against the same object in another cluster or namespace) and POST /api/drift
 * (one namespace across clusters). Both read as the request's person; see server/compare/compare.ts.
 * POST because the question has a body (two sides, a list of clusters); neither changes anything.
 */
import type { FastifyInstance } from 'fastify';
import { compareRequest, driftRequest, type CompareResponse, type DriftResponse } from '../../lib/compare/types';
import { compareObjects, driftReport } from '../compare/compare';
import { parse, type RouteDeps } from './common';

export async function compareRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  app.post('/api/compare', async (req): Promise<CompareResponse> => {
    const r = parse(compareRequest, req.body, 'body');
    return compareObjects(deps, req, r);
  });

  app.post('/api/drift', async (req): Promise<DriftResponse> => {
    const r = parse(driftRequest, req.body, 'body');
    return driftReport(deps, req, r.namespace, r.clusters);
  });
}
