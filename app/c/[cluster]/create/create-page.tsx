'use client';
/** Monaco loads only here (and in the YAML tab): next/dynamic with ssr:false keeps it out of every other page. */
import dynamic from 'next/dynamic';
import { SkeletonLines } from '@/components/ui/skeleton';

const CreateEditor = dynamic(() => import('@/components/yaml-editor/create-editor').then((m) => m.CreateEditor), {
  ssr: false,
  loading: () => <SkeletonLines lines={12} />,
});

export function CreatePage({ cluster }: { cluster: string }) {
  return (
    <div className="p-4">
      <h1 className="mb-3 text-xl font-semibold">Create from YAML</h1>
      <CreateEditor cluster={cluster} />
    </div>
  );
}
