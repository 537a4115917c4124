'use client';
/**
 * Resolve the KindInfo for a route: built-in kinds from the registry at once; custom resources from their CRD
 * (printer columns), falling back to discovery's scope with generic columns when the CRD is not readable.
 */
import { useQuery } from '@tanstack/react-query';
import { kindByResource, type KindInfo } from '@/lib/k8s/registry';
import { genericKind, kindFromCrd } from '@/lib/k8s/crd';
import { k8sQueries } from '@/lib/k8s/client';

export interface KindResolution {
  kind: KindInfo | undefined;
  loading: boolean;
}

export function useKindInfo(cluster: string, group: string, version: string, resource: string): KindResolution {
  const builtin = kindByResource(group, resource);
  const isCustom = !builtin && group !== '';
  const crd = useQuery({
    ...k8sQueries.object({ cluster, group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions', name: `${resource}.${group}` }),
    enabled: isCustom,
    retry: false,
    staleTime: 60_000,
  });
  const discovery = useQuery({
    ...k8sQueries.discovery(cluster),
    enabled: !builtin,
    staleTime: 60_000,
  });
  if (builtin) {
    // the URL may name another served version than the registry's (e.g. autoscaling/v1): honour the URL
    return { kind: builtin.version === version ? builtin : { ...builtin, version }, loading: false };
  }
  if (crd.data) {
    const k = kindFromCrd(crd.data);
    if (k) return { kind: k.version === version ? k : { ...k, version }, loading: false };
  }
  if (crd.isLoading || discovery.isLoading) return { kind: undefined, loading: true };
  const d = discovery.data?.resources.find((r) => r.group === group && r.resource === resource);
  const g = genericKind(group, version, resource, d?.namespaced ?? true);
  return { kind: d ? { ...g, kind: d.kind, title: d.kind } : g, loading: false };
}
