import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ReleaseList } from '@/components/helm/release-list';

export const metadata: Metadata = { title: 'Helm releases' };

/** /helm: the Helm releases of every cluster. */
export default function AllHelmReleasesPage() {
  return (
    <div className="mx-auto w-full max-w-[2400px] px-6 py-5">
      <h1 className="mb-4 text-xl font-semibold">Helm releases in all clusters</h1>
      <Suspense fallback={null}>
        <ReleaseList />
      </Suspense>
    </div>
  );
}
