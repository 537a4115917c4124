import type { Metadata } from 'next';
import { Overview } from '@/components/overview/overview';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  return (
    <div className="mx-auto w-full max-w-[2400px] px-6 py-5">
      <h1 className="mb-4 text-xl font-semibold">Clusters</h1>
      <Overview />
    </div>
  );
}
