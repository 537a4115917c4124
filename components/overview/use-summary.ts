'use client';
/*
 * A cluster's summary, live: socket `summary` frames (lib/realtime) once they arrive, with one REST
 * fetch meanwhile so the card fills at once and a failure has a message to show (before either, the summary the
 * page was server-rendered with). Each card calls this
 * on its own, so one slow or failing cluster never holds up another.
 */
import { useQuery } from '@tanstack/react-query';
import type { ClusterSummary } from '@/lib/api-types';
import { k8sQueries } from '@/lib/k8s/client';
import { useClusterSummary } from '@/lib/realtime/use-watch';

/** `initial`: the summary the page's server render had (lib/overview-snapshot.ts), shown until fresher data comes */
export function useSummary(cluster: string, enabled = true, initial?: ClusterSummary) {
  const live = useClusterSummary(cluster);
  const q = useQuery({
    ...k8sQueries.summary(cluster),
    enabled: enabled && !live,
    // only while no socket frame came: keeps the card fresh if the socket is down
    refetchInterval: live ? false : 15_000,
  });
  return {
    data: live ?? q.data ?? initial,
    isPending: !live && !initial && q.isPending,
    isError: !live && q.isError,
    error: q.error,
    refetch: () => void q.refetch(),
  };
}
