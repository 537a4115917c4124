import type { Metadata } from 'next';
import { headers } from 'next/headers';
import { Overview } from '@/components/overview/overview';
import { overviewSnapshot } from '@/lib/overview-snapshot';

export const metadata: Metadata = { title: 'Overview' };

/** Rendered per request: the cards and the summaries the console already has are in the HTML (lib/overview-snapshot.ts). */
export default async function OverviewPage() {
  const initial = await overviewSnapshot((await headers()).get('cookie') ?? undefined);
  return (
    <div className="mx-auto w-full max-w-[2400px] px-4 py-5 sm:px-6">
      <h1 className="mb-4 text-xl font-semibold">Clusters</h1>
      <Overview initial={initial} />
    </div>
  );
}
