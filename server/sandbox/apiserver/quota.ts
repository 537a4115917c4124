/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON here */
/**
 * ResourceQuota: usage accounting shared by the admission check (GenericRegistry.create refuses what would exceed a
 * quota, with upstream's "exceeded quota" / "failed quota: must specify" 403s, so a ReplicaSet gets
 * FailedCreate events) and the quota controller (controllers/resourcequota.ts writes status.hard/used).
 * Upstream: pkg/quota/v1/evaluator/core and the apiserver's resourcequota admission plugin.
 * Limits: scopes and scopeSelector are ignored; usage is recomputed from the store rather than
 * charged incrementally (same answer, no status race); extended resources and ephemeral-storage are not counted.
 */
import type { KObject } from '../types';
import type { ServedKind } from '../kinds';
import type { ObjectStore } from '../store/store';
import { parseQuantity } from '../../../lib/k8s/machinery/quantity';
import { forbidden } from './errors';
import { storageKey } from './kind-registry';

const QUOTAS = storageKey({ group: '', resource: 'resourcequotas' });

/** Lists a namespace's objects of (group, resource); [] when that resource is not served. */
export type NamespaceLister = (group: string, resource: string) => KObject[];

const COMPUTE = ['requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory', 'cpu', 'memory'];
/** plain object-count names and the core resource each counts */
const OBJECT_COUNTS: Record<string, string> = {
  pods: 'pods',
  services: 'services',
  configmaps: 'configmaps',
  secrets: 'secrets',
  persistentvolumeclaims: 'persistentvolumeclaims',
  replicationcontrollers: 'replicationcontrollers',
  resourcequotas: 'resourcequotas',
};

