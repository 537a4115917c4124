/**
 * Resources stay plain JSON (ARCHITECTURE convention 2): this is the loose shape every page works with.
 * Per-kind helpers in lib/k8s/kinds/ narrow it with kubernetes-types where they need typed fields.
 */
import type { ObjectMeta } from 'kubernetes-types/meta/v1';

export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta & { name: string };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  spec?: any;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  status?: any;
  [key: string]: unknown;
}

/** group '' is the core group (URLs spell it `core`) */
export interface GroupVersionResource {
  group: string;
  version: string;
  resource: string;
}

/** Split an apiVersion ("apps/v1", "v1") into group and version. */
export function parseApiVersion(apiVersion: string | undefined): { group: string; version: string } {
  if (!apiVersion) return { group: '', version: 'v1' };
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? { group: '', version: apiVersion } : { group: apiVersion.slice(0, slash), version: apiVersion.slice(slash + 1) };
}

/** Row identity that survives updates: uid when present, else namespace/name. */
export function objectKey(obj: K8sObject): string {
  return obj.metadata.uid ?? `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}
