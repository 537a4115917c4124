/**
 * The browser's side of the Helm API (server/api/helm.ts): URLs through lib/k8s/client's builders, answers
 * validated with the shared zod schemas. Lists and release details are refetched when the server says a cluster's
 * release records changed (useHelmChanges); the current objects' status refreshes on an interval.
 */
import { queryOptions } from '@tanstack/react-query';
import { fetchJson } from '@/lib/api-client';
import { apiUrl, clusterUrl } from '@/lib/k8s/client';
import { helmActionResponse, helmDetailResponse, helmListResponse, helmResourcesResponse, helmRevisionContent } from '@/lib/helm/types';

export const HELM_REFRESH_MS = 5_000;

export interface ReleaseId {
  cluster: string;
  namespace: string;
  name: string;
}

const releaseSegments = (r: ReleaseId) => ['helm', 'releases', r.namespace, r.name];

export const helmUrls = {
  list: (cluster?: string) => (cluster ? clusterUrl(cluster, ['helm', 'releases']) : apiUrl(['helm', 'releases'])),
  release: (r: ReleaseId) => clusterUrl(r.cluster, releaseSegments(r)),
  revision: (r: ReleaseId, revision: number) => clusterUrl(r.cluster, [...releaseSegments(r), 'revisions', String(revision)]),
  resources: (r: ReleaseId) => clusterUrl(r.cluster, [...releaseSegments(r), 'resources']),
  rollback: (r: ReleaseId) => clusterUrl(r.cluster, [...releaseSegments(r), 'rollback']),
  uninstall: (r: ReleaseId) => clusterUrl(r.cluster, [...releaseSegments(r), 'uninstall']),
};

/** page link of a release */
export function releaseHref(r: ReleaseId): string {
  return `/c/${encodeURIComponent(r.cluster)}/helm/${encodeURIComponent(r.namespace)}/${encodeURIComponent(r.name)}`;
}

export const helmKeys = {
  all: ['helm'] as const,
  list: (cluster?: string) => ['helm', cluster ?? '*', 'list'] as const,
  release: (r: ReleaseId) => ['helm', r.cluster, 'release', r.namespace, r.name] as const,
};

export const helmQueries = {
  list: (cluster?: string) =>
    queryOptions({
      queryKey: helmKeys.list(cluster),
      queryFn: () => fetchJson(helmUrls.list(cluster), { schema: helmListResponse }),
      // only while the server is still reading chart columns; otherwise live through useHelmChanges
      refetchInterval: (q) => (q.state.data?.releases.some((r) => r.chartPending) ? 1_000 : false),
    }),
  detail: (r: ReleaseId) =>
    queryOptions({ queryKey: [...helmKeys.release(r), 'detail'], queryFn: () => fetchJson(helmUrls.release(r), { schema: helmDetailResponse }) }),
  revision: (r: ReleaseId, revision: number) =>
    queryOptions({ queryKey: [...helmKeys.release(r), 'revision', revision], queryFn: () => fetchJson(helmUrls.revision(r, revision), { schema: helmRevisionContent }), staleTime: Infinity }),
  resources: (r: ReleaseId) =>
    queryOptions({ queryKey: [...helmKeys.release(r), 'resources'], queryFn: () => fetchJson(helmUrls.resources(r), { schema: helmResourcesResponse }), refetchInterval: HELM_REFRESH_MS }),
};

export function rollbackRelease(r: ReleaseId, revision: number) {
  return fetchJson(helmUrls.rollback(r), { method: 'POST', body: JSON.stringify({ revision }), schema: helmActionResponse });
}

export function uninstallRelease(r: ReleaseId, keepHistory: boolean) {
  return fetchJson(helmUrls.uninstall(r), { method: 'POST', body: JSON.stringify({ keepHistory }), schema: helmActionResponse });
}
