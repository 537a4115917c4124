'use client';
/*
 * Object search for the palette without a server-side search endpoint: lists of the common kinds of
 * every connected cluster, fetched once the user types (and shared with live lists through the one
 * query-key factory, so an open list page's watch data is reused), then matched by name in the browser.
 */
import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import { listResources, type ClusterInfo } from '@/lib/api-client';
import { apiVersionOf, k8sKeys, type ListData } from '@/lib/k8s/query-keys';
import type { WireObject } from '@/lib/protocol';
import type { ObjectHit } from './search-index';

export const SEARCHED_KINDS = [
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod' },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment' },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet' },
  { group: 'apps', version: 'v1', resource: 'daemonsets', kind: 'DaemonSet' },
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job' },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob' },
  { group: '', version: 'v1', resource: 'services', kind: 'Service' },
  { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress' },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap' },
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret' },
  { group: '', version: 'v1', resource: 'persistentvolumeclaims', kind: 'PersistentVolumeClaim' },
  { group: '', version: 'v1', resource: 'nodes', kind: 'Node' },
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace' },
] as const;

export function useObjectSearchSource(clusters: ClusterInfo[], active: boolean) {
  const connected = clusters.filter((c) => c.state === 'connected');
  const specs = connected.flatMap((c) => SEARCHED_KINDS.map((k) => ({ cluster: c.id, ...k })));
  const results = useQueries({
    queries: specs.map((s) => ({
      queryKey: k8sKeys.list({ cluster: s.cluster, apiVersion: apiVersionOf(s.group, s.version), plural: s.resource }),
      queryFn: async (): Promise<ListData> => {
        const l = await listResources(s.cluster, s.group, s.version, s.resource);
        return { items: l.items as WireObject[], resourceVersion: l.metadata?.resourceVersion ?? '' };
      },
      enabled: active,
      staleTime: 30_000,
      retry: false,
    })),
  });

  const dataStamp = results.map((r) => r.dataUpdatedAt).join(',');
  const hits = useMemo(() => {
    const out: ObjectHit[] = [];
    results.forEach((r, i) => {
      const s = specs[i]!;
      for (const o of r.data?.items ?? []) {
        out.push({ cluster: s.cluster, group: s.group, version: s.version, resource: s.resource, kind: s.kind, namespace: o.metadata.namespace, name: o.metadata.name });
      }
    });
    return out;
    // results is a new array every render; dataStamp changes exactly when some list's data does
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataStamp, specs.length]);

  return { hits, loading: active && results.some((r) => r.isFetching && !r.data) };
}
