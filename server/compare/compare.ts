/**
 * Compare and Drift: read objects as the signed-in person (their RBAC decides; impersonation as everywhere
 * else in the BFF) and normalize them with lib/compare/normalize.ts. Secret values never leave the BFF: each
 * is replaced by a sha256 of it before normalizing (equal values read equal, nothing else is revealed to
 * someone who could read the Secret anyway).
 */
import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { fingerprint, normalizeObject } from '../../lib/compare/normalize';
import type { CompareRequest, CompareResponse, DriftItem, DriftKind, DriftResponse, SideResult } from '../../lib/compare/types';
import { resourcePath, queryString } from '../k8s/paths';
import { isSecretResource } from '../k8s/strip';
import { toApiError } from '../k8s/errors';
import { mapLimit } from '../watch/access';
import { personClient, type RouteDeps } from '../api/common';

type Obj = { metadata?: { name?: string; ownerReferences?: { controller?: boolean }[] }; [k: string]: unknown };

export function hashSecretValues(o: Obj): Obj {
  const hash = (v: unknown) => `sha256:${createHash('sha256').update(String(v)).digest('hex')}`;
  const out: Obj = { ...o };
  // data is base64: hash the decoded bytes, so data and stringData holding the same value read the same
  if (o.data && typeof o.data === 'object') out.data = Object.fromEntries(Object.entries(o.data).map(([k, v]) => [k, `sha256:${createHash('sha256').update(Buffer.from(String(v), 'base64')).digest('hex')}`]));
  if (o.stringData && typeof o.stringData === 'object') out.stringData = Object.fromEntries(Object.entries(o.stringData).map(([k, v]) => [k, hash(v)]));
  return out;
}

function normalizeFor(group: string, resource: string, o: Obj) {
  return normalizeObject(isSecretResource(group, resource) ? hashSecretValues(o) : o);
}

const errorOf = (err: unknown, cluster: string) => {
  const e = toApiError(err, cluster);
  return { status: e.status, reason: e.reason, message: e.message };
};

async function readSide(deps: RouteDeps, req: FastifyRequest, r: CompareRequest, side: CompareRequest['left']): Promise<SideResult> {
  const base = { cluster: side.cluster, namespace: side.namespace, name: side.name };
  try {
    const info = await deps.discovery.find(side.cluster, r.group, r.version, r.resource);
    if (!info) {
      const what = `${r.resource}${r.group ? `.${r.group}` : ''}/${r.version}`;
      return { ...base, object: null, error: { status: 404, reason: 'NotFound', message: `cluster ${side.cluster} does not serve ${what}` } };
    }
    if (info.namespaced && !side.namespace) return { ...base, object: null, error: { status: 400, reason: 'BadRequest', message: `${r.resource} is namespaced: a namespace is required` } };
    const client = personClient(deps, side.cluster, req);
    const path = resourcePath({ group: r.group, version: r.version, resource: r.resource, namespace: info.namespaced ? side.namespace : undefined, name: side.name });
    const o = await client.request<Obj>({ path });
    return { ...base, object: normalizeFor(r.group, r.resource, o) };
  } catch (err) {
    return { ...base, object: null, error: errorOf(err, side.cluster) };
  }
}

export async function compareObjects(deps: RouteDeps, req: FastifyRequest, r: CompareRequest): Promise<CompareResponse> {
  for (const s of [r.left, r.right]) deps.registry.client(s.cluster); // 404 for a cluster this console does not know
  const [left, right] = await Promise.all([readSide(deps, req, r, r.left), readSide(deps, req, r, r.right)]);
  const identical = left.object !== null && right.object !== null && fingerprint(left.object as never) === fingerprint(right.object as never);
  return { left, right, identical };
}

/** The kinds a drift report covers, in the order it shows them; custom resources are added from discovery. */
export const DRIFT_KINDS: { group: string; resource: string }[] = [
  { group: 'apps', resource: 'deployments' },
  { group: 'apps', resource: 'statefulsets' },
  { group: 'apps', resource: 'daemonsets' },
  { group: 'batch', resource: 'cronjobs' },
  { group: 'batch', resource: 'jobs' },
  { group: '', resource: 'services' },
  { group: 'networking.k8s.io', resource: 'ingresses' },
  { group: 'networking.k8s.io', resource: 'networkpolicies' },
  { group: '', resource: 'configmaps' },
  { group: '', resource: 'secrets' },
  { group: '', resource: 'serviceaccounts' },
  { group: 'rbac.authorization.k8s.io', resource: 'roles' },
  { group: 'rbac.authorization.k8s.io', resource: 'rolebindings' },
  { group: 'autoscaling', resource: 'horizontalpodautoscalers' },
  { group: '', resource: 'persistentvolumeclaims' },
  { group: 'policy', resource: 'poddisruptionbudgets' },
];

