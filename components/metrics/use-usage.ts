'use client';
/**
 * The latest usage sample for a list: refetched at the BFF's sampling interval (the BFF lists metrics.k8s.io
 * once per interval for everyone; this only reads its memory). A failed read leaves the cells empty with the
 * reason as their tooltip.
 */
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/api-client';
import { getUsage, metricsKeys } from '@/lib/metrics/client';
import { buildUsageIndex, type UsageIndex } from '@/lib/metrics/usage-model';
import type { KindInfo } from '@/lib/k8s/registry';

export function useUsage(cluster: string, kind: KindInfo, namespaces: readonly string[]): UsageIndex | undefined {
  const enabled = Boolean(kind.metrics);
  const source = kind.id === 'nodes' ? 'nodes' : 'pods';
  const labels = enabled && kind.id !== 'nodes' && kind.id !== 'pods';
  const namespace = namespaces.length === 1 ? namespaces[0] : undefined;
  const q = useQuery({
    queryKey: metricsKeys.usage(cluster, source, namespace, labels),
    queryFn: () => getUsage(cluster, source, namespace, labels),
    enabled,
    retry: false,
    // until the BFF's first sample exists (right after start-up), ask again soon
    refetchInterval: (query) => (query.state.data?.at ? query.state.data.intervalMs : 3_000),
  });
  return useMemo(() => {
    if (!enabled) return undefined;
    if (q.error) return buildUsageIndex(undefined, `Usage unavailable: ${errorMessage(q.error)}`);
    if (!q.data) return buildUsageIndex(undefined, 'Loading usage…');
    return buildUsageIndex(q.data);
  }, [enabled, q.data, q.error]);
}
