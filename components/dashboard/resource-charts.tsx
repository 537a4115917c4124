'use client';
import dynamic from 'next/dynamic';
import { useState } from 'react';
import type { ClusterSummary } from '@/lib/api-types';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { Skeleton } from '@/components/ui/skeleton';
import { formatBytes, formatCores, fraction, percent } from '@/components/overview/format';
import type { Sample } from './resource-chart';

const ResourceChart = dynamic(() => import('./resource-chart'), {
  ssr: false,
  loading: () => <Skeleton className="h-56 w-full" />,
});

const MAX_SAMPLES = 240;

/**
 * Keeps the summaries seen while the page is open as a short time series, one point per new
 * updatedAt (state adjusted during render, React's pattern for values derived from changing props).
 */
function useHistory(summary: ClusterSummary | undefined) {
  const [history, setHistory] = useState<{ cpu: Sample[]; memory: Sample[]; at?: string }>({ cpu: [], memory: [] });
  if (summary && summary.updatedAt !== history.at) {
    const t = Date.parse(summary.updatedAt);
    const add = (list: Sample[], r: ClusterSummary['cpu']) =>
      [...list, { t, capacity: r.capacity, requests: r.requests, usage: r.usage }].slice(-MAX_SAMPLES);
    setHistory({ cpu: add(history.cpu, summary.cpu), memory: add(history.memory, summary.memory), at: summary.updatedAt });
  }
  return history;
}

function Headline({ label, r, format }: { label: string; r: ClusterSummary['cpu']; format: (n: number) => string }) {
  return (
    <p className="text-xs text-fg-muted tabular-nums">
      {r.usage !== undefined && <>{label} used {format(r.usage)} ({percent(fraction(r.usage, r.capacity))}) · </>}
      requested {format(r.requests)} ({percent(fraction(r.requests, r.capacity))}) of {format(r.capacity)}
    </p>
  );
}

export function ResourceCharts({ summary }: { summary: ClusterSummary | undefined }) {
  const history = useHistory(summary);
  const cores = (n: number) => `${formatCores(n)}`;
  return (
    <div className="grid gap-4 xl:grid-cols-2">
      {(['cpu', 'memory'] as const).map((res) => (
        <Card key={res}>
          <CardHeader>
            <CardTitle>{res === 'cpu' ? 'CPU (cores)' : 'Memory'}</CardTitle>
            {summary && <Headline label={res === 'cpu' ? 'CPU' : 'Memory'} r={summary[res]} format={res === 'cpu' ? cores : formatBytes} />}
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
