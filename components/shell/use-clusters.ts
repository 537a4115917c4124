'use client';
import { useQuery } from '@tanstack/react-query';
import { apiKeys, getClusters, getDiscovery } from '@/lib/api-client';

/** The cluster list; polled because connection state (connecting → connected/unreachable) changes. */
export function useClusters() {
  return useQuery({ queryKey: apiKeys.clusters(), queryFn: getClusters, refetchInterval: 10_000 });
}

export function useDiscovery(cluster: string | undefined) {
  return useQuery({
    queryKey: apiKeys.discovery(cluster ?? ''),
    queryFn: () => getDiscovery(cluster!),
    enabled: !!cluster,
    staleTime: 60_000,
  });
}
