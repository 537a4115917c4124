/** Discovery documents: legacy (/api, /apis, /apis/g/v) and aggregated (apidiscovery.k8s.io v2/v2beta1). */
import type { ServedKind } from '../kinds';
import type { KindRegistry } from './kind-registry';

interface SubInfo {
  kind: string;
  group?: string;
  version?: string;
  verbs: string[];
}

function subInfo(k: ServedKind, sub: string): SubInfo {
  switch (sub) {
    case 'status':
      return { kind: k.kind, verbs: ['get', 'patch', 'update'] };
    case 'scale':
      return { kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] };
    case 'log':
      return { kind: 'Pod', verbs: ['get'] };
    case 'exec':
      return { kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'attach':
      return { kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'portforward':
      return { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'ephemeralcontainers':
      return { kind: k.kind, verbs: ['get', 'patch', 'update'] };
    case 'eviction':
      return { kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] };
    case 'binding':
      return { kind: 'Binding', verbs: ['create'] };
    case 'token':
      return { kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: ['create'] };
    case 'finalize':
      return { kind: 'Namespace', verbs: ['update'] };
    case 'portforward':
      return { kind: 'PodPortForwardOptions', verbs: ['create', 'get'] };
    case 'attach':
      return { kind: 'PodAttachOptions', verbs: ['create', 'get'] };
    case 'exec':
      return { kind: 'PodExecOptions', verbs: ['create', 'get'] };
    case 'proxy':
      return { kind: `${k.kind}ProxyOptions`, verbs: ['create', 'delete', 'get', 'patch', 'update'] };
    default:
      return { kind: k.kind, verbs: ['get'] };
  }
}

export function apiResourceList(group: string, version: string, kinds: ServedKind[]): object {
  const resources: object[] = [];
  for (const k of kinds) {
    resources.push({
      name: k.resource,
      singularName: k.singular,
      namespaced: k.namespaced,
      kind: k.kind,
      verbs: k.verbs,
      ...(k.shortNames ? { shortNames: k.shortNames } : {}),
      ...(k.categories ? { categories: k.categories } : {}),
    });
    for (const sub of k.subresources ?? []) {
      const s = subInfo(k, sub);
      resources.push({
        name: `${k.resource}/${sub}`,
        singularName: '',
        namespaced: k.namespaced,
        ...(s.group !== undefined ? { group: s.group, version: s.version } : {}),
        kind: s.kind,
        verbs: s.verbs,
      });
    }
  }
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

export function apiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

function groupEntry(g: { group: string; versions: string[] }): object {
  const vs = g.versions.map((v) => ({ groupVersion: `${g.group}/${v}`, version: v }));
  return { name: g.group, versions: vs, preferredVersion: vs[0] };
}

export function apiGroupList(kinds: KindRegistry): object {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: kinds
      .groups()
      .filter((g) => g.group !== '')
      .map(groupEntry),
  };
}

export function apiGroup(kinds: KindRegistry, group: string): object | undefined {
  const g = kinds.groups().find((x) => x.group === group && group !== '');
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g) } : undefined;
}

export const AGGREGATED_V2 = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';
export const AGGREGATED_V2BETA1 = 'application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList';

/** Which aggregated media type (if any) the Accept header asks for, honouring order of preference. */
export function aggregatedAccept(accept: string | undefined): string | undefined {
  for (const part of (accept ?? '').split(',')) {
    const p = part.replace(/\s+/g, '');
    if (!p.includes('as=APIGroupDiscoveryList') || !p.includes('g=apidiscovery.k8s.io')) {
      if (p.startsWith('application/json') || p.startsWith('*/*')) return undefined;
      continue;
    }
    if (p.includes('v=v2beta1')) return AGGREGATED_V2BETA1;
    if (p.includes('v=v2')) return AGGREGATED_V2;
  }
  return undefined;
}

export function aggregatedDiscovery(kinds: KindRegistry, core: boolean, mediaType: string): object {
  const apiVersion = mediaType === AGGREGATED_V2BETA1 ? 'apidiscovery.k8s.io/v2beta1' : 'apidiscovery.k8s.io/v2';
  const items = kinds
    .groups()
    .filter((g) => (g.group === '') === core)
    .map((g) => ({
      metadata: { name: g.group, creationTimestamp: null },
      versions: g.versions.map((v) => ({
        version: v,
        resources: (g.kinds.get(v) ?? []).map((k) => ({
          resource: k.resource,
          responseKind: { group: k.group, version: k.version, kind: k.kind },
          scope: k.namespaced ? 'Namespaced' : 'Cluster',
          singularResource: k.singular,
          verbs: k.verbs,
          ...(k.shortNames ? { shortNames: k.shortNames } : {}),
          ...(k.categories ? { categories: k.categories } : {}),
          ...(k.subresources?.length
            ? {
                subresources: k.subresources.map((sub) => {
                  const s = subInfo(k, sub);
                  return {
                    subresource: sub,
                    responseKind: { group: s.group ?? k.group, version: s.version ?? k.version, kind: s.kind },
                    verbs: s.verbs,
                  };
                }),
              }
            : {}),
        })),
        freshness: 'Current',
      })),
    }));
  return { kind: 'APIGroupDiscoveryList', apiVersion, metadata: {}, items };
}
