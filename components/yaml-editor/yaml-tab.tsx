'use client';
/**
 * The detail page's YAML tab (loaded lazily from components/resource-detail/tabs.ts). The editor starts from the
 * whole object (managedFields and the last-applied annotation included, which the live watch omits): one GET
 * when the tab opens; liveness then comes from the page's watch of the object by name.
 */
import { useQuery } from '@tanstack/react-query';
import type { TabProps } from '@/components/resource-detail/tabs';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { k8sQueries, objectRef, refId } from '@/lib/k8s/client';
import type { JsonObject } from '@/lib/yaml/clean';
import { ObjectEditor, type ObjectEditorProps } from './object-editor';

export default function YamlTab({ cluster, kind, obj }: TabProps) {
  const ref = objectRef(cluster, kind, obj);
  const whole = useQuery({ ...k8sQueries.whole(ref), retry: false });
  if (whole.isPending) return <SkeletonLines lines={12} />;
  // the object could not be read whole (gone since, or forbidden): the page's copy still lets the user look
  const base = whole.data ?? obj;
  return (
    <>
      {whole.isError && <ErrorState compact error={whole.error} title="Could not read the whole object; editing the page's copy" />}
      {/* one editor per object: switching objects must not carry a base or text across */}
      <ObjectEditor key={refId(ref)} cluster={cluster} kind={kind} obj={{ ...base, kind: base.kind ?? kind.kind } as unknown as JsonObject & ObjectEditorProps['obj']} />
    </>
  );
}
