/** Per-kind write rules used by ops.ts: create preparation, generation tracking, no-op detection. */
import type { KObject } from '../types';
import { hasSubresource, type ServedKind } from '../kinds';
import type { KindRegistry } from './kind-registry';
import { crdStatus } from './crd';
import { qosClass } from './meta';
import { deepEqual } from '../../../lib/k8s/machinery/equal';
import { admitPod } from './defaults';

/** Kind-specific create rules (upstream PrepareForCreate). */
export function prepareCreate(k: ServedKind, o: KObject, kinds: KindRegistry): void {
  const key = `${k.group}/${k.kind}`;
  if (key === '/Namespace') o.status = { phase: 'Active' };
  else if (key === '/Pod') {
    admitPod(o);
    o.status = { phase: 'Pending', qosClass: qosClass(o) };
  }
  else if (key === '/PersistentVolumeClaim' || key === '/PersistentVolume') o.status = { phase: 'Pending' };
  else if (key === 'apiextensions.k8s.io/CustomResourceDefinition') o.status = crdStatus(o, kinds);
  else if (key === '/Node') o.status ??= {};
  else if (hasSubresource(k, 'status')) delete o.status;
  if (key === 'batch/Job') {
    const spec = (o.spec ??= {}) as { selector?: unknown; manualSelector?: boolean; template?: { metadata?: { labels?: Record<string, string> } } };
    if (!spec.manualSelector) {
      const uid = o.metadata.uid!;
      spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
      const tm = ((spec.template ??= {}).metadata ??= {});
      tm.labels = {
        ...tm.labels,
        'batch.kubernetes.io/controller-uid': uid,
        'batch.kubernetes.io/job-name': o.metadata.name ?? '',
        'controller-uid': uid,
        'job-name': o.metadata.name ?? '',
      };
    }
  }
  if (key === '/Service' && hasSubresource(k, 'status')) o.status = { loadBalancer: {} };
}

/** Whether an update changes what metadata.generation tracks (spec; for custom resources all but metadata/status). */
export function specChanged(k: ServedKind, a: KObject, b: KObject, custom: boolean): boolean {
  if (custom) {
    const strip = (o: KObject) => {
      const { metadata: _m, status, ...rest } = o as KObject & { status?: unknown };
      return hasSubresource(k, 'status') ? rest : { ...rest, status };
    };
    const sa = strip(a) as Record<string, unknown>;
    const sb = strip(b) as Record<string, unknown>;
    delete sa.apiVersion;
    delete sb.apiVersion;
    return !deepEqual(sa, sb);
  }
  return !deepEqual(a.spec, b.spec);
}

/** No-op detection: an update that changes nothing but bookkeeping is not written (like etcd's). */
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
