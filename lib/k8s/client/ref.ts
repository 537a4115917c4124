/**
 * How the browser names a Kubernetes resource or object: ONE shape, ResourceRef, with the core group spelled
 * '' as Kubernetes spells it (apiVersion "v1", the registry, the watch protocol). URLs spell it `core` so every
 * path segment is non-empty; groupSegment/groupFromSegment are the only conversions, used at that edge only.
 * Pure and runtime-neutral: the BFF parses the same segment with groupFromSegment.
 */

export interface ResourceRef {
  cluster: string;
  /** '' for the core group */
  group: string;
  version: string;
  /** plural resource name, e.g. "deployments" */
  resource: string;
  /** absent for cluster-scoped kinds, and for a list across all namespaces */
  namespace?: string;
  name?: string;
}

/** A ref to one object. */
export type ObjectRef = ResourceRef & { name: string };

export const CORE_GROUP = '';
/** the core group's spelling in URL path segments (BFF routes and page routes) */
export const CORE_GROUP_SEGMENT = 'core';

export function groupSegment(group: string): string {
  return group === CORE_GROUP ? CORE_GROUP_SEGMENT : group;
}

/** Inverse of groupSegment: a path segment to the group. */
export function groupFromSegment(segment: string): string {
  return segment === CORE_GROUP_SEGMENT ? CORE_GROUP : segment;
}

/** "v1" for the core group, "<group>/<version>" otherwise. */
export function apiVersionOf(group: string, version: string): string {
  return group === CORE_GROUP ? version : `${group}/${version}`;
}

/** Anything that names a kind: the registry's KindInfo, a discovery entry. */
export interface KindLike {
  group: string;
  version: string;
  plural: string;
}

/** The ref of a kind's resource, optionally narrowed to a namespace. */
export function resourceRef(cluster: string, kind: KindLike, namespace?: string): ResourceRef {
  return { cluster, group: kind.group, version: kind.version, resource: kind.plural, ...(namespace ? { namespace } : {}) };
}

/** The ref of one object of a kind (its name and namespace from its metadata). */
export function objectRef(cluster: string, kind: KindLike, obj: { metadata: { name: string; namespace?: string } }): ObjectRef {
  return { ...resourceRef(cluster, kind, obj.metadata.namespace), name: obj.metadata.name };
}

/** A ref's identity as one string (map keys, React keys, editor model ids, session storage keys). */
export function refId(ref: ResourceRef): string {
  return [ref.cluster, groupSegment(ref.group), ref.version, ref.resource, ref.namespace || '_', ref.name ?? ''].join('/');
}
