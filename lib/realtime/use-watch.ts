'use client';
/**
 * React bindings of the watch client: useWatch (a live list, mirrored into the TanStack Query cache under
 * k8sKeys.list so any query on that key sees live data; with `fieldSelector: 'metadata.name=<name>'` a live
 * single object, under the list key plus the selector), useConnectionState for the header indicator and
 * useClusterSummary. The QueryClientProvider comes from the app shell.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { ClusterSummary } from '../api-types';
import type { WireObject } from '../protocol';
import { apiVersionOf, k8sKeys, type ListData } from '../k8s/query-keys';
import { getWatchClient } from './socket';
import { watchQueryKey, type ConnectionState, type WatchParams, type WatchResult } from './watch-client';

const SERVER_RESULT: WatchResult = { items: [], resourceVersion: '', state: 'loading' };

export function useWatch(params: WatchParams): WatchResult {
  const qc = useQueryClient();
  const { cluster, group, version, resource, namespace, labelSelector, fieldSelector } = params;

  const subscribe = useCallback(
    (notify: () => void) => {
      const p: WatchParams = { cluster, group, version, resource, namespace, labelSelector, fieldSelector };
      // k8sKeys.list, plus the field selector when there is one (watchQueryKey)
      const key = watchQueryKey(p);
      const apiVersion = apiVersionOf(group, version);
      // The cache entry is a mirror of the watch result (the table reads the result itself). Structural sharing
      // would deep-compare every snapshot with the list already cached (revisits, resnapshots): ~20 MB of objects
      // walked for nothing, since the watch already keeps unchanged objects' identity across deltas.
      qc.setQueryDefaults(key, { structuralSharing: false });
      return getWatchClient().watch(p, (r, changed) => {
        if (r.state !== 'loading') qc.setQueryData<ListData>(key, { items: r.items, resourceVersion: r.resourceVersion });
        // object queries hold the whole object (GET); the socket carries stripped ones, so a newer version
        // only marks an open object query stale (it refetches), it never overwrites it
        for (const ev of changed ?? []) {
          const { name, namespace: ns, resourceVersion } = ev.object.metadata;
          const objKey = k8sKeys.object({ cluster, apiVersion, plural: resource, namespace: ns, name });
          const held = qc.getQueryData<WireObject>(objKey);
          if (held && held.metadata.resourceVersion !== resourceVersion) void qc.invalidateQueries({ queryKey: objKey, exact: true });
        }
        notify();
      });
    },
    [qc, cluster, group, version, resource, namespace, labelSelector, fieldSelector],
  );
  const get = useCallback(
    () => getWatchClient().current({ cluster, group, version, resource, namespace, labelSelector, fieldSelector }),
    [cluster, group, version, resource, namespace, labelSelector, fieldSelector],
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
