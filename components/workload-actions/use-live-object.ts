'use client';
/**
 * The live version of one object: the watch of that object by name (shared with the detail page, which watches
 * the same tuple — components/resource-detail/use-object.ts), falling back to the REST-fetched object until the
 * watch has it (and after a deletion, so controls keep showing the last known state).
 */
import type { KindInfo } from '@/lib/k8s/registry';
import type { K8sObject } from '@/lib/k8s/types';
import { useWatchedObject } from '@/components/resource-detail/use-object';

export function useLiveObject(cluster: string, kind: Pick<KindInfo, 'group' | 'version' | 'plural'>, obj: K8sObject): K8sObject {
  const { obj: live } = useWatchedObject({ cluster, group: kind.group, version: kind.version, resource: kind.plural, namespace: obj.metadata.namespace, name: obj.metadata.name });
  return live ? { ...live, kind: live.kind ?? obj.kind } : obj;
}
