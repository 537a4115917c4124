import { Suspense } from 'react';
import type { Metadata } from 'next';
import { CompareView } from '@/components/compare/compare-view';

type Params = { cluster: string; group: string; version: string; resource: string; namespace: string; name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `Compare ${decodeURIComponent(p.name)} · ${decodeURIComponent(p.resource)}` };
}

/** One object against the same object in another cluster or namespace, or against a recorded version (?change=). */
export default async function ComparePage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const d = decodeURIComponent;
  return (
    <Suspense>
      <CompareView cluster={d(p.cluster)} group={d(p.group)} version={d(p.version)} resource={d(p.resource)} namespace={d(p.namespace)} name={d(p.name)} />
    </Suspense>
  );
}
