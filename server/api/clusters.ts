/**
 * GET /api/clusters, discovery, summary and the one-secret-key reveal. Discovery and the summary are the
 * service's view (computed once for everyone); the summary is only shown to people who may list pods in all
 * namespaces (the same rule as the summary socket, server/watch/access.ts). A reveal reads the Secret as the
 * person and leaves an audit line (verb "reveal"), whatever the outcome.
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { k8sName } from '../../lib/protocol';
import type { ClustersResponse, DiscoveryResponse, SecretKeyValue } from '../../lib/api-types';
import { notFound } from '../k8s/errors';
import { resourcePath } from '../k8s/paths';
import type { SummaryService } from '../clusters/summary-service';
import { audited, type AuditLog } from '../audit';
import { forbidden, SUMMARY_ACCESS, type AccessReviewer } from '../watch/access';
import { auditFor, clusterParams, identityOf, parse, personClient, type RouteDeps } from './common';

const secretKeyParams = clusterParams.extend({
  namespace: k8sName.max(63),
  name: k8sName,
  // Secret data keys: [-._a-zA-Z0-9]+
  key: z.string().min(1).max(253).regex(/^[-._a-zA-Z0-9]+$/, 'must be a secret key'),
});

export interface ClusterRouteDeps extends RouteDeps {
  summary: SummaryService;
  access: AccessReviewer;
  audit: AuditLog;
}

export async function clusterRoutes(app: FastifyInstance, deps: ClusterRouteDeps): Promise<void> {
  app.get('/api/clusters', async (): Promise<ClustersResponse> => ({ clusters: deps.registry.list() }));

  app.get('/api/clusters/:cluster/discovery', async (req): Promise<DiscoveryResponse> => {
    const { cluster } = parse(clusterParams, req.params, 'path');
    deps.registry.client(cluster);
    return { resources: await deps.discovery.preferred(cluster) };
  });

  app.get('/api/clusters/:cluster/summary', async (req) => {
    const { cluster } = parse(clusterParams, req.params, 'path');
    deps.registry.client(cluster); // 404 for unknown clusters before any review
    const verdict = await deps.access.can(identityOf(req), cluster, SUMMARY_ACCESS);
    if (!verdict.allowed) throw forbidden(verdict.reason, cluster);
    return deps.summary.get(cluster);
  });

  app.get('/api/clusters/:cluster/secrets/:namespace/:name/keys/:key', async (req, reply): Promise<SecretKeyValue> => {
    const p = parse(secretKeyParams, req.params, 'path');
    const client = personClient(deps, p.cluster, req);
    const object = { group: '', version: 'v1', resource: 'secrets', namespace: p.namespace, name: p.name };
    const value = await audited(
      auditFor(deps.audit, req),
      p.cluster,
      'reveal',
      object,
      async () => {
        const secret = await client.request<{ data?: Record<string, string> }>({ path: resourcePath(object) });
        const v = secret?.data?.[p.key];
        if (v === undefined) throw notFound(`secret "${p.name}" has no key "${p.key}"`, p.cluster);
        return Buffer.from(v, 'base64').toString('utf8');
      },
      () => `key=${p.key}`,
    );
    void reply.header('Cache-Control', 'no-store');
    return { value };
  });
}
