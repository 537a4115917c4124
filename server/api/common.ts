/**
 * Shared pieces of the BFF's cluster routes: the typed error reply (convention 7), zod parsing of params
 * and query strings, and resolution of a (cluster, group, version, resource) tuple against discovery.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { clusterId, groupName, k8sName, resourceName, versionName } from '../../lib/protocol';
import { groupFromSegment } from '../../lib/k8s/client/ref';
import { badRequest, K8sApiError, notFound, toApiError } from '../k8s/errors';
import type { ApiResourceInfo, DiscoveryCache } from '../clusters/discovery';
import type { ClusterRegistry } from '../clusters/registry';
import type { K8sClient } from '../k8s/client';
import { displayName, SERVICE_IDENTITY, type Identity } from '../auth/identity';
import type { AuditLog } from '../audit';

export interface RouteDeps {
  registry: ClusterRegistry;
  discovery: DiscoveryCache;
}

/**
 * Who a request acts for. server/auth's onRequest hook sets `req.identity` before any route runs; a data plane
 * built without the auth plugin (unit tests, `--auth none` before auth existed) has none, which means the
 * service identity. The ONE place that fallback lives.
 */
export function identityOf(req: FastifyRequest): Identity {
  return (req as { identity?: Identity }).identity ?? SERVICE_IDENTITY;
}

/** The cluster's client acting for the request's person (impersonation or their own token). */
export function personClient(deps: { registry: ClusterRegistry }, cluster: string, req: FastifyRequest): K8sClient {
  return deps.registry.client(cluster).as(identityOf(req));
}

/** An audit log whose lines name the request's person (displayName of its identity). */
export function auditFor(audit: AuditLog, req: FastifyRequest): AuditLog {
  const user = displayName(identityOf(req));
  return { record: (e) => audit.record({ ...e, user }), recent: () => audit.recent() };
}

/** A group path segment (`core` stands for the core group '') parsed to the group itself. */
export const groupFromUrlSegment = z.string().transform(groupFromSegment).pipe(groupName);

export const clusterParams = z.object({ cluster: clusterId });
export const gvrParams = clusterParams.extend({ group: groupFromUrlSegment, version: versionName, resource: resourceName });
export const nameParams = gvrParams.extend({ name: k8sName });
export const subParams = nameParams.extend({ subresource: z.enum(['status', 'scale']) });

export const optNamespace = z.object({ namespace: k8sName.max(63).optional() });

export function parse<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const r = schema.safeParse(value);
  if (!r.success) {
    throw badRequest(`invalid ${what}: ${r.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`).join('; ')}`, undefined, {
      causes: r.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
    });
  }
  return r.data;
}

export function sendError(reply: FastifyReply, err: unknown, cluster?: string): FastifyReply {
  const e = toApiError(err, cluster);
  return reply.code(e.status).type('application/json').send(e.toJSON());
}

/** Installs the typed error handler on an encapsulated scope (all cluster routes live in one). */
export function installErrorHandler(app: FastifyInstance, registry: ClusterRegistry): void {
  app.setErrorHandler((err: FastifyError | K8sApiError, req, reply) => {
    const cluster = (req.params as { cluster?: string } | undefined)?.cluster;
    if (err instanceof K8sApiError) {
      if (err.status === 503 && cluster) registry.reportFailure(cluster, err);
      return sendError(reply, err, err.cluster ?? cluster);
    }
    const status = typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status === 500) req.log.error({ err }, 'route failed');
    return sendError(reply, new K8sApiError({ status, reason: status === 500 ? 'InternalError' : reasonFor(status), message: err.message, cluster }));
  });
}

function reasonFor(status: number): string {
  return status === 415 ? 'UnsupportedMediaType' : status === 413 ? 'RequestEntityTooLarge' : 'BadRequest';
}

export interface Target {
  client: K8sClient;
  info: ApiResourceInfo;
}

/**
 * 404 (typed) for clusters and resources the cluster's discovery does not list (discovery is the service's view:
 * whether a kind exists is not a secret; whether the person may touch it is the cluster's answer to `client`).
 * The returned client acts for the request's person.
 */
export async function resolveTarget(
  deps: RouteDeps,
  p: { cluster: string; group: string; version: string; resource: string },
  req: FastifyRequest,
): Promise<Target> {
  const client = personClient(deps, p.cluster, req);
  const info = await deps.discovery.find(p.cluster, p.group, p.version, p.resource);
  if (!info) {
    throw notFound(`the server could not find the requested resource (${p.resource}.${p.group || 'core'}/${p.version})`, p.cluster, {
      group: p.group,
      version: p.version,
      kind: p.resource,
    });
  }
  return { client, info };
}

/** Namespace to use in the upstream path: required for a named, namespaced object; ignored for cluster-scoped kinds. */
export function scopeNamespace(info: ApiResourceInfo, ns: string | undefined, named: boolean, cluster: string): string | undefined {
  if (!info.namespaced) return undefined;
  if (named && !ns) throw badRequest(`${info.resource} is namespaced: ?namespace= is required`, cluster);
  return ns;
}

/**
 * Kubernetes objects nest a few dozen levels at most; a deeper body is an attack (JSON.parse copes with
 * 50,000 levels but the recursive JSON.stringify that forwards it overflows the stack: a 500). Iterative, so
 * checking cannot overflow either. The kube-apiserver's own decoder limit is 10,000; ours is lower because the
 * BFF re-serialises.
 */
export const MAX_BODY_DEPTH = 200;

export function assertDepth(value: unknown, what = 'body', limit = MAX_BODY_DEPTH): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (d > limit) throw badRequest(`${what} nests deeper than ${limit} levels`);
    for (const c of Object.values(v as object)) if (c !== null && typeof c === 'object') stack.push([c, d + 1]);
  }
}
