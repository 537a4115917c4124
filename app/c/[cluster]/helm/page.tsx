import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ReleaseList } from '@/components/helm/release-list';

export const metadata: Metadata = { title: 'Helm releases' };

/** /c/[cluster]/helm: the cluster's Helm releases (namespace picker's selection applies). */
export default async function ClusterHelmPage({ params }: { params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  return (
    <div className="mx-auto w-full max-w-[2400px] px-6 py-5">
      <h1 className="mb-4 text-xl font-semibold">Helm releases</h1>
      <Suspense fallback={null}>
        <ReleaseList cluster={decodeURIComponent(cluster)} />
      </Suspense>
    </div>
  );
}