/** upstream QuotaV1Pod: terminal pods and pods past their deletion grace stop counting */
function podCounts(p: any, now = Date.now()): boolean {
  if (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') return false;
  const del = p.metadata?.deletionTimestamp;
  return !(del && Date.parse(del) + 1000 * (p.metadata.deletionGracePeriodSeconds ?? 0) < now);
}

/** upstream podComputeUsageHelper over one container or the pod's effective total */
function computeOf(requests: any, limits: any): Record<string, number> {
  const out: Record<string, number> = {};
  for (const r of ['cpu', 'memory']) {
    if (requests?.[r] !== undefined) out[r] = out[`requests.${r}`] = (parseQuantity(requests[r]) ?? 0);
    if (limits?.[r] !== undefined) out[`limits.${r}`] = (parseQuantity(limits[r]) ?? 0);
  }
  return out;
}

/** Pod compute usage: max(sum of containers, largest init container), per resource. */
function podCompute(spec: any): Record<string, number> {
  const sum: Record<string, number> = {};
  for (const c of spec?.containers ?? []) {
    for (const [k, v] of Object.entries(computeOf(c.resources?.requests, c.resources?.limits))) sum[k] = (sum[k] ?? 0) + v;
  }
  for (const c of spec?.initContainers ?? []) {
    for (const [k, v] of Object.entries(computeOf(c.resources?.requests, c.resources?.limits))) sum[k] = Math.max(sum[k] ?? 0, v);
  }
  return sum;
}

/** What one object charges against the quota resource names in `names` (group/resource of the object). */
export function usageOf(group: string, resource: string, o: KObject, names: Iterable<string>): Record<string, number> {
  const obj = o as any;
  const out: Record<string, number> = {};
  if (group === '' && resource === 'pods' && !podCounts(obj)) return out;
  const compute = group === '' && resource === 'pods' ? podCompute(obj.spec) : undefined;
  for (const n of names) {
    if (n === `count/${resource}${group ? `.${group}` : ''}` || (group === '' && OBJECT_COUNTS[n] === resource)) out[n] = 1;
    else if (compute && COMPUTE.includes(n)) out[n] = compute[n] ?? 0;
    else if (group === '' && resource === 'services' && n === 'services.loadbalancers') out[n] = obj.spec?.type === 'LoadBalancer' ? 1 : 0;
    else if (group === '' && resource === 'services' && n === 'services.nodeports') {
      out[n] = obj.spec?.type === 'NodePort' || obj.spec?.type === 'LoadBalancer' ? (obj.spec?.ports ?? []).length : 0;
    } else if (group === '' && resource === 'persistentvolumeclaims' && n === 'requests.storage') out[n] = (parseQuantity(obj.spec?.resources?.requests?.storage) ?? 0);
  }
  return out;
}

/** The (group, resource) pairs whose objects a quota resource name counts. */
function sourcesOf(name: string): [string, string][] {
  if (OBJECT_COUNTS[name]) return [['', OBJECT_COUNTS[name]]];
  if (COMPUTE.includes(name)) return [['', 'pods']];
  if (name === 'services.loadbalancers' || name === 'services.nodeports') return [['', 'services']];
  if (name === 'requests.storage') return [['', 'persistentvolumeclaims']];
  const m = /^count\/([^.]+)(?:\.(.+))?$/.exec(name);
  return m ? [[m[2] ?? '', m[1]]] : [];
}

/** Current usage, in base units, of every name in `names` across the namespace. */
export function namespaceUsage(names: string[], list: NamespaceLister): Record<string, number> {
  const used: Record<string, number> = Object.fromEntries(names.map((n) => [n, 0]));
  const bySource = new Map<string, string[]>();
  for (const n of names) {
    for (const [g, r] of sourcesOf(n)) bySource.set(`${g}/${r}`, [...(bySource.get(`${g}/${r}`) ?? []), n]);
  }
  for (const [key, ns] of bySource) {
    const [g, r] = key.split('/') as [string, string];
    for (const o of list(g, r)) for (const [n, v] of Object.entries(usageOf(g, r, o, ns))) used[n] += v;
  }
  return used;
}

/** A base-unit amount as a Quantity string like upstream prints it (100m, 1, 128Mi, 2G, 3). */
export function formatQuantity(name: string, v: number): string {
  if (v === 0) return '0';
  if (name.endsWith('cpu') || name === 'cpu') {
    const milli = Math.round(v * 1000);
    return milli % 1000 === 0 ? String(milli / 1000) : `${milli}m`;
  }
  if (!(name.endsWith('memory') || name.endsWith('storage'))) return String(v);
  for (const [suf, f] of [['Ti', 2 ** 40], ['Gi', 2 ** 30], ['Mi', 2 ** 20], ['Ki', 2 ** 10], ['T', 1e12], ['G', 1e9], ['M', 1e6], ['k', 1e3]] as const) {
    if (v % f === 0) return `${v / f}${suf}`;
  }
  return String(v);
}

/** status.hard and status.used for a quota, as the quota controller writes them. */
export function quotaStatus(quota: KObject, list: NamespaceLister): { hard: Record<string, string>; used: Record<string, string> } {
  const hard = { ...((quota as any).spec?.hard ?? {}) } as Record<string, string>;
  const used = namespaceUsage(Object.keys(hard), list);
  return { hard, used: Object.fromEntries(Object.entries(used).map(([n, v]) => [n, formatQuantity(n, v)])) };
}

const prettyPrint = (m: Record<string, string>) =>
  Object.keys(m)
    .sort()
    .map((k) => `${k}=${m[k]}`)
    .join(',');

/**
 * Admission: the reason creating `o` must be refused ("failed quota: …" or "exceeded quota: …", without
 * the `<resource> "<name>" is forbidden: ` prefix), or undefined when every quota allows it.
 */
export function quotaViolation(group: string, resource: string, o: KObject, quotas: KObject[], list: NamespaceLister): string | undefined {
  for (const q of quotas) {
    const hard = ((q as any).spec?.hard ?? {}) as Record<string, string>;
    const names = Object.keys(hard);
    const requested = usageOf(group, resource, o, names);
    if (group === '' && resource === 'pods' && Object.keys(requested).length) {
      const missing = missingCompute((o as any).spec, names);
      if (missing) return `failed quota: ${q.metadata.name}: must specify ${missing}`;
    }
    const charged = Object.keys(requested).filter((n) => requested[n] > 0);
    if (!charged.length) continue;
    const used = namespaceUsage(charged, list);
    const exceeded = charged.filter((n) => used[n] + requested[n] > (parseQuantity(hard[n]) ?? 0));
    if (!exceeded.length) continue;
    const pick = (f: (n: string) => string) => Object.fromEntries(exceeded.map((n) => [n, f(n)]));
    return `exceeded quota: ${q.metadata.name}, requested: ${prettyPrint(pick((n) => formatQuantity(n, requested[n])))}, used: ${prettyPrint(
      pick((n) => formatQuantity(n, used[n])),
    )}, limited: ${prettyPrint(pick((n) => hard[n]))}`;
  }
  return undefined;
}

/** upstream podEvaluator.Constraints: with cpu/memory under quota every container must state them. */
function missingCompute(spec: any, names: string[]): string | undefined {
  const required = names.filter((n) => COMPUTE.includes(n));
  if (!required.length) return undefined;
  const missing = new Map<string, string[]>();
  for (const c of [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])]) {
    const has = computeOf(c.resources?.requests, c.resources?.limits);
    for (const r of required) if (has[r] === undefined) missing.set(r, [...(missing.get(r) ?? []), c.name]);
  }
  if (!missing.size) return undefined;
  return [...missing]
    .map(([r, cs]) => `${r} for: ${[...new Set(cs)].sort().join(',')}`)
    .sort()
    .join('; ');
}

/** Lists one namespace straight from the store (stored versions; counting does not care). */
export function storeLister(store: ObjectStore, namespace: string): NamespaceLister {
  return (group, resource) => [...store.scan(storageKey({ group, resource }), namespace)].map(([, o]) => o);
}

/** Quota admission for GenericRegistry.create: throws upstream's 403 when a ResourceQuota of the namespace refuses `o`. */
export function admitQuota(store: ObjectStore, k: ServedKind, o: KObject): void {
  const ns = o.metadata.namespace;
  if (!k.namespaced || !ns || store.count(QUOTAS) === 0) return;
  const quotas = [...store.scan(QUOTAS, ns)].map(([, q]) => q);
  if (!quotas.length) return;
  const why = quotaViolation(k.group, k.resource, o, quotas, storeLister(store, ns));
  if (why) throw forbidden(`${k.resource}${k.group ? `.${k.group}` : ''} "${o.metadata.name ?? ''}" is forbidden: ${why}`);
}
