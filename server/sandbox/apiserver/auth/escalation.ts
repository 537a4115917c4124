/**
 * RBAC privilege-escalation prevention, as upstream's pkg/registry/rbac/*\/policybased storages do it:
 * - a Role / ClusterRole may only be written by someone who already holds every rule it grants (in its
 *   namespace / cluster-wide) or may `escalate` roles / clusterroles; setting or keeping an aggregationRule
 *   on a ClusterRole needs full authority (`*` on `*.*` and every URL);
 * - a RoleBinding / ClusterRoleBinding may only be written by someone who holds every rule of the role it
 *   references (in the binding's namespace / cluster-wide) or may `bind` that role (resourceNames apply).
 * Updates that only touch GC fields (ownerReferences, finalizers, deletion stamps) are not checked.
 * The check runs through ReqCtx.admit (ops.ts) on the final object, after patches and server-side apply;
 * resource-handlers sets it only for HTTP writes of these four kinds by users outside system:masters, so
 * the admin token, system:masters and in-process controllers never pay for it.
 */
import type { IncomingMessage } from 'node:http';
import type { KObject } from '../../types';
import type { ServedKind } from '../../kinds';
import { internal, notFound } from '../errors';
import { deepEqual } from '../../../../lib/k8s/machinery/equal';
import { describeMissing, goList, uncovered } from './covers';
import { requestUser } from './index';
import { RBAC_GROUP, RBAC_KEYS, type PolicyRule, type RbacAuthorizer } from './rbac';
import { newForbidden } from './request-info';
import { isMaster, type UserInfo } from './user';

/** Runs on the object about to be stored (old: the stored one, on update); throws to refuse the write. */
export type Admit = (obj: KObject, old: KObject | undefined) => void;

interface Target {
  kind: ServedKind;
  namespace?: string;
  name?: string;
}

interface RoleRef {
  apiGroup?: string;
  kind?: string;
  name?: string;
}

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];
/** metadata a GC-only update may change (IsOnlyMutatingGCFields), plus what the store itself manages */
const GC_FIELDS = ['ownerReferences', 'finalizers', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'selfLink', 'resourceVersion', 'managedFields', 'generation'];

const rulesOf = (o: KObject) => (o.rules as PolicyRule[] | undefined) ?? [];
const hasAggregationRule = (o: KObject | undefined) =>
  ((o?.aggregationRule as { clusterRoleSelectors?: unknown[] } | undefined)?.clusterRoleSelectors?.length ?? 0) > 0;

function onlyGcFields(obj: KObject, old: KObject): boolean {
  const strip = (o: KObject) => {
    const meta: Record<string, unknown> = { ...o.metadata };
    for (const f of GC_FIELDS) delete meta[f];
    return { ...o, metadata: meta };
  };
  return deepEqual(strip(obj), strip(old));
}

function allowed(rbac: RbacAuthorizer, user: UserInfo, verb: string, group: string, resource: string, namespace: string, name: string): boolean {
  const a = { user, verb, resourceRequest: true, path: '', apiGroup: group, apiVersion: '*', namespace, resource, subresource: '', name };
  return rbac.authorize(a).allowed;
}

/** ConfirmNoEscalation: upstream's 403 when user lacks any of rules in ns ('' = cluster-wide rules only). */
function confirmNoEscalation(rbac: RbacAuthorizer, user: UserInfo, ns: string, rules: PolicyRule[], resource: string, name: string): void {
  const missing = uncovered(rbac.rulesFor(user, ns), rules);
  if (!missing.length) return;
  const who = `user ${JSON.stringify(user.username)} (groups=${goList(user.groups)})`;
  throw newForbidden(RBAC_GROUP, resource, name, `${who} is attempting to grant RBAC permissions not currently held:\n${describeMissing(missing)}`);
}

/** GetRoleReferenceRules: the referenced role's rules; 404 when it does not exist. */
function roleRefRules(rbac: RbacAuthorizer, ref: RoleRef, ns: string): PolicyRule[] {
  const name = ref.name ?? '';
  if (ref.kind === 'Role') {
    const role = ns ? rbac.store.get(RBAC_KEYS.roles, `${ns}/${name}`) : undefined;
    if (!role) throw notFound(RBAC_GROUP, 'roles', name);
    return rulesOf(role);
  }
  if (ref.kind === 'ClusterRole') {
    const role = rbac.store.get(RBAC_KEYS.clusterroles, name);
    if (!role) throw notFound(RBAC_GROUP, 'clusterroles', name);
    return rulesOf(role);
  }
  throw internal(`unsupported role reference kind: ${JSON.stringify(ref.kind ?? '')}`);
}

function roleCheck(rbac: RbacAuthorizer, user: UserInfo, t: Target, ns: string): Admit {
  const resource = t.kind.resource;
  return (obj, old) => {
    if (allowed(rbac, user, 'escalate', RBAC_GROUP, resource, ns, t.name ?? '')) return;
    if (old && onlyGcFields(obj, old)) return;
    const name = obj.metadata.name ?? '';
    confirmNoEscalation(rbac, user, ns, rulesOf(obj), resource, name);
    // an aggregationRule can gather anything (and keeps a role from being tightened): full authority only
    if (resource === 'clusterroles' && (hasAggregationRule(obj) || hasAggregationRule(old))) {
      if (uncovered(rbac.rulesFor(user, ''), FULL_AUTHORITY).length) {
        throw newForbidden(RBAC_GROUP, resource, name, 'must have cluster-admin privileges to use the aggregationRule');
      }
    }
  };
}

function bindingCheck(rbac: RbacAuthorizer, user: UserInfo, t: Target, ns: string): Admit {
  return (obj, old) => {
    if (old && onlyGcFields(obj, old)) return;
    const ref = (obj.roleRef ?? {}) as RoleRef;
    const roleResource = ref.kind === 'ClusterRole' ? 'clusterroles' : ref.kind === 'Role' ? 'roles' : '';
    if (roleResource && allowed(rbac, user, 'bind', ref.apiGroup ?? '', roleResource, ns, ref.name ?? '')) return;
    confirmNoEscalation(rbac, user, ns, roleRefRules(rbac, ref, ns), t.kind.resource, obj.metadata.name ?? '');
  };
}

/**
 * The admission callback for a create/update/patch of t by the request's user, or undefined when no
 * check applies (not an RBAC kind, or a system:masters member).
 */
export function escalationCheck(rbac: RbacAuthorizer | undefined, req: IncomingMessage, t: Target): Admit | undefined {
  if (t.kind.group !== RBAC_GROUP || !rbac) return undefined;
  const user = requestUser(req);
  if (isMaster(user)) return undefined;
  const ns = t.kind.namespaced ? (t.namespace ?? '') : '';
  switch (t.kind.resource) {
    case 'roles':
    case 'clusterroles':
      return roleCheck(rbac, user, t, ns);
    case 'rolebindings':
    case 'clusterrolebindings':
      return bindingCheck(rbac, user, t, ns);
  }
  return undefined;
}
