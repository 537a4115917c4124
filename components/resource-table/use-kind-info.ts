'use client';
/**
 * Resolve the KindInfo for a route: built-in kinds from the registry at once; custom resources from their CRD
 * (printer columns), falling back to discovery's scope with generic columns when the CRD is not readable.
 */
import { useQuery } from '@tanstack/react-query';
import { apiKeys, clusterApi, fetchJson, getDiscovery } from '@/lib/api-client';
import { kindByResource, type KindInfo } from '@/lib/k8s/registry';
import { genericKind, kindFromCrd } from '@/lib/k8s/crd';
import type { K8sObject } from '@/lib/k8s/types';
import { k8sKeys } from '@/lib/k8s/query-keys';

export interface KindResolution {
  kind: KindInfo | undefined;
  loading: boolean;
}

export function useKindInfo(cluster: string, group: string, version: string, resource: string): KindResolution {
  const builtin = kindByResource(group, resource);
  const isCustom = !builtin && group !== '';
  const crd = useQuery({
    queryKey: k8sKeys.object({ cluster, apiVersion: 'apiextensions.k8s.io/v1', plural: 'customresourcedefinitions', name: `${resource}.${group}` }),
    queryFn: () =>
      fetchJson<K8sObject>(clusterApi(cluster, 'resources', 'apiextensions.k8s.io', 'v1', 'customresourcedefinitions', `${resource}.${group}`)),
    enabled: isCustom,
    retry: false,
    staleTime: 60_000,
  });
  const discovery = useQuery({
    queryKey: apiKeys.discovery(cluster),
    queryFn: () => getDiscovery(cluster),
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
