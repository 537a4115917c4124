'use client';
import { groupFromSegment } from '@/lib/k8s/links';
import { SkeletonLines } from '@/components/ui/skeleton';
import { ResourceList } from './resource-list';
import { useKindInfo } from './use-kind-info';

/** Route adapter: resolves the kind (registry or CRD) and keys the list by it so state resets per kind. */
export function ResourceListRoute({ cluster, group, version, resource }: { cluster: string; group: string; version: string; resource: string }) {
  const g = groupFromSegment(group);
  const { kind } = useKindInfo(cluster, g, version, resource);
  if (!kind)
    return (
      <div className="p-4" aria-busy="true">
        <SkeletonLines lines={6} />
      </div>
    );
  return <ResourceList key={`${cluster}/${kind.id}/${kind.version}`} cluster={cluster} kind={kind} />;
}
