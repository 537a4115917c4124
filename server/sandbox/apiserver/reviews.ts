/**
 * Access and identity reviews. The sandbox has a single bearer token with cluster-admin rights, so
 * every review allows (like a real cluster for a cluster-admin); impersonated identities are echoed
 * back so callers see who they asked about. Reviews are never stored, like upstream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ServedKind } from '../kinds';
import { apiVersionOf } from '../kinds';
import { badRequest } from './errors';
import { decodeObject, readBody, sendJson } from './http-util';
import type { ServerDeps } from './server';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const REVIEW_GROUPS = new Set(['authorization.k8s.io', 'authentication.k8s.io']);

function identity(req: IncomingMessage): { username: string; groups: string[] } {
  const user = req.headers['impersonate-user'];
  const groups = req.headers['impersonate-group'];
  if (typeof user === 'string' && user) {
    return { username: user, groups: [...(Array.isArray(groups) ? groups : groups ? [groups] : []), 'system:authenticated'] };
  }
  return { username: 'sandbox-admin', groups: ['system:masters', 'system:authenticated'] };
}

export async function handleReview(deps: ServerDeps, k: ServedKind, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (method !== 'POST') throw badRequest(`${method} is not supported on ${k.resource}`);
  const buf = await readBody(req);
  let body: Any = {};
  try {
    body = decodeObject(buf, req.headers['content-type'], deps.api.helpers) as Any;
  } catch {
    // kubectl sends reviews as protobuf; the answer does not depend on the request here
  }
  const out: Any = { kind: k.kind, apiVersion: apiVersionOf(k), metadata: { creationTimestamp: null }, spec: body?.spec ?? {} };
  switch (k.kind) {
    case 'SelfSubjectAccessReview':
    case 'SubjectAccessReview':
      out.status = { allowed: true, reason: 'sandbox: the sandbox token is cluster-admin' };
      break;
    case 'SelfSubjectRulesReview':
      out.status = {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }],
        incomplete: false,
      };
      break;
    case 'SelfSubjectReview':
      delete out.spec;
      out.status = { userInfo: identity(req) };
      break;
  }
  sendJson(res, 201, out);
}
