/**
 * Access and identity reviews, answered by the same RBAC authorizer that guards every request:
 * SubjectAccessReview (any user, given by the caller), SelfSubjectAccessReview and SelfSubjectRulesReview
 * (the requester, after impersonation — what `kubectl auth can-i [--list]` asks) and SelfSubjectReview
 * (`kubectl auth whoami`). kubectl sends them as protobuf (protobuf/proto/authorization-v1.proto).
 * Reviews are never stored, like upstream.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { ServedKind } from '../kinds';
import { apiVersionOf } from '../kinds';
import { badRequest, invalid } from './errors';
import { decodeObject, readBody, sendJson } from './http-util';
import type { ServerDeps } from './server';
import { requestUser, SandboxAuth, type UserInfo } from './auth/index';
import type { Attributes } from './auth/request-info';
import { isMaster, MASTERS } from './auth/user';
import type { PolicyRule } from './auth/rbac';

export const REVIEW_GROUPS = new Set(['authorization.k8s.io', 'authentication.k8s.io']);

const str = z.string().nullish();
const ResourceAttributes = z.looseObject({ namespace: str, verb: str, group: str, version: str, resource: str, subresource: str, name: str });
const NonResourceAttributes = z.looseObject({ path: str, verb: str });
/** extra arrives as {key: [values]} in JSON and {key: {items: [values]}} from protobuf */
const Extra = z.record(z.string(), z.union([z.array(z.string()), z.looseObject({ items: z.array(z.string()).nullish() })]));
const ReviewBody = z.looseObject({
  spec: z
    .looseObject({
      resourceAttributes: ResourceAttributes.nullish(),
      nonResourceAttributes: NonResourceAttributes.nullish(),
      user: str,
      groups: z.array(z.string()).nullish(),
      uid: str,
      extra: Extra.nullish(),
      namespace: str,
    })
    .nullish(),
});
type Spec = NonNullable<z.infer<typeof ReviewBody>['spec']>;

function attributesOf(user: UserInfo, spec: Spec, kind: string): Attributes {
  const ra = spec.resourceAttributes;
  const nra = spec.nonResourceAttributes;
  if (!ra === !nra) {
    throw invalid(kind, 'authorization.k8s.io', '', [
      { reason: 'FieldValueInvalid', field: 'spec.resourceAttributes', message: 'Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified' },
    ]);
  }
  const base = { user, apiGroup: '', apiVersion: '', namespace: '', resource: '', subresource: '', name: '', path: '' };
  if (nra) return { ...base, resourceRequest: false, verb: nra.verb ?? '', path: nra.path ?? '' };
  return {
    ...base,
    resourceRequest: true,
    verb: ra!.verb ?? '',
    apiGroup: ra!.group ?? '',
    apiVersion: ra!.version ?? '',
    namespace: ra!.namespace ?? '',
    resource: ra!.resource ?? '',
    subresource: ra!.subresource ?? '',
    name: ra!.name ?? '',
  };
}

function specUser(spec: Spec): UserInfo {
  const extra = Object.fromEntries(Object.entries(spec.extra ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v : (v.items ?? [])]));
  if (!spec.user && !spec.groups?.length) {
    throw invalid('SubjectAccessReview', 'authorization.k8s.io', '', [
      { reason: 'FieldValueInvalid', field: 'spec.user', message: 'Invalid value: "": at least one of user or group must be specified' },
    ]);
  }
  return { username: spec.user ?? '', groups: spec.groups ?? [], ...(spec.uid ? { uid: spec.uid } : {}), ...(Object.keys(extra).length ? { extra } : {}) };
}

/**
 * rbac.rulesFor short-circuits system:masters to "everything"; upstream's rules review has no such
 * shortcut and lists what the bindings grant: cluster-admin (bound to system:masters) plus the
 * basic-user/discovery/public-info-viewer rules every authenticated user gets.
 */
