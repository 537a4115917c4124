/**
 * Deletes objects through the BFF with a small concurrency cap, collecting per-object failures so one
 * forbidden delete does not hide the others. Each delete names the object's uid as a precondition: what the
 * user selected is what goes, never an object re-created under the same name since.
 */
import { errorMessage } from '@/lib/api-client';
import { deleteObject, objectRef, type KindLike } from '@/lib/k8s/client';
import type { K8sObject } from '@/lib/k8s/types';

export async function deleteObjects(
  cluster: string,
  kind: KindLike,
  objs: Pick<K8sObject, 'metadata'>[],
  concurrency = 6,
): Promise<{ name: string; error: string }[]> {
  const failures: { name: string; error: string }[] = [];
  let next = 0;
  async function worker() {
    while (next < objs.length) {
      const o = objs[next++];
      try {
        await deleteObject(objectRef(cluster, kind, o), { propagationPolicy: 'Background', preconditions: { uid: o.metadata.uid } });
      } catch (err) {
        failures.push({ name: o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name, error: errorMessage(err) });
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, objs.length) }, worker));
  return failures;
}
