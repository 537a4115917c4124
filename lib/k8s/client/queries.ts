/**
 * TanStack Query options for everything the browser reads, built on the one key factory (../query-keys.ts):
 * spread them into useQuery / useQueries / prefetchQuery and add only view-specific options (refetchInterval,
 * enabled, placeholderData). Keys are general to specific, so invalidating an object's key also reaches its
 * scale and history queries.
 */
import { infiniteQueryOptions, queryOptions } from '@tanstack/react-query';
import { fetchJson } from '../../api-client';
import { clusterSummary, clustersResponse, discoveryResponse } from '../../api-types';
import { k8sKeys, type ListData } from '../query-keys';
import { historyResponse } from '../rollout';
import { changeDetailSchema, changePageSchema } from '../../history/schemas';
import type { ChangePage, ChangesQuery } from '../../history/types';
import { compareResponse, driftResponse, type CompareRequest, type DriftRequest } from '../../compare/types';
import { apiVersionOf, type ObjectRef, type ResourceRef } from './ref';
import { getObject, getScale, listObjects, type KubeJson, type ListOptions } from './requests';
import { apiUrls, workloadUrl } from './url';
import type { AuditQuery } from '../../auth-types';

/** how often an object is read again while its watch is not live (reconnecting, or not allowed to watch) */
export const FALLBACK_POLL_MS = 15_000;

export function objectKey(ref: ObjectRef) {
  return k8sKeys.object({ cluster: ref.cluster, apiVersion: apiVersionOf(ref.group, ref.version), plural: ref.resource, namespace: ref.namespace, name: ref.name });
}

export function listKey(ref: ResourceRef, o: Pick<ListOptions, 'labelSelector' | 'fieldSelector'> = {}) {
  const key = k8sKeys.list({ cluster: ref.cluster, apiVersion: apiVersionOf(ref.group, ref.version), plural: ref.resource, namespace: ref.namespace, labelSelector: o.labelSelector });
  return o.fieldSelector ? ([...key, o.fieldSelector] as const) : key;
}

/** Every query under one resource in one scope (a namespace, or '*'): lists and objects. */
export function scopeKey(ref: ResourceRef) {
  return k8sKeys.scope(ref.cluster, apiVersionOf(ref.group, ref.version), ref.resource, ref.namespace);
}

/** Query keys of the non-resource BFF endpoints. */
export const apiKeys = {
  clusters: () => ['api', 'clusters'] as const,
  discovery: (cluster: string) => ['api', 'discovery', cluster] as const,
  summary: (cluster: string) => ['api', 'summary', cluster] as const,
  /** every page of one filter: the cursor is the infinite query's page param, not part of the key */
  audit: (filter: Omit<AuditQuery, 'before'>) => ['api', 'audit', filter] as const,
  /** every page of one change query; `changes()` alone is the prefix of them all */
  changes: (query?: Omit<ChangesQuery, 'cursor' | 'limit'>) => (query ? (['api', 'changes', 'list', query] as const) : (['api', 'changes'] as const)),
  change: (id: string) => ['api', 'changes', 'one', id] as const,
  compare: (req: CompareRequest) => ['api', 'compare', req] as const,
  drift: (req: DriftRequest) => ['api', 'drift', req] as const,
};

export type ChangeFilter = Omit<ChangesQuery, 'cursor' | 'limit'>;

const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

export const k8sQueries = {
  /**
   * One object. Its data is the newest known state: the GET's answer at first, then whatever the object's
   * watch delivers (useLiveObject writes each change here once), so it may lack managedFields and the
   * last-applied annotation, which the socket omits. Editing needs them: use `whole`.
   */
  object: <T extends KubeJson = KubeJson>(ref: ObjectRef) =>
    queryOptions({ queryKey: objectKey(ref), queryFn: ({ signal }) => getObject<T>(ref, signal) }),

  /** The whole object as GET returns it, read once per use (the YAML editor's base); never overwritten by the watch. */
  whole: <T extends KubeJson = KubeJson>(ref: ObjectRef) =>
    queryOptions({ queryKey: [...objectKey(ref), 'whole'] as const, queryFn: ({ signal }) => getObject<T>(ref, signal), staleTime: Infinity, gcTime: 0 }),

  /**
   * A list read once over REST (not live: live lists come from the watch client, lib/realtime/use-watch.ts).
   * Field-selected lists get the selector appended to the key.
   */
  list: (ref: ResourceRef, o: ListOptions = {}) =>
    queryOptions({
      queryKey: listKey(ref, o),
      queryFn: async ({ signal }): Promise<ListData> => {
        const l = await listObjects(ref, o, signal);
        return { items: l.items as ListData['items'], resourceVersion: l.metadata?.resourceVersion ?? '' };
      },
    }),

  /**
   * The scale subresource. `at` is the version of the object it was read for (the live object's
   * resourceVersion): a new version of the object is a new key, read at once.
   */
  scale: (ref: ObjectRef, at = '') => queryOptions({ queryKey: [...objectKey(ref), 'scale', at] as const, queryFn: ({ signal }) => getScale(ref, signal) }),

  /** Rollout history (revisions) of a deployment, statefulset or daemonset; `at` as for scale. */
  history: (ref: ObjectRef, at = '') =>
    queryOptions({
      queryKey: [...objectKey(ref), 'history', at] as const,
      queryFn: ({ signal }) => fetchJson(workloadUrl(ref, 'history'), { schema: historyResponse, signal }),
    }),

  /** the change history, newest first, one page per `cursor` (older pages on demand) */
  changes: (filter: ChangeFilter, limit = 50) =>
    infiniteQueryOptions({
      queryKey: apiKeys.changes(filter),
      initialPageParam: undefined as string | undefined,
      queryFn: ({ pageParam, signal }): Promise<ChangePage> =>
        fetchJson(apiUrls.changes({ ...filter, limit, cursor: pageParam }), { schema: changePageSchema, signal }),
      getNextPageParam: (last: ChangePage) => last.nextCursor,
    }),
  /** one change with its diff and the recorded view after it; records never change, so it is read once */
  change: (id: string) =>
    queryOptions({ queryKey: apiKeys.change(id), queryFn: ({ signal }) => fetchJson(apiUrls.change(id), { schema: changeDetailSchema, signal }), staleTime: Infinity }),
  compare: (req: CompareRequest) =>
    queryOptions({ queryKey: apiKeys.compare(req), queryFn: ({ signal }) => fetchJson(apiUrls.compare(), { ...post(req), schema: compareResponse, signal }) }),
  drift: (req: DriftRequest) =>
    queryOptions({ queryKey: apiKeys.drift(req), queryFn: ({ signal }) => fetchJson(apiUrls.drift(), { ...post(req), schema: driftResponse, signal }) }),

  clusters: () => queryOptions({ queryKey: apiKeys.clusters(), queryFn: ({ signal }) => fetchJson(apiUrls.clusters(), { schema: clustersResponse, signal }) }),
  discovery: (cluster: string) =>
    queryOptions({ queryKey: apiKeys.discovery(cluster), queryFn: ({ signal }) => fetchJson(apiUrls.discovery(cluster), { schema: discoveryResponse, signal }) }),
  summary: (cluster: string) =>
    queryOptions({ queryKey: apiKeys.summary(cluster), queryFn: ({ signal }) => fetchJson(apiUrls.summary(cluster), { schema: clusterSummary, signal }) }),
};
