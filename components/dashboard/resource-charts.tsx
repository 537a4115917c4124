'use client';
import dynamic from 'next/dynamic';
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { getHistory, metricsKeys } from '@/lib/metrics/client';
import type { ClusterSummary } from '@/lib/api-types';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { formatBytes, formatCores, fraction, percent } from '@/components/overview/format';
import type { Sample } from './resource-chart';

const ResourceChart = dynamic(() => import('./resource-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-56 w-full" />,
});

/**
 * Cluster usage over the last hour from the BFF's sampler (the sum of its node samples), so the chart has
 * history on every visit. Capacity and requests are the summary's current values, drawn flat across.
 */
function useHistory(cluster: string, summary: ClusterSummary | undefined) {
  const q = useQuery({
    queryKey: metricsKeys.history(cluster, { target: 'cluster', range: '1h' }),
    queryFn: () => getHistory(cluster, { target: 'cluster', range: '1h' }),
    refetchInterval: 15_000,
    retry: false,
  });
  return useMemo(() => {
    const out: { cpu: Sample[]; memory: Sample[]; note?: string } = { cpu: [], memory: [] };
    const h = q.data;
    if (!summary) return out;
    const series = h?.series[0];
    const times = h?.times ?? [];
    for (const res of ['cpu', 'memory'] as const) {
      const r = summary[res];
      out[res] = times.map((t, i) => ({ t, capacity: r.capacity, requests: r.requests, usage: series?.[res][i] ?? undefined }));
      // the current summary closes the line, so the chart is never empty while the first samples arrive
      const at = Date.parse(summary.updatedAt);
      if (!out[res].length || at > out[res][out[res].length - 1].t) out[res].push({ t: at, capacity: r.capacity, requests: r.requests, usage: r.usage });
    }
    if (h && !h.available) out.note = h.reason;
    return out;
  }, [q.data, summary]);
}

function Headline({ label, r, format }: { label: string; r: ClusterSummary['cpu']; format: (n: number) => string }) {
  return (
    <p className="text-xs text-fg-muted tabular-nums">
      {r.usage !== undefined && <>{label} used {format(r.usage)} ({percent(fraction(r.usage, r.capacity))}) · </>}
      requested {format(r.requests)} ({percent(fraction(r.requests, r.capacity))}) of {format(r.capacity)}
    </p>
  );
}

export function ResourceCharts({ cluster, summary }: { cluster: string; summary: ClusterSummary | undefined }) {
  const history = useHistory(cluster, summary);
  const cores = (n: number) => `${formatCores(n)}`;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {(['cpu', 'memory'] as const).map((res) => (
        <Card key={res}>
          <CardHeader>
            <CardTitle>{res === 'cpu' ? 'CPU (cores)' : 'Memory'}</CardTitle>
            {summary && <Headline label={res === 'cpu' ? 'CPU' : 'Memory'} r={summary[res]} format={res === 'cpu' ? cores : formatBytes} />}
            {history.note && <p className="text-xs text-fg-muted">{history.note}</p>}
          </CardHeader>
          <CardBody>
            {summary ? (
              <ResourceChart samples={history[res]} format={res === 'cpu' ? cores : formatBytes} label={res === 'cpu' ? 'CPU' : 'Memory'} />
            ) : (
              <Skeleton className="h-56 w-full" />
            )}
          </CardBody>
        </Card>
      ))}
    </div>
  );
}
