/**
 * The RBAC authorizer (k8s.io/kubernetes plugin/pkg/auth/authorizer/rbac): Roles, ClusterRoles and their
 * bindings read straight from the object store, with upstream matching (wildcards, "*\/sub" subresources,
 * resourceNames, nonResourceURLs with a trailing "*", User/Group/ServiceAccount subjects). system:masters is
 * allowed before RBAC runs, like the apiserver's privileged-group authorizer, so the admin token costs nothing.
 * Each user's resolved rule set is cached until any RBAC object changes (one store watcher per RBAC table).
 */
import type { KObject } from '../../types';
import type { ObjectStore } from '../../store/store';
import type { Attributes } from './request-info';
import { isMaster, type UserInfo } from './user';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
}

interface SourcedRules {
  rules: PolicyRule[];
  /** `ClusterRoleBinding "x" of ClusterRole "y" to Group "z"`, for review reasons */
  source: string;
}

interface Resolved {
  cluster: SourcedRules[];
  byNamespace: Map<string, SourcedRules[]>;
}

export interface Decision {
  allowed: boolean;
  reason: string;
}

export const RBAC_GROUP = 'rbac.authorization.k8s.io';
const G = RBAC_GROUP;
export const RBAC_KEYS = { roles: `${G}/roles`, rolebindings: `${G}/rolebindings`, clusterroles: `${G}/clusterroles`, clusterrolebindings: `${G}/clusterrolebindings` };
const CACHE_LIMIT = 1000;

const has = (list: string[] | undefined, v: string) => !!list && (list.includes('*') || list.includes(v));

function resourceMatches(rule: PolicyRule, resource: string, sub: string): boolean {
  const combined = sub ? `${resource}/${sub}` : resource;
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (sub && r === `*/${sub}`) return true;
  }
  return false;
}

function urlMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}

export function ruleAllows(rule: PolicyRule, a: Attributes): boolean {
  if (!has(rule.verbs, a.verb)) return false;
  if (!a.resourceRequest) return urlMatches(rule, a.path);
  if (!has(rule.apiGroups, a.apiGroup) || !resourceMatches(rule, a.resource, a.subresource)) return false;
  return !rule.resourceNames?.length || rule.resourceNames.includes(a.name);
}

/** appliesTo in upstream's rbac.go; namespace is the binding's (ServiceAccount subjects default to it). */
function subjectMatches(s: Subject, u: UserInfo, bindingNs: string): string | undefined {
  switch (s.kind) {
    case 'User':
      return s.name === u.username ? `User ${JSON.stringify(s.name)}` : undefined;
    case 'Group':
      return u.groups.includes(s.name) ? `Group ${JSON.stringify(s.name)}` : undefined;
    case 'ServiceAccount': {
      const ns = s.namespace || bindingNs;
      if (!ns) return undefined;
      return u.username === `system:serviceaccount:${ns}:${s.name}` ? `ServiceAccount ${JSON.stringify(`${s.name}/${ns}`)}` : undefined;
    }
  }
  return undefined;
}

function rulesOf(o: KObject | undefined): PolicyRule[] {
  return (o?.rules as PolicyRule[] | undefined) ?? [];
}

export class RbacAuthorizer {
  private cache = new Map<string, Resolved>();

  constructor(readonly store: ObjectStore) {
    const invalidate = () => this.cache.clear();
    for (const key of Object.values(RBAC_KEYS)) {
      store.watch(key, { lastRv: store.revision, onEvent: invalidate });
    }
  }

  private resolve(u: UserInfo): Resolved {
    const key = `${u.username}\0${u.groups.join('\0')}`;
    let r = this.cache.get(key);
    if (r) return r;
    if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
    r = { cluster: [], byNamespace: new Map() };
    for (const [, b] of this.store.scan(RBAC_KEYS.clusterrolebindings)) {
      const sub = this.matchingSubject(b, u, '');
      const ref = b.roleRef as { kind?: string; name?: string } | undefined;
      if (!sub || ref?.kind !== 'ClusterRole' || !ref.name) continue;
      const role = this.store.get(RBAC_KEYS.clusterroles, ref.name);
      r.cluster.push({ rules: rulesOf(role), source: `ClusterRoleBinding ${JSON.stringify(b.metadata.name)} of ClusterRole ${JSON.stringify(ref.name)} to ${sub}` });
    }
    for (const [, b] of this.store.scan(RBAC_KEYS.rolebindings)) {
      const ns = b.metadata.namespace!;
      const sub = this.matchingSubject(b, u, ns);
      const ref = b.roleRef as { kind?: string; name?: string } | undefined;
      if (!sub || !ref?.name) continue;
      const role = ref.kind === 'ClusterRole' ? this.store.get(RBAC_KEYS.clusterroles, ref.name) : ref.kind === 'Role' ? this.store.get(RBAC_KEYS.roles, `${ns}/${ref.name}`) : undefined;
      const list = r.byNamespace.get(ns) ?? [];
      list.push({ rules: rulesOf(role), source: `RoleBinding ${JSON.stringify(`${b.metadata.name}/${ns}`)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${sub}` });
      r.byNamespace.set(ns, list);
    }
    this.cache.set(key, r);
    return r;
  }

  private matchingSubject(b: KObject, u: UserInfo, ns: string): string | undefined {
    for (const s of (b.subjects as Subject[] | undefined) ?? []) {
      const m = subjectMatches(s, u, ns);
      if (m) return m;
    }
    return undefined;
  }

  authorize(a: Attributes): Decision {
    if (isMaster(a.user)) return { allowed: true, reason: '' };
    const r = this.resolve(a.user);
    // namespaced rules only apply to requests inside that namespace (never to non-resource URLs)
    const sets = a.resourceRequest && a.namespace ? [...r.cluster, ...(r.byNamespace.get(a.namespace) ?? [])] : r.cluster;
    for (const s of sets) {
      if (s.rules.some((rule) => ruleAllows(rule, a))) return { allowed: true, reason: `RBAC: allowed by ${s.source}` };
    }
    return { allowed: false, reason: '' };
  }

  /** Every rule that applies to u in namespace ns (cluster-wide rules included), for SelfSubjectRulesReview. */
  rulesFor(u: UserInfo, ns: string): PolicyRule[] {
    if (isMaster(u)) return [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['*'], nonResourceURLs: ['*'] }];
    const r = this.resolve(u);
    return [...r.cluster, ...(ns ? (r.byNamespace.get(ns) ?? []) : [])].flatMap((s) => s.rules);
  }
}
