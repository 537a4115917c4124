/** No-op detection: an update that changes nothing but bookkeeping is not written (like etcd's). */
import type { KObject } from '../../types';
import { deepEqual } from '../../../../lib/k8s/machinery/equal';

export function sameExceptVersion(a: KObject, b: KObject): boolean {
  const { resourceVersion: _x, managedFields: ma, ...am } = a.metadata;
  const { resourceVersion: _y, managedFields: mb, ...bm } = b.metadata;
  if (!deepEqual(am, bm)) return false;
  const { metadata: _a, ...ar } = a;
  const { metadata: _b, ...br } = b;
  if (!deepEqual(ar, br)) return false;
  // managedFields timestamps change on every call; only structural changes count
  const strip = (m: unknown) => (Array.isArray(m) ? m.map((e) => ({ ...e, time: undefined })) : m);
  return deepEqual(strip(ma), strip(mb));
}
