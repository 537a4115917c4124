/**
 * API paths built only from validated tuples (convention 8). Every segment goes through
 * encodeURIComponent even after validation, so a validator bug cannot become a path traversal.
 */
import { z } from 'zod';
import { groupName, k8sName, resourceName, versionName } from '../../lib/protocol';

export const gvrTuple = z.object({
  group: groupName,
  version: versionName,
  resource: resourceName,
  namespace: k8sName.max(63).optional(),
  name: k8sName.optional(),
  subresource: z.enum(['status', 'scale']).optional(),
});
export type GvrTuple = z.infer<typeof gvrTuple>;

const seg = encodeURIComponent;

/** '/api/v1' for the core group, '/apis/<group>/<version>' otherwise. */
export function groupVersionPath(group: string, version: string): string {
  return group === '' ? `/api/${seg(version)}` : `/apis/${seg(group)}/${seg(version)}`;
}

export function apiVersionOf(group: string, version: string): string {
  return group === '' ? version : `${group}/${version}`;
}

/** Throws (zod) when the tuple is not valid; callers validate earlier to answer 400 themselves. */
export function resourcePath(t: GvrTuple): string {
  const v = gvrTuple.parse(t);
  let p = groupVersionPath(v.group, v.version);
  if (v.namespace !== undefined) p += `/namespaces/${seg(v.namespace)}`;
  p += `/${seg(v.resource)}`;
  if (v.name !== undefined) {
    p += `/${seg(v.name)}`;
    if (v.subresource !== undefined) p += `/${seg(v.subresource)}`;
  }
  return p;
}

/** Query strings from a fixed set of known keys only; values are encoded by URLSearchParams. */
export function queryString(q: Record<string, string | number | boolean | undefined>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}
