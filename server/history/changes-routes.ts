/**
 * GET /api/changes (changesQuery: filters, cursor paging, newest first) and GET /api/changes/:id (the change
 * with its diff and recorded view). Records of clusters this console does not have configured are never
 * shown, nor records of objects the person may not read (read-access.ts).
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { changesQuery, type ChangeDetail, type ChangePage } from '../../lib/history/types';
import { notFound } from '../k8s/errors';
import type { ClusterRegistry } from '../clusters/registry';
import { forbidden, type AccessReviewer } from '../watch/access';
import { identityOf, parse } from '../api/common';
import { getChange, type HistoryDb } from './history-store';
import { queryChanges } from './history-query';
import { readCheck } from './read-access';

export interface ChangesRouteDeps {
  db: HistoryDb;
  registry: Pick<ClusterRegistry, 'list'>;
  access: AccessReviewer;
}

const idParams = z.object({ id: z.string().regex(/^\d{1,15}$/, 'a change id is a number') });

export async function changesRoutes(app: FastifyInstance, deps: ChangesRouteDeps): Promise<void> {
  app.get('/api/changes', async (req): Promise<ChangePage> => {
    const q = parse(changesQuery, req.query, 'query');
    const clusters = deps.registry.list().map((c) => c.id);
    if (q.cluster && !clusters.includes(q.cluster)) throw notFound(`cluster "${q.cluster}" is not configured`, q.cluster);
    return queryChanges(deps.db, q, clusters, readCheck(deps.access, identityOf(req)));
  });

  app.get('/api/changes/:id', async (req): Promise<ChangeDetail> => {
    const { id } = parse(idParams, req.params, 'path');
    const change = await getChange(deps.db, Number(id));
    if (!change || !deps.registry.list().some((c) => c.id === change.cluster)) throw notFound(`change ${id} not found`);
    if (!(await readCheck(deps.access, identityOf(req))(change))) {
      throw forbidden(`not allowed to get ${change.resource}${change.group ? `.${change.group}` : ''} ${change.namespace ? `in namespace ${change.namespace}` : 'cluster-wide'}`, change.cluster);
    }
    return change;
  });
}
