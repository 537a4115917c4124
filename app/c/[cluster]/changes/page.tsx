import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ChangesPage } from '@/components/changes/changes-page';

type Params = Promise<{ cluster: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Changes · ${decodeURIComponent((await params).cluster)}` };
}

/** /c/[cluster]/changes: what changed in one cluster (the namespace filter starts from ?ns= when one is selected). */
export default async function ClusterChangesPage({ params }: { params: Params }) {
  const cluster = decodeURIComponent((await params).cluster);
  return (
    <div className="mx-auto w-full max-w-[2400px] px-4 py-5 sm:px-6">
      <h1 className="mb-4 text-xl font-semibold">Changes in {cluster}</h1>
      <Suspense fallback={null}>
        <ChangesPage cluster={cluster} />
      </Suspense>
    </div>
  );
}
