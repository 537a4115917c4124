/**
 * The browser's ONE way to reach a Kubernetes object (Headlamp's api/v2 and TanStack's queryOptions factories
 * are the models). Components never build an `/api/...` URL or a query key by hand (eslint.config.mjs enforces it).
 *
 *   import { objectRef, k8sQueries, useLiveObject, resourceUrl, scaleObject } from '@/lib/k8s/client';
 *
 *   const ref = objectRef(cluster, kind, obj);          // ResourceRef: {cluster, group ('' = core), version, resource, namespace?, name?}
 *   const { object, deleted } = useLiveObject(ref);     // the object, live (one shared by-name watch + one query)
 *   useQuery(k8sQueries.list(resourceRef(cluster, kind, ns), { labelSelector }));   // a REST list, read once
 *   useQuery({ ...k8sQueries.history(ref, object?.metadata.resourceVersion), placeholderData: (p) => p });
 *   await scaleObject(ref, 3, object.metadata.resourceVersion!);   // writes carry their precondition
 *   resourceUrl(ref, 'scale', { dryRun: 'All' });       // the URL, when a raw fetch or a link is needed
 *
 * Live lists come from the watch client (useWatch in lib/realtime), not from the Query cache: see docs/client-layer.md.
 * Adding a read: a new factory in queries.ts on the key factory (lib/k8s/query-keys.ts); a new write: requests.ts.
 */
export * from './ref';
export * from './url';
export * from './requests';
export * from './queries';
export { useLiveObject, objectWatchParams, type LiveObject } from './use-live-object';
