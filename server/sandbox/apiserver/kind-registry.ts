/**
 * Served kinds at run time: the built-ins from kinds.ts plus one entry per served version of each
 * established CRD. Discovery, routing and storage all read from here, so a CRD appears everywhere
 * as soon as it is registered.
 */
import type { KObject, ResourceRef } from '../types';
import { BUILTIN_KINDS, METRICS_KINDS, type ServedKind } from '../kinds';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  format?: string;
  priority?: number;
}

export interface CrdVersionInfo {
  name: string;
  served: boolean;
  storage: boolean;
  status: boolean;
  scale?: { specReplicasPath: string; statusReplicasPath: string; labelSelectorPath?: string };
  columns: PrinterColumn[];
}

export interface CrdInfo {
  crd: KObject;
  group: string;
  resource: string;
  versions: CrdVersionInfo[];
}

/**
 * Storage key: all versions of one resource share a table, and events.k8s.io Events share core/v1's
 * (one etcd resource upstream; apiserver/events-view.ts converts between the two forms).
 */
export function storageKey(k: { group: string; resource: string }): string {
  if (k.group === 'events.k8s.io' && k.resource === 'events') return '/events';
  return `${k.group}/${k.resource}`;
}

const GROUP_ORDER = [
  '',
  'apiregistration.k8s.io',
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'scheduling.k8s.io',
  'coordination.k8s.io',
  'node.k8s.io',
  'discovery.k8s.io',
  'flowcontrol.apiserver.k8s.io',
];

export class KindRegistry {
  private byGvr = new Map<string, ServedKind>();
  private crds = new Map<string, CrdInfo>();
  private version = 0;

  constructor(private metrics = false) {
    this.rebuild();
  }

  /** metrics.k8s.io is served only once the runtime provides metrics. */
  setMetrics(on: boolean): void {
    if (this.metrics === on) return;
    this.metrics = on;
    this.rebuild();
  }

  /** Bumped whenever the served set changes (discovery and OpenAPI caches key on it). */
  get generation(): number {
    return this.version;
  }

  private rebuild(): void {
    this.byGvr.clear();
    for (const k of this.all()) this.byGvr.set(`${k.group}/${k.version}/${k.resource}`, k);
    this.version++;
  }

  all(): ServedKind[] {
    const out = [...BUILTIN_KINDS];
    if (this.metrics) out.push(...METRICS_KINDS);
    for (const info of this.crds.values()) out.push(...crdKinds(info));
    return out;
  }

  lookup(group: string, version: string, resource: string): ServedKind | undefined {
    return this.byGvr.get(`${group}/${version}/${resource}`);
  }

  resolve(ref: ResourceRef): ServedKind | undefined {
    return this.lookup(ref.group, ref.version, ref.resource);
  }

  /** Served kinds grouped: [{group, versions (preferred first), kinds by version}] in a real server's order. */
  groups(): { group: string; versions: string[]; kinds: Map<string, ServedKind[]> }[] {
    const m = new Map<string, Map<string, ServedKind[]>>();
    for (const k of this.all()) {
      let g = m.get(k.group);
      if (!g) m.set(k.group, (g = new Map()));
      let v = g.get(k.version);
      if (!v) g.set(k.version, (v = []));
      v.push(k);
    }
    const rank = (g: string) => {
      const i = GROUP_ORDER.indexOf(g);
      return i < 0 ? GROUP_ORDER.length : i;
    };
    return [...m.entries()]
      .sort((a, b) => rank(a[0]) - rank(b[0]) || a[0].localeCompare(b[0]))
      .map(([group, kinds]) => ({ group, versions: sortVersions([...kinds.keys()], this.crds, group), kinds }));
  }

  crdInfo(group: string, resource: string): CrdInfo | undefined {
    return this.crds.get(`${group}/${resource}`);
  }

  crdObjects(): KObject[] {
    return [...this.crds.values()].map((c) => c.crd);
  }

  /** Registers (or refreshes) a CRD; returns false when its names clash with a built-in. */
  setCrd(crd: KObject): boolean {
    const info = parseCrd(crd);
    if (!info) return false;
    if (BUILTIN_KINDS.some((k) => k.group === info.group && k.resource === info.resource)) return false;
    this.crds.set(`${info.group}/${info.resource}`, info);
    this.rebuild();
    return true;
  }

  removeCrd(crd: KObject): void {
    const spec = crd.spec as { group?: string; names?: { plural?: string } } | undefined;
    if (this.crds.delete(`${spec?.group}/${spec?.names?.plural}`)) this.rebuild();
  }
}

/** Kubernetes version priority: GA > beta > alpha, higher numbers first. */
export function versionPriority(v: string): number[] {
  const m = v.match(/^v(\d+)(?:(alpha|beta)(\d+))?$/);
  if (!m) return [0, 0, 0];
  const stage = m[2] === 'alpha' ? 1 : m[2] === 'beta' ? 2 : 3;
  return [stage, Number(m[1]), Number(m[3] ?? 0)];
}

function sortVersions(vs: string[], crds: Map<string, CrdInfo>, group: string): string[] {
  const storage = [...crds.values()].find((c) => c.group === group)?.versions.find((v) => v.storage)?.name;
  return vs.sort((a, b) => {
    if (a === storage) return -1;
    if (b === storage) return 1;
    const pa = versionPriority(a);
    const pb = versionPriority(b);
    for (let i = 0; i < 3; i++) if (pa[i] !== pb[i]) return pb[i] - pa[i];
    return a.localeCompare(b);
  });
}

function parseCrd(crd: KObject): CrdInfo | undefined {
  const spec = crd.spec as
    | {
        group?: string;
        scope?: string;
        names?: { plural?: string; singular?: string; kind?: string; listKind?: string; shortNames?: string[]; categories?: string[] };
        versions?: {
          name: string;
          served?: boolean;
          storage?: boolean;
          subresources?: { status?: object; scale?: CrdVersionInfo['scale'] };
          additionalPrinterColumns?: PrinterColumn[];
        }[];
      }
    | undefined;
  if (!spec?.group || !spec.names?.plural || !spec.names.kind || !spec.versions?.length) return undefined;
  return {
    crd,
    group: spec.group,
    resource: spec.names.plural,
    versions: spec.versions.map((v) => ({
      name: v.name,
      served: v.served !== false,
      storage: v.storage === true,
      status: !!v.subresources?.status,
      scale: v.subresources?.scale,
      columns: v.additionalPrinterColumns ?? [],
    })),
  };
}

function crdKinds(info: CrdInfo): ServedKind[] {
  const spec = info.crd.spec as {
    scope?: string;
    names: { plural: string; singular?: string; kind: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  };
  const n = spec.names;
  return info.versions
    .filter((v) => v.served)
    .map((v) => ({
      group: info.group,
      version: v.name,
      kind: n.kind,
      resource: n.plural,
      namespaced: spec.scope !== 'Cluster',
      singular: n.singular || n.kind.toLowerCase(),
      listKind: n.listKind || `${n.kind}List`,
      verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
      ...(n.shortNames?.length ? { shortNames: n.shortNames } : {}),
      ...(n.categories?.length ? { categories: n.categories } : {}),
      subresources: [...(v.status ? ['status'] : []), ...(v.scale ? ['scale'] : [])],
    }));
}
