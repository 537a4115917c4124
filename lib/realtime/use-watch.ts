'use client';
/**
 * React bindings of the watch client: useWatch (a live list; with `fieldSelector: 'metadata.name=<name>'` a live
 * single object), useConnectionState for the header indicator and useClusterSummary. The watch client is the
 * ONE store of live lists: nothing is mirrored into the TanStack Query cache (docs/client-layer.md). An object
 * followed by name reaches its object query through useLiveObject (lib/k8s/client).
 */
import { useCallback, useSyncExternalStore } from 'react';
import type { ClusterSummary } from '../api-types';
import { getWatchClient } from './socket';
import { type ConnectionState, type WatchParams, type WatchResult } from './watch-client';

const SERVER_RESULT: WatchResult = { items: [], resourceVersion: '', state: 'loading' };

export function useWatch(params: WatchParams): WatchResult {
  const { cluster, group, version, resource, namespace, labelSelector, fieldSelector, rows, printerColumns } = params;
  // printer columns are compared by value: a new array of the same columns keeps the subscription
  const pcs = JSON.stringify(printerColumns ?? null);

  const subscribe = useCallback(
    (notify: () => void) => getWatchClient().watch({ cluster, group, version, resource, namespace, labelSelector, fieldSelector, rows, printerColumns: JSON.parse(pcs) ?? undefined }, () => notify()),
    [cluster, group, version, resource, namespace, labelSelector, fieldSelector, rows, pcs],
  );
  const get = useCallback(
    () => getWatchClient().current({ cluster, group, version, resource, namespace, labelSelector, fieldSelector, rows, printerColumns: JSON.parse(pcs) ?? undefined }),
    [cluster, group, version, resource, namespace, labelSelector, fieldSelector, rows, pcs],
  );
  return useSyncExternalStore(subscribe, get, () => SERVER_RESULT);
}

export function useConnectionState(): ConnectionState {
  return useSyncExternalStore(
    (notify) => getWatchClient().onConnection(notify),
    () => getWatchClient().connection(),
    () => 'reconnecting' as const,
  );
}

/** The live summary of a cluster (undefined until the first frame arrives). */
export function useClusterSummary(cluster: string): ClusterSummary | undefined {
  const subscribe = useCallback((notify: () => void) => getWatchClient().watchSummary(cluster, () => notify()), [cluster]);
  return useSyncExternalStore(
    subscribe,
    () => getWatchClient().latestSummary(cluster),
    () => undefined,
  );
}
