/**
 * Per-cluster API discovery (legacy /api + /apis, every group-version), cached. The cache is dropped when
 * CRDs change (data-plane.ts wires a shared CRD informer to invalidate()) and after `ttlMs`; a lookup of an
 * unknown resource refreshes once (a CRD created a moment ago) before answering 404.
 * A group-version that fails (e.g. an aggregated API whose backend is down) is left out, not fatal.
 */
import type { Logger } from 'pino';
import type { DiscoveryResource } from '../../lib/api-types';
import type { ClusterRegistry } from './registry';
import { groupVersionPath } from '../k8s/paths';

export interface ApiResourceInfo extends DiscoveryResource {
  preferred: boolean;
}

interface Entry {
  at: number;
  promise: Promise<ApiResourceInfo[]>;
}

interface ApiResourceList {
  resources?: {
    name: string;
    kind: string;
    namespaced: boolean;
    verbs?: string[];
    shortNames?: string[];
    categories?: string[];
  }[];
}

export class DiscoveryCache {
  private cache = new Map<string, Entry>();

  constructor(
    private readonly registry: ClusterRegistry,
    private readonly logger: Logger,
    private readonly ttlMs = 5 * 60_000,
  ) {}

  invalidate(cluster: string): void {
    this.cache.delete(cluster);
  }

  async all(cluster: string): Promise<ApiResourceInfo[]> {
    const e = this.cache.get(cluster);
    if (e && Date.now() - e.at < this.ttlMs) return e.promise;
    const promise = this.fetch(cluster);
    const entry = { at: Date.now(), promise };
    this.cache.set(cluster, entry);
    promise.catch(() => {
      if (this.cache.get(cluster) === entry) this.cache.delete(cluster);
    });
    return promise;
  }

  async preferred(cluster: string): Promise<DiscoveryResource[]> {
    return (await this.all(cluster)).filter((r) => r.preferred).map(({ preferred: _p, ...r }) => r);
  }

  /** Any served version (not only the preferred one); refreshes once on a miss older than 2 s. */
  async find(cluster: string, group: string, version: string, resource: string): Promise<ApiResourceInfo | undefined> {
    const match = (rs: ApiResourceInfo[]) =>
      rs.find((r) => r.group === group && r.version === version && r.resource === resource);
    const hit = match(await this.all(cluster));
    if (hit) return hit;
    const e = this.cache.get(cluster);
    if (e && Date.now() - e.at > 2_000) {
      this.invalidate(cluster);
      return match(await this.all(cluster));
    }
    return undefined;
  }

  private async fetch(cluster: string): Promise<ApiResourceInfo[]> {
    const client = this.registry.client(cluster);
    const gvs: { group: string; version: string; preferred: boolean }[] = [];
    const [core, groups] = await Promise.all([
      client.request<{ versions?: string[] }>({ path: '/api' }),
      client.request<{ groups?: { name: string; versions: { version: string }[]; preferredVersion?: { version: string } }[] }>({
        path: '/apis',
      }),
    ]);
    for (const v of core?.versions ?? []) gvs.push({ group: '', version: v, preferred: v === 'v1' });
    for (const g of groups?.groups ?? []) {
      const pref = g.preferredVersion?.version ?? g.versions[0]?.version;
      for (const v of g.versions) gvs.push({ group: g.name, version: v.version, preferred: v.version === pref });
    }
    const lists = await Promise.all(
      gvs.map(async (gv) => {
        try {
          return await client.request<ApiResourceList>({ path: groupVersionPath(gv.group, gv.version) });
        } catch (e) {
          this.logger.warn({ cluster, group: gv.group, version: gv.version }, 'discovery failed: %s', (e as Error).message);
          return undefined;
        }
      }),
    );
    const out: ApiResourceInfo[] = [];
    lists.forEach((list, i) => {
      const gv = gvs[i];
      const subs = new Map<string, string[]>();
      for (const r of list?.resources ?? []) {
        const [parent, sub] = r.name.split('/');
        if (sub) subs.set(parent, [...(subs.get(parent) ?? []), sub]);
      }
      for (const r of list?.resources ?? []) {
        if (r.name.includes('/')) continue;
        out.push({
          group: gv.group,
          version: gv.version,
          resource: r.name,
          kind: r.kind,
          namespaced: r.namespaced,
          verbs: r.verbs ?? [],
          ...(r.shortNames?.length ? { shortNames: r.shortNames } : {}),
          ...(r.categories?.length ? { categories: r.categories } : {}),
          subresources: subs.get(r.name) ?? [],
          preferred: gv.preferred,
        });
      }
    });
    return out;
  }
}
