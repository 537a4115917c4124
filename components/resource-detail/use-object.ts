'use client';
/**
 * One object for the detail page and its parts. The whole object (managedFields and the last-applied annotation
 * included, which the YAML tab needs and the watch cache strips) comes from a REST GET; liveness comes from a
 * watch of that one object by name (socket subscribe with `fieldSelector: metadata.name=<name>`, served from the
 * shared informer, so it costs no upstream watch): when the watch shows a resourceVersion the GET has not got, the
 * GET runs again; when the object leaves the watch it was deleted. While the watch is not live (reconnecting, an
 * error such as a user allowed to `get` but not to `watch`), the GET is polled slowly instead.
 * Every part of the page calls useWatchedObject with the same tuple and so shares ONE subscription.
 * Key shape follows ARCHITECTURE convention 4.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiRequestError, clusterApi, fetchJson } from '@/lib/api-client';
import { groupSegment } from '@/lib/k8s/links';
import { apiVersionOf, k8sKeys } from '@/lib/k8s/query-keys';
import type { K8sObject } from '@/lib/k8s/types';
import { useWatch } from '@/lib/realtime/use-watch';
import type { WatchParams, WatchResult } from '@/lib/realtime/watch-client';

/** how often the GET is repeated while the object's watch is not live */
export const FALLBACK_POLL_MS = 15_000;

export interface ObjectRef {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name: string;
}

export function objectUrl(r: ObjectRef): string {
  const url = clusterApi(r.cluster, 'resources', groupSegment(r.group), r.version, r.resource, r.name);
  return r.namespace ? `${url}?namespace=${encodeURIComponent(r.namespace)}` : url;
}

export function objectQueryKey(r: ObjectRef) {
  return k8sKeys.object({ cluster: r.cluster, apiVersion: apiVersionOf(r.group, r.version), plural: r.resource, namespace: r.namespace, name: r.name });
}

export function objectWatchParams(r: ObjectRef): WatchParams {
  return { cluster: r.cluster, group: r.group, version: r.version, resource: r.resource, namespace: r.namespace, fieldSelector: `metadata.name=${r.name}` };
}

/** The object as the watch has it (cache-stripped): undefined until the watch has answered, null when it does not exist. */
export function useWatchedObject(r: ObjectRef): { watch: WatchResult; obj: K8sObject | null | undefined } {
  const watch = useWatch(objectWatchParams(r));
  const found = watch.items.find((o) => o.metadata.name === r.name) as K8sObject | undefined;
  return { watch, obj: found ?? (watch.state === 'loading' ? undefined : null) };
}

/** The whole object over REST, refreshed every `refetchMs` (owner links, which need no liveness). */
export function useObject(r: ObjectRef | null, opts: { refetchMs?: number } = {}) {
  return useQuery({
    queryKey: r ? objectQueryKey(r) : ['k8s', 'none'],
    queryFn: () => fetchJson<K8sObject>(objectUrl(r!)),
    enabled: Boolean(r),
    refetchInterval: opts.refetchMs ?? FALLBACK_POLL_MS,
  });
}

const isNotFound = (err: unknown) => err instanceof ApiRequestError && err.status === 404;

/**
 * The detail page's object: the GET's data, kept current by the object's watch. `deleted` once the object is gone
 * (it left the watch after being in it, or a GET answered 404 after the page had it); the data stays the last
 * known state so the page can still show what was deleted. A re-created object clears `deleted`.
 */
export function useLiveObjectQuery(r: ObjectRef) {
  const { watch, obj: watched } = useWatchedObject(r);
  const live = watch.state === 'live';
  const q = useQuery({
    queryKey: objectQueryKey(r),
    queryFn: () => fetchJson<K8sObject>(objectUrl(r)),
    refetchInterval: live ? false : FALLBACK_POLL_MS,
  });
  // once the watch has had the object, its absence means deletion (a GET made before the informer saw a new
  // object is not enough to call a first empty watch "deleted"); per object, should the route be reused
  const id = `${r.cluster}/${r.group}/${r.resource}/${r.namespace ?? ''}/${r.name}`;
  const [seenId, setSeenId] = useState<string>();
  if (watched && seenId !== id) setSeenId(id);
  const seen = seenId === id;

  const heldRv = q.data?.metadata.resourceVersion;
  const watchedRv = watched?.metadata.resourceVersion;
  const missing = live && watched === null && !seen && heldRv !== undefined;
  // why the GET should run again: a version it has not got (a delta, a resnapshot after a reconnect, a GET older
  // than the snapshot), or the object missing from a live watch that never had it (the GET decides: 404 = deleted).
  // One GET per reason, so a watch that never agrees cannot make the page poll hard.
  const reason = watchedRv !== undefined && heldRv !== undefined && watchedRv !== heldRv ? `rv:${heldRv}>${watchedRv}` : missing ? `missing:${heldRv}` : '';
  const asked = useRef('');
  const { refetch } = q;
  useEffect(() => {
    if (!reason || asked.current === reason) return;
    asked.current = reason;
    // joins a GET already running (useWatch invalidates the object query on a delta too): one request per change
    void refetch({ cancelRefetch: false });
  }, [reason, refetch]);

  const deleted = Boolean(q.data) && ((live && watched === null && seen) || (isNotFound(q.error) && watched == null));
  return { q, watch, deleted };
}