function reviewRules(auth: SandboxAuth, me: UserInfo, ns: string): PolicyRule[] {
  if (!isMaster(me)) return auth.rbac.rulesFor(me, ns);
  const others = auth.rbac.rulesFor({ ...me, groups: me.groups.filter((g) => g !== MASTERS) }, ns);
  return [...auth.rbac.rulesFor(me, ns), ...others];
}

function rulesStatus(rules: PolicyRule[]) {
  return {
    resourceRules: rules
      .filter((r) => r.resources?.length)
      .map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups ?? [], resources: r.resources, ...(r.resourceNames?.length ? { resourceNames: r.resourceNames } : {}) })),
    nonResourceRules: rules.filter((r) => r.nonResourceURLs?.length).map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
    incomplete: false,
  };
}

export async function handleReview(deps: ServerDeps, k: ServedKind, method: string, req: IncomingMessage, res: ServerResponse, namespace?: string): Promise<void> {
  if (method !== 'POST') throw badRequest(`${method} is not supported on ${k.resource}`);
  const auth = deps.auth ?? new SandboxAuth(deps.api.store, deps.token);
  const decoded = decodeObject(await readBody(req), req.headers['content-type'], deps.api.helpers);
  const parsed = ReviewBody.safeParse(decoded ?? {});
  if (!parsed.success) throw badRequest(`${k.kind}: ${parsed.error.issues[0]?.message ?? 'invalid body'}`);
  const spec: Spec = parsed.data.spec ?? {};
  const me = requestUser(req);
  const out: Record<string, unknown> = { kind: k.kind, apiVersion: apiVersionOf(k), metadata: { creationTimestamp: null }, spec };
  switch (k.kind) {
    case 'SubjectAccessReview':
    case 'SelfSubjectAccessReview': {
      const who = k.kind === 'SubjectAccessReview' ? specUser(spec) : me;
      const d = auth.rbac.authorize(attributesOf(who, spec, k.kind));
      out.status = { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) };
      break;
    }
    case 'LocalSubjectAccessReview': {
      if (spec.nonResourceAttributes) {
        throw invalid(k.kind, k.group, '', [{ reason: 'FieldValueForbidden', field: 'spec.nonResourceAttributes', message: 'Forbidden: disallowed on this kind of request' }]);
      }
      if ((spec.resourceAttributes?.namespace ?? '') !== namespace) {
        throw badRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`);
      }
      const d = auth.rbac.authorize(attributesOf(specUser(spec), spec, k.kind));
      out.metadata = { namespace, creationTimestamp: null };
      out.status = { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}) };
      break;
    }
    case 'TokenReview': {
      // the token authenticator chain, as the apiserver's TokenReview REST does
      const token = typeof (spec as { token?: unknown }).token === 'string' ? (spec as { token: string }).token : '';
      if (!token) throw invalid(k.kind, k.group, '', [{ reason: 'FieldValueRequired', field: 'spec.token', message: 'Required value' }]);
      const who = auth.authn.user(token);
      const audiences = (spec as { audiences?: string[] }).audiences;
      out.status = who
        ? {
            authenticated: true,
            user: { username: who.username, ...(who.uid ? { uid: who.uid } : {}), groups: who.groups, ...(who.extra ? { extra: who.extra } : {}) },
            ...(audiences?.length ? { audiences } : {}),
          }
        : { user: {}, error: '[invalid bearer token, token lookup failed]' };
      break;
    }
    case 'SelfSubjectRulesReview':
      out.status = rulesStatus(reviewRules(auth, me, spec.namespace ?? ''));
      break;
    case 'SelfSubjectReview':
      delete out.spec;
      out.status = { userInfo: { username: me.username, ...(me.uid ? { uid: me.uid } : {}), groups: me.groups, ...(me.extra ? { extra: me.extra } : {}) } };
      break;
  }
  sendJson(res, 201, out);
}
