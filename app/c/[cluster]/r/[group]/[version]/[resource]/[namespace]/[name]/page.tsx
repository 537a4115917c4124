import { Suspense } from 'react';
import type { Metadata } from 'next';
import { ResourceDetailRoute } from '@/components/resource-detail/resource-detail-route';

type Params = { cluster: string; group: string; version: string; resource: string; namespace: string; name: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${decodeURIComponent(p.name)} · ${decodeURIComponent(p.resource)}` };
}

export default async function ResourceDetailPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const d = decodeURIComponent;
  return (
    // the tabs read ?tab= through useSearchParams, which needs a Suspense boundary
    <Suspense>
      <ResourceDetailRoute cluster={d(p.cluster)} group={d(p.group)} version={d(p.version)} resource={d(p.resource)} namespace={d(p.namespace)} name={d(p.name)} />
    </Suspense>
  );
}
