'use client';
import { useQuery } from '@tanstack/react-query';
import { k8sQueries } from '@/lib/k8s/client';

/** The cluster list; polled because connection state (connecting → connected/unreachable) changes. */
export function useClusters() {
  return useQuery({ ...k8sQueries.clusters(), refetchInterval: 10_000 });
}

export function useDiscovery(cluster: string | undefined) {
  return useQuery({
    ...k8sQueries.discovery(cluster ?? ''),
    enabled: !!cluster,
    staleTime: 60_000,
  });
}
