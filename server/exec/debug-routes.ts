/**
 * POST /api/clusters/:cluster/pods/:namespace/:name/debug  {image?, target?}  → {container}
 *   adds an ephemeral container (what `kubectl debug -it <pod> --image=busybox --target=<c>` adds: stdin + tty,
 *   targetContainerName for a shared process namespace) through pods/ephemeralcontainers as the person, waits
 *   until it runs, and answers its name; the browser then attaches a terminal to it.
 * POST /api/clusters/:cluster/nodes/:name/shell  {image?, namespace?}  → {namespace, pod, container}
 *   starts a node shell (server/exec/node-shells.ts) and answers where to attach.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { ClusterRegistry } from '../clusters/registry';
import type { AccessReviewer } from '../watch/access';
import { forbidden } from '../watch/access';
import type { AuditLog } from '../audit';
import { audited } from '../audit';
import { clusterId, k8sName } from '../../lib/protocol';
import { debugRequest, nodeShellRequest } from '../../lib/exec/debug';
import { auditFor, identityOf, parse } from '../api/common';
import { waitRunning } from './wait-running';
import type { NodeShells } from './node-shells';

const seg = encodeURIComponent;
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface DebugDeps {
  registry: ClusterRegistry;
  access: AccessReviewer;
  audit: AuditLog;
  nodeShells: NodeShells;
}

const podParams = z.object({ cluster: clusterId, namespace: k8sName.max(63), name: k8sName });
const nodeParams = z.object({ cluster: clusterId, name: k8sName });

export async function debugRoutes(app: FastifyInstance, d: DebugDeps): Promise<void> {
  app.post('/api/clusters/:cluster/pods/:namespace/:name/debug', async (req) => {
    const { cluster, namespace, name } = parse(podParams, req.params, 'path');
    const body = parse(debugRequest, req.body ?? {}, 'body');
    const identity = identityOf(req);
    for (const c of [
      { verb: 'patch' as const, group: '', resource: 'pods', subresource: 'ephemeralcontainers', namespace, name },
      { verb: 'create' as const, group: '', resource: 'pods', subresource: 'attach', namespace, name },
    ]) {
      const v = await d.access.can(identity, cluster, c);
      if (!v.allowed) throw forbidden(v.reason, cluster);
    }
    const client = d.registry.client(cluster).as(identity);
    const pod = await client.request<Any>({ path: `/api/v1/namespaces/${seg(namespace)}/pods/${seg(name)}` });
    const container = `debugger-${randomBytes(4).toString('hex').slice(0, 5)}`;
    const ephemeral = {
      name: container,
      image: body.image,
      imagePullPolicy: 'IfNotPresent',
      stdin: true,
      tty: true,
      terminationMessagePolicy: 'File',
      ...(body.target ? { targetContainerName: body.target } : {}),
    };
    const existing = (pod.spec?.ephemeralContainers ?? []) as Any[];
    const object = { group: '', version: 'v1', resource: 'pods', namespace, name };
    // a strategic-merge patch of the whole list, like kubectl debug (ephemeralContainers merge by name)
    await audited(auditFor(d.audit, req), cluster, 'debug', object, () =>
      client.request({
        method: 'PATCH',
        path: `/api/v1/namespaces/${seg(namespace)}/pods/${seg(name)}/ephemeralcontainers`,
        contentType: 'application/strategic-merge-patch+json',
        body: { spec: { ephemeralContainers: [...existing, ephemeral] } },
      }), () => `ephemeral container ${container}, image ${body.image}${body.target ? `, target ${body.target}` : ''}`);
    await waitRunning(client, namespace, name, container);
    return { container };
  });

  app.post('/api/clusters/:cluster/nodes/:name/shell', async (req) => {
    const { cluster, name } = parse(nodeParams, req.params, 'path');
    const body = parse(nodeShellRequest, req.body ?? {}, 'body');
    const identity = identityOf(req);
    for (const c of [
      { verb: 'create' as const, group: '', resource: 'pods', namespace: body.namespace },
      { verb: 'delete' as const, group: '', resource: 'pods', namespace: body.namespace },
      { verb: 'create' as const, group: '', resource: 'pods', subresource: 'attach', namespace: body.namespace },
    ]) {
      const v = await d.access.can(identity, cluster, c);
      if (!v.allowed) throw forbidden(v.reason, cluster);
    }
    return d.nodeShells.create(identity, cluster, name, body.namespace, body.image);
  });
}
