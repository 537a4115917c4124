/**
 * Every BFF URL the browser requests, built from validated refs with every segment encoded (ARCHITECTURE
 * convention 8). `resourceUrl` addresses the generic resource routes (server/api/resources.ts); the other
 * builders name the few routes that are not plain resource reads and writes.
 */
import { groupSegment, type ObjectRef, type ResourceRef } from './ref';
import type { AuditQuery } from '../../auth-types';

export type Query = Record<string, string | number | boolean | undefined>;

function qs(query: Query = {}): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** `/api/<segments…>?query`, each segment encoded. */
export function apiUrl(segments: readonly string[], query?: Query): string {
  return ['/api', ...segments.map(encodeURIComponent)].join('/') + qs(query);
}

/** `/api/clusters/<cluster>/<segments…>?query` */
export function clusterUrl(cluster: string, segments: readonly string[], query?: Query): string {
  return apiUrl(['clusters', cluster, ...segments], query);
}

/**
 * The generic resource route: a list (no name), one object, or one of its subresources (scale, status).
 * The namespace travels as `?namespace=` (the BFF's contract), the rest of `query` as given.
 */
export function resourceUrl(ref: ResourceRef, subresource?: 'scale' | 'status', query?: Query): string {
  if (subresource && !ref.name) throw new Error(`a ${subresource} subresource needs an object name`);
  const path = ['resources', groupSegment(ref.group), ref.version, ref.resource, ...(ref.name ? [ref.name] : []), ...(subresource ? [subresource] : [])];
  return clusterUrl(ref.cluster, path, { namespace: ref.namespace, ...query });
}

/** What /workloads does that is not a plain write: history and the operations kubectl's `rollout` has. */
export type WorkloadOperation = 'history' | 'rollback' | 'restart' | 'pause' | 'resume';

export function workloadUrl(ref: ObjectRef, op: WorkloadOperation): string {
  return clusterUrl(ref.cluster, ['workloads', groupSegment(ref.group), ref.version, ref.resource, ref.name, op], { namespace: ref.namespace });
}

export type NodeOperation = 'cordon' | 'uncordon' | 'drain';

export function nodeUrl(cluster: string, node: string, op: NodeOperation): string {
  return clusterUrl(cluster, ['nodes', node, op]);
}

/** The non-resource BFF endpoints. */
export const apiUrls = {
  clusters: () => apiUrl(['clusters']),
  discovery: (cluster: string) => clusterUrl(cluster, ['discovery']),
  summary: (cluster: string) => clusterUrl(cluster, ['summary']),
  access: (cluster: string) => clusterUrl(cluster, ['access']),
  /** OpenAPI v3 document at `path` (e.g. "apis/apps/v1"), slashes kept as path separators */
  openapi: (cluster: string, path: string) => clusterUrl(cluster, ['openapi', 'v3', ...path.split('/')]),
  /** one Secret value, revealed on request */
  secretKey: (cluster: string, namespace: string, name: string, key: string) => clusterUrl(cluster, ['secrets', namespace, name, 'keys', key]),
  /** a container's log as a file download */
  logDownload: (cluster: string, namespace: string, pod: string, query: { container: string; previous?: boolean; timestamps: boolean }) =>
    clusterUrl(cluster, ['logs', namespace, pod], { container: query.container, previous: query.previous || undefined, timestamps: query.timestamps }),
  /** one page of audit records (filters and the `before` cursor as query parameters) */
  audit: (query: AuditQuery) => apiUrl(['audit'], query),
  /** the change history (lib/history/types.ts): a page of records, and one record with its diff */
  changes: (query: Query) => apiUrl(['changes'], query),
  change: (id: string) => apiUrl(['changes', id]),
  /** one object against the same object elsewhere, and one namespace across clusters (lib/compare/types.ts) */
  compare: () => apiUrl(['compare']),
  drift: () => apiUrl(['drift']),
  login: () => apiUrl(['auth', 'login']),
  tokenLogin: () => apiUrl(['auth', 'token']),
  logout: () => apiUrl(['auth', 'logout']),
  /** ends every session of the current user, in every browser and on every replica */
  logoutEverywhere: () => apiUrl(['auth', 'logout-everywhere']),
  session: () => apiUrl(['auth', 'session']),
};

/** Terminals, debug containers, node shells, port-forwards and the sandboxed HTTP proxy (server/exec). */
export const execUrls = {
  /** add an ephemeral debug container to a pod */
  debug: (cluster: string, namespace: string, pod: string) => clusterUrl(cluster, ['pods', namespace, pod, 'debug']),
  /** start a node shell (a node-debugger pod) on a node */
  nodeShell: (cluster: string, node: string) => clusterUrl(cluster, ['nodes', node, 'shell']),
  /** start a local port-forward to a pod's port */
  portForward: (cluster: string, namespace: string, pod: string) => clusterUrl(cluster, ['pods', namespace, pod, 'portforward']),
  portForwards: () => apiUrl(['portforwards']),
  portForwardOne: (id: string) => apiUrl(['portforwards', id]),
  /** a pod's or Service's HTTP port through the API server's proxy, served in an opaque-origin sandbox */
  proxy: (cluster: string, kind: 'pods' | 'services', namespace: string, name: string, port: string | number) => `${apiUrl(['proxy', cluster, kind, namespace, name, String(port)])}/`,
};
