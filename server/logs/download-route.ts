/**
 * GET /api/clusters/:cluster/logs/:namespace/:pod?container=&previous=&timestamps= — the whole log as
 * text/plain, streamed from the cluster's pods/log (no follow) to the browser without buffering, as an
 * attachment. This is the "Download" of the viewer: the server's log, not what the ring buffer still holds.
 * Read as the request's person: the cluster checks pods/log.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { clusterId, k8sName } from '../../lib/protocol';
import type { ClusterRegistry } from '../clusters/registry';
import { parse, personClient } from '../api/common';
import { queryString, resourcePath } from '../k8s/paths';

const params = z.object({ cluster: clusterId, namespace: k8sName.max(63), pod: k8sName });
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const query = z.object({
  container: z.string().max(253).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/).optional(),
  previous: bool.optional(),
  timestamps: bool.optional(),
});

export async function logRoutes(app: FastifyInstance, deps: { registry: ClusterRegistry }): Promise<void> {
  app.get('/api/clusters/:cluster/logs/:namespace/:pod', async (req, reply) => {
    const p = parse(params, req.params, 'path');
    const q = parse(query, req.query, 'query');
    const client = personClient(deps, p.cluster, req);
    const path =
      resourcePath({ group: '', version: 'v1', resource: 'pods', namespace: p.namespace, name: p.pod }) +
      `/log${queryString({ container: q.container, previous: q.previous ? 'true' : undefined, timestamps: q.timestamps ? 'true' : undefined })}`;
    const upstream = await client.stream({ path, accept: 'text/plain', timeoutMs: 0 });
    const file = `${p.pod}${q.container ? `-${q.container}` : ''}${q.previous ? '-previous' : ''}.log`;
    reply.raw.on('close', () => upstream.destroy());
    return reply
      .header('Content-Type', 'text/plain; charset=utf-8')
      .header('Content-Disposition', `attachment; filename="${file}"`)
      .header('Cache-Control', 'no-store')
      .send(upstream);
  });
}
