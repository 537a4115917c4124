'use client';
/**
 * The Metrics tab of pods (per container), workloads (per pod, and their total) and nodes: CPU and memory over
 * 15m / 1h / 6h / 24h from the BFF (its own samples of metrics.k8s.io, or the cluster's Prometheus for ranges
 * longer than its memory; the caption says which), against requests and limits (capacity and allocatable for
 * nodes), with restarts and OOM kills marked. Loaded lazily when the tab opens.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { errorMessage } from '@/lib/api-client';
import { k8sQueries, resourceRef } from '@/lib/k8s/client';
import { formatBytes, formatCpu, parseQuantity } from '@/lib/k8s/machinery/quantity';
import { getHistory, metricsKeys } from '@/lib/metrics/client';
import { METRICS_RANGES, RANGE_MS, type HistoryQuery, type MetricsRange } from '@/lib/metrics/api';
import { podSpecResources, selectorString, workloadSelector } from '@/lib/metrics/usage-model';
import type { K8sObject } from '@/lib/k8s/types';
import { EmptyState } from '@/components/ui/empty-state';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/components/ui/cn';
import type { TabProps } from '@/components/resource-detail/tabs';
import UsageChart, { type Mark, type Reference } from './usage-chart';

function queryFor(kindId: string, obj: K8sObject, range: MetricsRange): HistoryQuery | { error: string } {
  if (kindId === 'pods') return { target: 'pod', namespace: obj.metadata.namespace, name: obj.metadata.name, range };
  if (kindId === 'nodes') return { target: 'node', name: obj.metadata.name, range };
  const sel = workloadSelector(obj);
  const selector = sel ? selectorString(sel) : '';
  if (!selector) return { error: `${obj.metadata.name} has no pod selector, so no pods to chart.` };
  return { target: 'workload', namespace: obj.metadata.namespace, name: obj.metadata.name, selector, range };
}

/** Each container's last termination (Kubernetes keeps only the last one per container in the pod's status). */
export function terminationMarks(pods: K8sObject[]): Mark[] {
  const out: Mark[] = [];
  for (const p of pods) {
    for (const cs of (p.status?.containerStatuses ?? []) as { name: string; restartCount?: number; lastState?: { terminated?: { reason?: string; finishedAt?: string } } }[]) {
      const term = cs.lastState?.terminated;
      const t = term?.finishedAt ? Date.parse(term.finishedAt) : NaN;
      if (!term || Number.isNaN(t)) continue;
      out.push({ t, oom: term.reason === 'OOMKilled', label: `${p.metadata.name}/${cs.name} (${term.reason ?? 'exited'}, ${cs.restartCount ?? 0} restarts)` });
    }
  }
  return out.sort((a, b) => a.t - b.t);
}

function references(kindId: string, obj: K8sObject, field: 'cpu' | 'memory', pods: number): Reference[] {
  if (kindId === 'nodes') {
    const cap = parseQuantity(obj.status?.capacity?.[field]);
    const alloc = parseQuantity(obj.status?.allocatable?.[field]);
    return [
      ...(cap ? [{ label: 'Capacity', value: cap, tone: 'muted' as const }] : []),
      ...(alloc && alloc !== cap ? [{ label: 'Allocatable', value: alloc, tone: 'info' as const }] : []),
    ];
  }
  const spec = kindId === 'pods' ? obj.spec : obj.spec?.template?.spec;
  const r = podSpecResources(spec, field);
  const n = kindId === 'pods' ? 1 : Math.max(1, pods);
  const each = kindId === 'pods' ? '' : ` (${n} pod${n === 1 ? '' : 's'})`;
  return [
    ...(r.request ? [{ label: `Requests${each}`, value: r.request * n, tone: 'info' as const }] : []),
    ...(r.limit ? [{ label: `Limits${each}`, value: r.limit * n, tone: 'error' as const }] : []),
  ];
}

export default function MetricsTab({ cluster, kind, obj }: TabProps) {
  const [range, setRange] = useState<MetricsRange>('1h');
  const q = queryFor(kind.id, obj, range);
  const ok = !('error' in q);
  const history = useQuery({
    queryKey: ok ? metricsKeys.history(cluster, q) : ['metrics', cluster, 'none'],
    queryFn: () => getHistory(cluster, q as HistoryQuery),
    enabled: ok,
    refetchInterval: 15_000,
    placeholderData: (prev) => prev,
  });
  // the workload's pods, for their restart and OOM marks
  const workloadPods = useQuery({
    ...k8sQueries.list(resourceRef(cluster, { group: '', version: 'v1', plural: 'pods' }, obj.metadata.namespace), { labelSelector: ok ? q.selector : undefined }),
    enabled: ok && q.target === 'workload',
    refetchInterval: 30_000,
  });
  if (!ok) return <EmptyState title="No metrics" hint={q.error} />;
  const marks = kind.id === 'pods' ? terminationMarks([obj]) : terminationMarks((workloadPods.data?.items ?? []) as K8sObject[]);
  const h = history.data;
  const livePods = h ? h.series.filter((s) => s.cpu[s.cpu.length - 1] !== null).length : 0;

  return (
    <section aria-label="Metrics" className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <div role="group" aria-label="Time range" className="inline-flex overflow-hidden rounded-md border border-line">
          {METRICS_RANGES.map((r) => (
            <button
              key={r}
              type="button"
              aria-pressed={r === range}
              onClick={() => setRange(r)}
              className={cn('h-7 px-3 text-sm tabular-nums', r === range ? 'bg-accent text-accent-fg' : 'bg-surface hover:bg-surface-2')}
            >
              {r}
            </button>
          ))}
        </div>
        {h && (
          <p className="text-xs text-fg-muted">
            Source: <span className="font-medium text-fg">{h.source === 'prometheus' ? 'Prometheus' : h.source === 'sampler' ? 'Wheelhouse sampler' : 'none'}</span> — {h.sourceDetail}
          </p>
        )}
      </div>
      {history.error ? (
        <EmptyState title="Metrics unavailable" hint={errorMessage(history.error)} />
      ) : !h ? (
        <div className="grid gap-4 xl:grid-cols-2">
          <Skeleton className="h-64 w-full" />
          <Skeleton className="h-64 w-full" />
        </div>
      ) : !h.available ? (
        <EmptyState title="No metrics for this cluster" hint={h.reason ?? 'The cluster serves no metrics API.'} />
      ) : (
        <div className="grid gap-4 xl:grid-cols-2">
          {(['cpu', 'memory'] as const).map((field) => (
            <UsageChart
              key={field}
              title={field === 'cpu' ? 'CPU' : 'Memory'}
              field={field}
              times={h.times}
              series={h.series}
              references={references(kind.id, obj, field, livePods)}
              marks={marks}
              format={field === 'cpu' ? (v) => formatCpu(v) : (v) => formatBytes(v)}
              rangeMs={RANGE_MS[range]}
            />
          ))}
        </div>
      )}
    </section>
  );
}
