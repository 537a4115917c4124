'use client';
/**
 * Node usage from metrics.k8s.io (polled: the metrics API has no watch). Absent metrics are not an error:
 * the CPU/Memory columns just stay empty.
 */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { parseQuantity } from '@/lib/k8s/machinery/quantity';
import type { NodeUsage } from '@/lib/k8s/kinds/node';
import { k8sQueries } from '@/lib/k8s/client';

interface NodeMetricsList {
  items?: { metadata: { name: string }; usage?: { cpu?: string; memory?: string } }[];
}

export function useNodeMetrics(cluster: string, enabled: boolean): ReadonlyMap<string, NodeUsage> | undefined {
  const q = useQuery({
    ...k8sQueries.list({ cluster, group: 'metrics.k8s.io', version: 'v1beta1', resource: 'nodes' }),
    enabled,
    retry: false,
    refetchInterval: 15_000,
  });
  return useMemo(() => {
    const items = q.data?.items as NodeMetricsList['items'];
    if (!items) return undefined;
    return new Map(items.map((m) => [m.metadata.name, { cpu: parseQuantity(m.usage?.cpu), memory: parseQuantity(m.usage?.memory) }]));
  }, [q.data]);
}
