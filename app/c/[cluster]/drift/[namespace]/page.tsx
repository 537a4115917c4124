import { Suspense } from 'react';
import type { Metadata } from 'next';
import { DriftView } from '@/components/compare/drift-view';

type Params = Promise<{ cluster: string; namespace: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Drift · ${decodeURIComponent((await params).namespace)}` };
}

/** A namespace in this cluster against the same namespace in other clusters (?clusters=a,b). */
export default async function DriftPage({ params }: { params: Params }) {
  const p = await params;
  return (
    <Suspense>
      <DriftView cluster={decodeURIComponent(p.cluster)} namespace={decodeURIComponent(p.namespace)} />
    </Suspense>
  );
}
