/** GET /api/clusters, discovery, summary and the one-secret-key reveal. */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { k8sName } from '../../lib/protocol';
import type { ClustersResponse, DiscoveryResponse, SecretKeyValue } from '../../lib/api-types';
import { notFound } from '../k8s/errors';
import { resourcePath } from '../k8s/paths';
import type { SummaryService } from '../clusters/summary-service';
import { clusterParams, parse, type RouteDeps } from './common';

const secretKeyParams = clusterParams.extend({
  namespace: k8sName.max(63),
  name: k8sName,
  // Secret data keys: [-._a-zA-Z0-9]+
  key: z.string().min(1).max(253).regex(/^[-._a-zA-Z0-9]+$/, 'must be a secret key'),
});

export async function clusterRoutes(app: FastifyInstance, deps: RouteDeps & { summary: SummaryService }): Promise<void> {
  app.get('/api/clusters', async (): Promise<ClustersResponse> => ({ clusters: deps.registry.list() }));

  app.get('/api/clusters/:cluster/discovery', async (req): Promise<DiscoveryResponse> => {
    const { cluster } = parse(clusterParams, req.params, 'path');
    deps.registry.client(cluster);
    return { resources: await deps.discovery.preferred(cluster) };
  });

  app.get('/api/clusters/:cluster/summary', async (req) => {
    const { cluster } = parse(clusterParams, req.params, 'path');
    return deps.summary.get(cluster);
  });

  app.get('/api/clusters/:cluster/secrets/:namespace/:name/keys/:key', async (req, reply): Promise<SecretKeyValue> => {
    const p = parse(secretKeyParams, req.params, 'path');
    const client = deps.registry.client(p.cluster);
    const secret = await client.request<{ data?: Record<string, string> }>({
      path: resourcePath({ group: '', version: 'v1', resource: 'secrets', namespace: p.namespace, name: p.name }),
    });
    const v = secret?.data?.[p.key];
    if (v === undefined) throw notFound(`secret "${p.name}" has no key "${p.key}"`, p.cluster);
    void reply.header('Cache-Control', 'no-store');
    return { value: Buffer.from(v, 'base64').toString('utf8') };
  });
}
