/**
 * GET    /api/portforwards                                          → {enabled, items}: your port-forwards
 * POST   /api/clusters/:cluster/pods/:namespace/:name/portforward  {port, localPort?} → the new forward
 * DELETE /api/portforwards/:id                                      → stops it
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ClusterRegistry } from '../clusters/registry';
import type { AccessReviewer } from '../watch/access';
import { forbidden } from '../watch/access';
import { notFound } from '../k8s/errors';
import { clusterId, k8sName } from '../../lib/protocol';
import { portForwardRequest } from '../../lib/exec/port-forward';
import { identityOf, parse } from '../api/common';
import type { PortForwards } from './port-forward';

const podParams = z.object({ cluster: clusterId, namespace: k8sName.max(63), name: k8sName });

export async function portForwardRoutes(app: FastifyInstance, d: { registry: ClusterRegistry; access: AccessReviewer; portForwards: PortForwards }): Promise<void> {
  app.get('/api/portforwards', async (req) => ({ enabled: d.portForwards.enabled, items: d.portForwards.list(identityOf(req)) }));

  app.post('/api/clusters/:cluster/pods/:namespace/:name/portforward', async (req) => {
    const { cluster, namespace, name } = parse(podParams, req.params, 'path');
    const body = parse(portForwardRequest, req.body ?? {}, 'body');
    const identity = identityOf(req);
    d.registry.client(cluster);
    for (const verb of ['create', 'get'] as const) {
      const v = await d.access.can(identity, cluster, { verb, group: '', resource: 'pods', subresource: 'portforward', namespace, name });
      if (!v.allowed) throw forbidden(v.reason, cluster);
    }
    return d.portForwards.start(identity, { cluster, namespace, pod: name, port: body.port, localPort: body.localPort || undefined });
  });

  app.delete('/api/portforwards/:id', async (req) => {
    const { id } = parse(z.object({ id: z.string().uuid() }), req.params, 'path');
    if (!(await d.portForwards.stopOne(id, identityOf(req)))) throw notFound(`no port-forward ${id}`);
    return { stopped: id };
  });
}
