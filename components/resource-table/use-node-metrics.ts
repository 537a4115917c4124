'use client';
/**
 * Node usage from metrics.k8s.io (polled: the metrics API has no watch). Absent metrics are not an error:
 * the CPU/Memory columns just stay empty.
 */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { clusterApi, fetchJson } from '@/lib/api-client';
import { parseQuantity } from '@/lib/k8s/machinery/quantity';
import type { NodeUsage } from '@/lib/k8s/kinds/node';
import { k8sKeys } from '@/lib/k8s/query-keys';

interface NodeMetricsList {
  items?: { metadata: { name: string }; usage?: { cpu?: string; memory?: string } }[];
}

export function useNodeMetrics(cluster: string, enabled: boolean): ReadonlyMap<string, NodeUsage> | undefined {
  const q = useQuery({
    queryKey: [...k8sKeys.resource(cluster, 'metrics.k8s.io/v1beta1', 'nodes'), '*', 'poll'],
    queryFn: () => fetchJson<NodeMetricsList>(clusterApi(cluster, 'resources', 'metrics.k8s.io', 'v1beta1', 'nodes')),
    enabled,
    retry: false,
    refetchInterval: 15_000,
  });
  return useMemo(() => {
    if (!q.data?.items) return undefined;
    return new Map(q.data.items.map((m) => [m.metadata.name, { cpu: parseQuantity(m.usage?.cpu), memory: parseQuantity(m.usage?.memory) }]));
  }, [q.data]);
}
