/**
 * Generic resource routes for any group/version/resource the cluster's discovery lists (CRDs included):
 * list (paged), create, get, update, patch, delete (with DeleteOptions preconditions), and the status/scale
 * subresources: every plain write the browser makes goes through here (scale is a merge patch of /scale that
 * carries the resourceVersion the user saw). Upstream URLs are
 * built only from the validated tuple (server/k8s/paths.ts); query parameters pass through a fixed list.
 * Secrets are redacted in every answer (lib/api-types.ts); the keys route reveals one value.
 * Every call acts for the request's person (resolveTarget's client), and every write that is not a dry run
 * leaves an audit line naming them.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { badRequest } from '../k8s/errors';
import { queryString, resourcePath } from '../k8s/paths';
import { redactIfSecret } from '../k8s/strip';
import { parseYaml } from '../../lib/yaml/limits';
import { audited, type AuditLog } from '../audit';
import { assertDepth, auditFor, gvrParams, nameParams, optNamespace, parse, resolveTarget, scopeNamespace, subParams, type RouteDeps } from './common';

const PATCH_TYPES = [
  'application/merge-patch+json',
  'application/json-patch+json',
  'application/strategic-merge-patch+json',
  'application/apply-patch+yaml',
] as const;

const dryRun = z.literal('All').optional();
const listQuery = optNamespace.extend({
  labelSelector: z.string().max(1024).optional(),
  fieldSelector: z.string().max(1024).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
  continue: z.string().max(4096).optional(),
});
const writeQuery = optNamespace.extend({ dryRun, fieldManager: z.string().max(128).optional() });
const patchQuery = writeQuery.extend({ force: z.enum(['true', 'false']).optional() });
const deleteQuery = optNamespace.extend({
  dryRun,
  propagationPolicy: z.enum(['Foreground', 'Background', 'Orphan']).optional(),
  gracePeriodSeconds: z.coerce.number().int().min(0).optional(),
});
const objectBody = z.record(z.string(), z.unknown());
/** DeleteOptions' preconditions: delete only the object (uid) / the version (resourceVersion) the user acted on */
const deleteBody = z
  .object({ preconditions: z.object({ uid: z.string().min(1).max(64).optional(), resourceVersion: z.string().min(1).max(64).optional() }).strict().optional() })
  .strict();
/** POSTs to these groups are questions (SubjectAccessReview, SelfSubjectReview, TokenReview), not changes */
const REVIEW_GROUPS = new Set(['authorization.k8s.io', 'authentication.k8s.io']);

function body(req: FastifyRequest): Record<string, unknown> {
  assertDepth(req.body);
  return parse(objectBody, req.body, 'body');
}

function patchBody(req: FastifyRequest): { contentType: string; payload: string } {
  const ct = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!(PATCH_TYPES as readonly string[]).includes(ct)) {
    throw badRequest(`PATCH needs Content-Type one of ${PATCH_TYPES.join(', ')}`);
  }
  const payload = typeof req.body === 'string' ? req.body : JSON.stringify(req.body ?? null);
  if (ct === 'application/apply-patch+yaml') {
    // the same limits as the editor: size, depth and aliases (no billion-laughs reaches a cluster)
    const { limitError, errors } = parseYaml(payload);
    if (limitError) throw badRequest(limitError);
    if (errors.length) throw badRequest(`apply patch is not valid YAML: line ${errors[0].line}: ${errors[0].message}`);
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch (e) {
      throw badRequest(`patch body is not JSON: ${(e as Error).message}`);
    }
    assertDepth(parsed, 'patch body');
  }
  return { contentType: ct, payload };
}

