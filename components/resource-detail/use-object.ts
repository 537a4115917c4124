'use client';
/**
 * One object, fetched over REST and refreshed every few seconds. A per-object socket subscription would need
 * a field selector the watch protocol does not carry, and watching a whole namespace for one pod is what makes
 * consoles slow at 10,000 pods. Key shape follows ARCHITECTURE convention 4.
 */
import { useQuery } from '@tanstack/react-query';
import { clusterApi, fetchJson } from '@/lib/api-client';
import { groupSegment } from '@/lib/k8s/links';
import { apiVersionOf, k8sKeys } from '@/lib/k8s/query-keys';
import type { K8sObject } from '@/lib/k8s/types';

export interface ObjectRef {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name: string;
}

export function objectUrl(r: ObjectRef): string {
  const url = clusterApi(r.cluster, 'resources', groupSegment(r.group), r.version, r.resource, r.name);
  return r.namespace ? `${url}?namespace=${encodeURIComponent(r.namespace)}` : url;
}

export function objectQueryKey(r: ObjectRef) {
  return k8sKeys.object({ cluster: r.cluster, apiVersion: apiVersionOf(r.group, r.version), plural: r.resource, namespace: r.namespace, name: r.name });
}

export function useObject(r: ObjectRef | null, opts: { refetchMs?: number } = {}) {
  return useQuery({
    queryKey: r ? objectQueryKey(r) : ['k8s', 'none'],
    queryFn: () => fetchJson<K8sObject>(objectUrl(r!)),
    enabled: Boolean(r),
    refetchInterval: opts.refetchMs ?? 5000,
  });
}
