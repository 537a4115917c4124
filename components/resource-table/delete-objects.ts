/**
 * Deletes objects through the BFF with a small concurrency cap, collecting per-object failures so one
 * forbidden delete does not hide the others.
 */
import { clusterApi, errorMessage, fetchJson } from '@/lib/api-client';
import { groupSegment } from '@/lib/k8s/links';
import type { K8sObject } from '@/lib/k8s/types';

export interface DeleteTarget {
  cluster: string;
  group: string;
  version: string;
  resource: string;
}

export function deleteUrl(t: DeleteTarget, obj: Pick<K8sObject, 'metadata'>): string {
  const qs = new URLSearchParams({ propagationPolicy: 'Background' });
  if (obj.metadata.namespace) qs.set('namespace', obj.metadata.namespace);
  return `${clusterApi(t.cluster, 'resources', groupSegment(t.group), t.version, t.resource, obj.metadata.name)}?${qs}`;
}

export async function deleteObjects(
  t: DeleteTarget,
  objs: Pick<K8sObject, 'metadata'>[],
  concurrency = 6,
): Promise<{ name: string; error: string }[]> {
  const failures: { name: string; error: string }[] = [];
  let next = 0;
  async function worker() {
    while (next < objs.length) {
      const o = objs[next++];
      try {
        await fetchJson(deleteUrl(t, o), { method: 'DELETE' });
      } catch (err) {
        failures.push({ name: o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name, error: errorMessage(err) });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, objs.length) }, worker));
  return failures;
}
