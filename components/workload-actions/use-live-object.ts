'use client';
/**
 * The live version of one object: a watch on its kind in its namespace (shared with any list page that
 * watches the same tuple), picked by name; falls back to the REST-fetched object until the watch is live.
 * Watching a namespace for one object is the known cost of the watch protocol carrying no field selector.
 */
import { useWatch } from '@/lib/realtime/use-watch';
import type { KindInfo } from '@/lib/k8s/registry';
import type { K8sObject } from '@/lib/k8s/types';

export function useLiveObject(cluster: string, kind: Pick<KindInfo, 'group' | 'version' | 'plural'>, obj: K8sObject): K8sObject {
  const w = useWatch({ cluster, group: kind.group, version: kind.version, resource: kind.plural, namespace: obj.metadata.namespace });
  const live = w.items.find((o) => o.metadata.name === obj.metadata.name) as K8sObject | undefined;
  return live ? { ...live, kind: live.kind ?? obj.kind } : obj;
}
