/** Browser side of the BFF metrics API: URLs and query keys (one factory, general to specific). */
import { fetchJson } from '../api-client';
import { clusterUrl } from '../k8s/client/url';
import type { HistoryQuery, MetricsHistory, UsageNow } from './api';

export const metricsKeys = {
  all: (cluster: string) => ['metrics', cluster] as const,
  usage: (cluster: string, kind: 'pods' | 'nodes', namespace: string | undefined, labels: boolean) => ['metrics', cluster, 'usage', kind, namespace ?? '*', labels] as const,
  history: (cluster: string, q: HistoryQuery) => ['metrics', cluster, 'history', q.target, q.namespace ?? '*', q.name ?? '', q.selector ?? '', q.range] as const,
};

export function getUsage(cluster: string, kind: 'pods' | 'nodes', namespace: string | undefined, labels: boolean): Promise<UsageNow> {
  return fetchJson<UsageNow>(clusterUrl(cluster, ['metrics', 'usage'], { kind, namespace, labels: labels ? '1' : undefined }));
}

export function getHistory(cluster: string, q: HistoryQuery): Promise<MetricsHistory> {
  const query = Object.fromEntries(Object.entries(q).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  return fetchJson<MetricsHistory>(clusterUrl(cluster, ['metrics', 'history'], query));
}
