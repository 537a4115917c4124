/**
 * The ONE TanStack Query key factory (ARCHITECTURE convention 4), general to specific:
 *   ['k8s', cluster, apiVersion, plural, namespace ?? '*', 'list', labelSelector ?? '']
 *   ['k8s', cluster, apiVersion, plural, namespace ?? '*', 'object', name]
 * so invalidating ['k8s', cluster] or ['k8s', cluster, apiVersion, plural] reaches every list and object
 * below it. A socket watch subscription is named by the same tuple (lib/realtime/watch-client.ts watchKey).
 * apiVersion is 'v1' for the core group and '<group>/<version>' otherwise.
 *
 * Components do not use this file directly: lib/k8s/client builds every key (objectKey, listKey, k8sQueries).
 * Data under a list key: ListData from a REST list read once (live lists stay in the watch client, never here).
 * Under an object key: the object itself (plain Kubernetes JSON), first as GET returns it, then as its watch by
 * name delivers it (useLiveObject); namespace = the object's namespace, '*' for cluster-scoped kinds.
 */
import type { WireObject } from '../protocol';

export interface ListData {
  items: WireObject[];
  resourceVersion: string;
}

export { apiVersionOf } from './client/ref';

export interface ListKeyParams {
  cluster: string;
  apiVersion: string;
  plural: string;
  namespace?: string;
  labelSelector?: string;
}

export interface ObjectKeyParams {
  cluster: string;
  apiVersion: string;
  plural: string;
  namespace?: string;
  name: string;
}

export const k8sKeys = {
  all: () => ['k8s'] as const,
  cluster: (cluster: string) => ['k8s', cluster] as const,
  resource: (cluster: string, apiVersion: string, plural: string) => ['k8s', cluster, apiVersion, plural] as const,
  scope: (cluster: string, apiVersion: string, plural: string, namespace?: string) =>
    ['k8s', cluster, apiVersion, plural, namespace || '*'] as const,
  list: (p: ListKeyParams) =>
    ['k8s', p.cluster, p.apiVersion, p.plural, p.namespace || '*', 'list', p.labelSelector ?? ''] as const,
  object: (p: ObjectKeyParams) => ['k8s', p.cluster, p.apiVersion, p.plural, p.namespace || '*', 'object', p.name] as const,
};

export type ListKey = ReturnType<typeof k8sKeys.list>;
export type ObjectKey = ReturnType<typeof k8sKeys.object>;
