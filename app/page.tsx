import type { Metadata } from 'next';
import { Overview } from '@/components/overview/overview';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  return (
    <div className="mx-auto w-full max-w-[2400px] px-4 py-5 sm:px-6">
      <h1 className="mb-4 text-xl font-semibold">Clusters</h1>
      <Overview />
    </div>
  );
}