/** Objects every cluster makes by itself in each namespace: never drift. */
function generated(resource: string, o: Obj): boolean {
  const name = o.metadata?.name ?? '';
  if (o.metadata?.ownerReferences?.some((r) => r.controller)) return true; // a controller's child (a CronJob's Jobs)
  if (resource === 'configmaps' && name === 'kube-root-ca.crt') return true;
  if (resource === 'serviceaccounts' && name === 'default') return true;
  if (resource === 'secrets' && (o as { type?: string }).type === 'kubernetes.io/service-account-token') return true;
  return false;
}

const CONCURRENCY = 6;

export async function driftReport(deps: RouteDeps, req: FastifyRequest, namespace: string, clusters: string[]): Promise<DriftResponse> {
  const unique = [...new Set(clusters)];
  for (const c of unique) deps.registry.client(c);
  // every cluster's namespaced kinds (preferred versions); a cluster whose discovery fails lists nothing
  const discovered = await Promise.all(unique.map((c) => deps.discovery.preferred(c).catch(() => [])));
  const builtin = new Set(DRIFT_KINDS.map((k) => `${k.group}/${k.resource}`));
  const kinds: { group: string; version: string; resource: string; kind: string }[] = [];
  for (const k of DRIFT_KINDS) {
    const hit = discovered.flatMap((d) => d).find((r) => r.group === k.group && r.resource === k.resource);
    if (hit) kinds.push({ group: hit.group, version: hit.version, resource: hit.resource, kind: hit.kind });
  }
  // custom resources: namespaced, listable kinds of non-built-in groups that some cluster serves
  const seen = new Set<string>();
  for (const r of discovered.flatMap((d) => d)) {
    const key = `${r.group}/${r.resource}`;
    if (seen.has(key) || builtin.has(key) || !r.namespaced || !r.verbs.includes('list') || r.resource.includes('/') || !r.group.includes('.') || r.group.endsWith('.k8s.io')) continue;
    seen.add(key);
    kinds.push({ group: r.group, version: r.version, resource: r.resource, kind: r.kind });
  }

  const tasks = kinds.flatMap((k) => unique.map((c) => ({ k, c })));
  const lists = await mapLimit(tasks, CONCURRENCY, async ({ k, c }) => {
    const served = discovered[unique.indexOf(c)]!.some((r) => r.group === k.group && r.resource === k.resource);
    if (!served) return { items: [] as Obj[] }; // the kind does not exist there: all its objects are missing there
    try {
      const path = resourcePath({ group: k.group, version: k.version, resource: k.resource, namespace }) + queryString({ limit: 5_000 });
      const l = await personClient(deps, c, req).request<{ items?: Obj[] }>({ path });
      return { items: (l.items ?? []).filter((o) => !generated(k.resource, o)) };
    } catch (err) {
      return { error: errorOf(err, c) };
    }
  });

  const out: DriftKind[] = kinds.map((k, ki) => {
    const errors: DriftKind['errors'] = [];
    const byName = new Map<string, Map<string, string>>(); // name → cluster → fingerprint
    const readable: string[] = [];
    unique.forEach((c, ci) => {
      const l = lists[ki * unique.length + ci]!;
      if ('error' in l && l.error) return void errors.push({ cluster: c, ...l.error });
      readable.push(c);
      for (const o of l.items ?? []) {
        const name = o.metadata?.name ?? '';
        if (!byName.has(name)) byName.set(name, new Map());
        byName.get(name)!.set(c, fingerprint(normalizeFor(k.group, k.resource, { ...o, kind: k.kind })));
      }
    });
    const items: DriftItem[] = [];
    let same = 0;
    // with fewer than two readable clusters there is nothing to compare: only the errors are reported
    if (readable.length < 2) byName.clear();
    for (const [name, per] of [...byName].sort(([a], [b]) => a.localeCompare(b))) {
      const presentIn = readable.filter((c) => per.has(c));
      const missingIn = readable.filter((c) => !per.has(c));
      const groups = new Map<string, string[]>();
      for (const c of presentIn) groups.set(per.get(c)!, [...(groups.get(per.get(c)!) ?? []), c]);
      const differs = groups.size > 1;
      if (!differs && missingIn.length === 0) {
        same++;
        continue;
      }
      items.push({ name, presentIn, missingIn, differs, ...(differs ? { variants: [...groups.values()] } : {}) });
    }
    return { ...k, items, same, errors };
  });
  return { namespace, clusters: unique, kinds: out.filter((k) => k.items.length || k.same || k.errors.length) };
}
