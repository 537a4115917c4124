import type { Metadata } from 'next';
import { Suspense } from 'react';
import { ChangesPage } from '@/components/changes/changes-page';

export const metadata: Metadata = { title: 'Changes' };

/** /changes: what changed in every cluster the user may read. */
export default function AllChangesPage() {
  return (
    <div className="mx-auto w-full max-w-[2400px] px-4 py-5 sm:px-6">
      <h1 className="mb-4 text-xl font-semibold">Changes in all clusters</h1>
      <Suspense fallback={null}>
        <ChangesPage />
      </Suspense>
    </div>
  );
}
