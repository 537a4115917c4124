'use client';
/*
 * Object search for the palette without a server-side search endpoint: REST lists of the common kinds of
 * every connected cluster, fetched once the user types (k8sQueries.list, cached 30 s), then matched by name
 * in the browser.
 */
import { useMemo } from 'react';
import { useQueries } from '@tanstack/react-query';
import type { ClusterInfo } from '@/lib/api-client';
import { k8sQueries } from '@/lib/k8s/client';
import { kindById, type KindInfo } from '@/lib/k8s/registry';
import type { ObjectHit } from './search-index';

/** The kinds searched by name (registry ids: kubectl's fully-qualified resource names). */
export const SEARCHED_KIND_IDS = [
  'pods',
  'deployments.apps',
  'statefulsets.apps',
  'daemonsets.apps',
  'jobs.batch',
  'cronjobs.batch',
  'services',
  'ingresses.networking.k8s.io',
  'configmaps',
  'secrets',
  'persistentvolumeclaims',
  'nodes',
  'namespaces',
] as const;

export const SEARCHED_KINDS: KindInfo[] = SEARCHED_KIND_IDS.map((id) => {
  const k = kindById(id);
  if (!k) throw new Error(`palette: ${id} is not in the kind registry`);
  return k;
});

export function useObjectSearchSource(clusters: ClusterInfo[], active: boolean) {
  const connected = clusters.filter((c) => c.state === 'connected');
  const specs = connected.flatMap((c) => SEARCHED_KINDS.map((k) => ({ cluster: c.id, kind: k })));
  const results = useQueries({
    queries: specs.map((s) => ({
      ...k8sQueries.list({ cluster: s.cluster, group: s.kind.group, version: s.kind.version, resource: s.kind.plural }),
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
        out.push({ cluster: s.cluster, group: s.kind.group, version: s.kind.version, resource: s.kind.plural, kind: s.kind.kind, namespace: o.metadata.namespace, name: o.metadata.name });
      }
    });
    return out;
    // results is a new array every render; dataStamp changes exactly when some list's data does
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [dataStamp, specs.length]);

  return { hits, loading: active && results.some((r) => r.isFetching && !r.data) };
}
