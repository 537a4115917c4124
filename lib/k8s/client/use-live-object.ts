'use client';
/**
 * One object, live: the ONE hook the detail page and every part of it (header, YAML tab, scale control, rollout
 * history, actions) use to follow an object. Every caller with the same ref shares one query (k8sQueries.object)
 * and one socket subscription: a watch of that object by name (`fieldSelector: metadata.name=<name>`, served from
 * the BFF's shared informer, so it costs no upstream watch and never a namespace-wide snapshot).
 *
 * The GET paints first; after that each version the watch delivers is written into the object's query ONCE (a
 * change is one cache update, not an invalidate plus a refetch). While the watch is not live (reconnecting, or a
 * user allowed to `get` but not to `watch`) the GET is polled slowly instead. `deleted` once the object is gone
 * (it left the watch after being in it, or a GET answered 404 after the page had it); the data stays the last
 * known state so the page can still show what was deleted. A re-created object clears `deleted`.
 */
import { useEffect, useRef, useState } from 'react';
import { useQuery, useQueryClient, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { ApiRequestError } from '../../api-client';
import { getWatchClient } from '../../realtime/socket';
import { useWatch } from '../../realtime/use-watch';
import type { WatchParams, WatchResult } from '../../realtime/watch-client';
import type { K8sObject } from '../types';
import { FALLBACK_POLL_MS, k8sQueries, objectKey } from './queries';
import { refId, type ObjectRef } from './ref';

export interface LiveObject<T extends K8sObject = K8sObject> {
  /** the newest known state; undefined until the first answer; the last known state after a deletion */
  object: T | undefined;
  /** the object query (error, refetch, isPending) */
  query: UseQueryResult<T>;
  /** the object's watch (state: loading | live | reconnecting | error) */
  watch: WatchResult;
  deleted: boolean;
  /**
   * After a write: reads the object again only when its watch is not live (a live watch delivers the change
   * itself, as one cache update).
   */
  refresh: () => Promise<void>;
}

/** The socket subscription that follows one object by name. */
export function objectWatchParams(ref: ObjectRef): WatchParams {
  return { cluster: ref.cluster, group: ref.group, version: ref.version, resource: ref.resource, namespace: ref.namespace, fieldSelector: `metadata.name=${ref.name}` };
}

/** Writes a watched version into the object's query, once per version (rv is compared for equality only). */
function syncObject(qc: QueryClient, ref: ObjectRef, watched: K8sObject | undefined): void {
  if (!watched) return;
  const key = objectKey(ref);
  const held = qc.getQueryData<K8sObject>(key);
  if (held && held.metadata.resourceVersion === watched.metadata.resourceVersion) return;
  qc.setQueryData(key, held?.kind && !watched.kind ? { ...watched, kind: held.kind } : watched);
}

const isNotFound = (err: unknown) => err instanceof ApiRequestError && err.status === 404;

export function useLiveObject<T extends K8sObject = K8sObject>(ref: ObjectRef): LiveObject<T> {
  const qc = useQueryClient();
  const params = objectWatchParams(ref);
  const watch = useWatch(params);
  const live = watch.state === 'live';
  const watched = watch.items.find((o) => o.metadata.name === ref.name) as K8sObject | undefined;
  const watchedObj: K8sObject | null | undefined = watched ?? (watch.state === 'loading' ? undefined : null);
  // while the watch is live it keeps the query current: another part of the page mounting is no reason to GET again
  const query = useQuery({ ...k8sQueries.object<T>(ref), staleTime: live ? Infinity : 0, refetchInterval: live ? false : FALLBACK_POLL_MS }) as UseQueryResult<T>;

  // every delta of this object's watch goes into the query as it arrives (listener: no render in between)
  const { cluster, group, version, resource, namespace, name } = ref;
  useEffect(() => {
    const r: ObjectRef = { cluster, group, version, resource, namespace, name };
    const p = objectWatchParams(r);
    const pick = (res: WatchResult) => res.items.find((o) => o.metadata.name === name) as K8sObject | undefined;
    const client = getWatchClient();
    const release = client.watch(p, (res) => syncObject(qc, r, pick(res)));
    syncObject(qc, r, pick(client.current(p)));
    return release;
  }, [qc, cluster, group, version, resource, namespace, name]);

  // a GET that answered after the watch's snapshot (or a poll) can hold another version than the watch: the watch wins
  const heldRv = query.data?.metadata.resourceVersion;
  const watchedRv = watched?.metadata.resourceVersion;
  useEffect(() => {
    if (live && watched && heldRv !== undefined && watchedRv !== heldRv) syncObject(qc, ref, watched);
    // watched is keyed by its resourceVersion
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [qc, live, watchedRv, heldRv]);

  // once the watch has had the object, its absence means deletion (a GET made before the informer saw a new
  // object is not enough to call a first empty watch "deleted"); per object, should the route be reused
  const id = refId(ref);
  const [seenId, setSeenId] = useState<string>();
  if (watched && seenId !== id) setSeenId(id);
  const seen = seenId === id;

  // the object missing from a live watch that never had it: the GET decides (404 = deleted); once per version held
  const missing = live && watchedObj === null && !seen && heldRv !== undefined ? `missing:${heldRv}` : '';
  const asked = useRef('');
  const { refetch } = query;
  useEffect(() => {
    if (!missing || asked.current === missing) return;
    asked.current = missing;
    void refetch({ cancelRefetch: false });
  }, [missing, refetch]);

  const deleted = Boolean(query.data) && ((live && watchedObj === null && seen) || (isNotFound(query.error) && watchedObj == null));
  const refresh = async () => {
    if (!live) await refetch();
  };
  return { object: query.data, query, watch, deleted, refresh };
}
