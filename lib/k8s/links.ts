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

/** The change history of a cluster (`/c/[cluster]/changes`), or of every cluster (`/changes`). */
export function changesHref(cluster?: string): string {
  return cluster ? `/c/${encodeURIComponent(cluster)}/changes` : '/changes';
}

export interface CompareTarget {
  /** the other cluster (default: the object's own) */
  with?: string;
  /** the other namespace (default: the object's own) */
  withNamespace?: string;
  /** a change record id: compare with the version recorded by that change */
  change?: string;
}

/** `/c/[cluster]/compare/[group]/[version]/[resource]/[namespace|_]/[name]?with=&withNamespace=&change=` */
export function compareHref(cluster: string, gvr: Gvr, namespace: string | undefined | null, name: string, target: CompareTarget = {}): string {
  const path = `/c/${encodeURIComponent(cluster)}/compare/${encodeURIComponent(groupSegment(gvr.group))}/${encodeURIComponent(gvr.version)}/${encodeURIComponent(resourceOf(gvr))}/${encodeURIComponent(namespace || CLUSTER_SCOPED_SEGMENT)}/${encodeURIComponent(name)}`;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(target)) if (v) q.set(k, v);
  const s = q.toString();
  return s ? `${path}?${s}` : path;
}

/** `/c/[cluster]/drift/[namespace]?clusters=a,b`: the namespace in this cluster against the others */
export function driftHref(cluster: string, namespace: string, others: string[] = []): string {
  const path = `/c/${encodeURIComponent(cluster)}/drift/${encodeURIComponent(namespace)}`;
  return others.length ? `${path}?clusters=${others.map(encodeURIComponent).join(',')}` : path;
}