export async function resourceRoutes(app: FastifyInstance, deps: RouteDeps & { audit?: AuditLog }): Promise<void> {
  /** Runs a write, audited unless nothing changes (a dry run, an access/identity review) or the plane has no audit log. */
  const write = <T>(
    req: FastifyRequest,
    verb: string,
    p: { cluster: string; group: string; version: string; resource: string; name?: string; subresource?: string },
    namespace: string | undefined,
    dry: string | undefined,
    fn: () => Promise<T>,
    note?: () => string | undefined,
  ): Promise<T> => {
    if (dry || !deps.audit || REVIEW_GROUPS.has(p.group)) return fn();
    const resource = p.subresource ? `${p.resource}/${p.subresource}` : p.resource;
    return audited(auditFor(deps.audit, req), p.cluster, verb, { group: p.group, version: p.version, resource, namespace, name: p.name ?? '' }, fn, note);
  };

  // patch bodies are forwarded verbatim: the cluster implements every patch type
  app.addContentTypeParser([...PATCH_TYPES], { parseAs: 'string', bodyLimit: 3 * 1024 * 1024 }, (_req, b, done) => done(null, b));

  const base = '/api/clusters/:cluster/resources/:group/:version/:resource';

  app.get(base, async (req) => {
    const p = parse(gvrParams, req.params, 'path');
    const q = parse(listQuery, req.query, 'query');
    const { client, info } = await resolveTarget(deps, p, req);
    const ns = scopeNamespace(info, q.namespace, false, p.cluster);
    const path = resourcePath({ ...p, namespace: ns }) + queryString({ labelSelector: q.labelSelector, fieldSelector: q.fieldSelector, limit: q.limit, continue: q.continue });
    return redactIfSecret(p.group, p.resource, await client.request({ path }));
  });

  app.post(base, async (req, reply) => {
    const p = parse(gvrParams, req.params, 'path');
    const q = parse(writeQuery, req.query, 'query');
    const obj = body(req);
    const { client, info } = await resolveTarget(deps, p, req);
    const metaNs = (obj.metadata as { namespace?: string } | undefined)?.namespace;
    const ns = scopeNamespace(info, q.namespace ?? metaNs, true, p.cluster);
    const path = resourcePath({ ...p, namespace: ns }) + queryString({ dryRun: q.dryRun, fieldManager: q.fieldManager });
    const name = (obj.metadata as { name?: string } | undefined)?.name ?? '';
    const created = await write(req, 'create', { ...p, name }, ns, q.dryRun, () => client.request({ method: 'POST', path, body: obj }));
    return reply.code(201).send(redactIfSecret(p.group, p.resource, created));
  });

  const named = `${base}/:name`;
  const sub = `${named}/:subresource`;

  for (const url of [named, sub]) {
    const params = url === sub ? subParams : nameParams;
    const target = async (req: FastifyRequest) => {
      const p = parse(params, req.params, 'path') as z.infer<typeof subParams>;
      const { client, info } = await resolveTarget(deps, p, req);
      if (p.subresource && !info.subresources.includes(p.subresource)) {
        throw badRequest(`${p.resource} has no ${p.subresource} subresource`, p.cluster);
      }
      return { p, client, info };
    };

    app.get(url, async (req) => {
      const { p, client, info } = await target(req);
      const q = parse(optNamespace, req.query, 'query');
      const path = resourcePath({ ...p, namespace: scopeNamespace(info, q.namespace, true, p.cluster) });
      return redactIfSecret(p.group, p.resource, await client.request({ path }));
    });

    app.put(url, async (req) => {
      const { p, client, info } = await target(req);
      const q = parse(writeQuery, req.query, 'query');
      const obj = body(req);
      const ns = scopeNamespace(info, q.namespace, true, p.cluster);
      const path = resourcePath({ ...p, namespace: ns }) + queryString({ dryRun: q.dryRun, fieldManager: q.fieldManager });
      return redactIfSecret(p.group, p.resource, await write(req, 'update', p, ns, q.dryRun, () => client.request({ method: 'PUT', path, body: obj })));
    });

    app.patch(url, async (req) => {
      const { p, client, info } = await target(req);
      const q = parse(patchQuery, req.query, 'query');
      const { contentType, payload } = patchBody(req);
      const ns = scopeNamespace(info, q.namespace, true, p.cluster);
      const path = resourcePath({ ...p, namespace: ns }) + queryString({ dryRun: q.dryRun, fieldManager: q.fieldManager, force: q.force });
      // a change of the replica count reads as such in the audit log (kubectl scale's verb, the count as the note)
      const scale = p.subresource === 'scale';
      const replicas = scale && contentType === 'application/merge-patch+json' ? (JSON.parse(payload) as { spec?: { replicas?: unknown } } | null)?.spec?.replicas : undefined;
      const note = replicas !== undefined ? () => `replicas=${String(replicas)}` : undefined;
      return redactIfSecret(p.group, p.resource, await write(req, scale ? 'scale' : 'patch', p, ns, q.dryRun, () => client.request({ method: 'PATCH', path, body: payload, contentType }), note));
    });
  }

  app.delete(named, async (req) => {
    const p = parse(nameParams, req.params, 'path');
    const q = parse(deleteQuery, req.query, 'query');
    const { client, info } = await resolveTarget(deps, p, req);
    const { preconditions } = parse(deleteBody, req.body ?? {}, 'body');
    const ns = scopeNamespace(info, q.namespace, true, p.cluster);
    const path = resourcePath({ ...p, namespace: ns }) + queryString({ dryRun: q.dryRun, propagationPolicy: q.propagationPolicy, gracePeriodSeconds: q.gracePeriodSeconds });
    // preconditions travel as DeleteOptions in the body, as kubectl sends them (a mismatch answers 409 Conflict)
    const options = preconditions ? { body: { kind: 'DeleteOptions', apiVersion: 'v1', preconditions } } : {};
    return redactIfSecret(
      p.group,
      p.resource,
      await write(req, 'delete', p, ns, q.dryRun, () => client.request({ method: 'DELETE', path, ...options }), () => `propagationPolicy=${q.propagationPolicy ?? 'default'}`),
    );
  });
}
