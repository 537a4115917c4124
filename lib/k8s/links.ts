/**
 * URL helpers for list and object pages. The core group is spelled `core` and cluster-scoped objects use the
 * namespace `_`, so every path segment is non-empty and the routes stay one shape.
 */
import type { GroupVersionResource } from './types';

import { groupSegment } from './client/ref';

export { CORE_GROUP_SEGMENT, groupSegment, groupFromSegment } from './client/ref';
export const CLUSTER_SCOPED_SEGMENT = '_';

type Gvr = GroupVersionResource | { group: string; version: string; plural: string };

function resourceOf(g: Gvr): string {
  return 'plural' in g ? g.plural : g.resource;
}

export function namespaceFromSegment(segment: string): string | undefined {
  return segment === CLUSTER_SCOPED_SEGMENT ? undefined : segment;
}

/** `/c/[cluster]/r/[group]/[version]/[resource]`, optionally with the namespace filter `?ns=a,b`. */
export function listHref(cluster: string, gvr: Gvr, opts: { namespaces?: string[] } = {}): string {
  const base = `/c/${encodeURIComponent(cluster)}/r/${encodeURIComponent(groupSegment(gvr.group))}/${encodeURIComponent(gvr.version)}/${encodeURIComponent(resourceOf(gvr))}`;
  const ns = opts.namespaces?.filter(Boolean) ?? [];
  return ns.length ? `${base}?ns=${ns.map(encodeURIComponent).join(',')}` : base;
}

/** `/c/[cluster]/r/[group]/[version]/[resource]/[namespace|_]/[name]` */
export function objectHref(cluster: string, gvr: Gvr, namespace: string | undefined | null, name: string, tab?: string): string {
  const path = `${listHref(cluster, gvr)}/${encodeURIComponent(namespace || CLUSTER_SCOPED_SEGMENT)}/${encodeURIComponent(name)}`;
  return tab ? `${path}?tab=${encodeURIComponent(tab)}` : path;
}

/** Parse `?ns=a,b` into a sorted, de-duplicated namespace list ([] = all namespaces). */
export function parseNamespaces(param: string | string[] | null | undefined): string[] {
  const raw = Array.isArray(param) ? param.join(',') : param ?? '';
  return [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))].sort();
}
