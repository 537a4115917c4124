/** Browser side of the BFF metrics API: URLs and query keys (one factory, general to specific). */
import { clusterApi, fetchJson } from '../api-client';
import type { HistoryQuery, MetricsHistory, UsageNow } from './api';

export const metricsKeys = {
  all: (cluster: string) => ['metrics', cluster] as const,
  usage: (cluster: string, kind: 'pods' | 'nodes', namespace: string | undefined, labels: boolean) => ['metrics', cluster, 'usage', kind, namespace ?? '*', labels] as const,
  history: (cluster: string, q: HistoryQuery) => ['metrics', cluster, 'history', q.target, q.namespace ?? '*', q.name ?? '', q.selector ?? '', q.range] as const,
};

export function getUsage(cluster: string, kind: 'pods' | 'nodes', namespace: string | undefined, labels: boolean): Promise<UsageNow> {
  const qs = new URLSearchParams({ kind });
  if (namespace) qs.set('namespace', namespace);
  if (labels) qs.set('labels', '1');
  return fetchJson<UsageNow>(`${clusterApi(cluster, 'metrics', 'usage')}?${qs}`);
}

export function getHistory(cluster: string, q: HistoryQuery): Promise<MetricsHistory> {
  const qs = new URLSearchParams(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return fetchJson<MetricsHistory>(`${clusterApi(cluster, 'metrics', 'history')}?${qs}`);
}
