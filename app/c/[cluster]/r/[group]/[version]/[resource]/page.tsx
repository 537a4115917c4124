import { Suspense } from 'react';
import type { Metadata } from 'next';
import { ResourceListRoute } from '@/components/resource-table/resource-list-route';

type Params = { cluster: string; group: string; version: string; resource: string };

export async function generateMetadata({ params }: { params: Promise<Params> }): Promise<Metadata> {
  const p = await params;
  return { title: `${decodeURIComponent(p.resource)} · ${decodeURIComponent(p.cluster)}` };
}

export default async function ResourceListPage({ params }: { params: Promise<Params> }) {
  const p = await params;
  const d = decodeURIComponent;
  return (
    // useSearchParams (namespace filter) needs a Suspense boundary
    <Suspense>
      <ResourceListRoute cluster={d(p.cluster)} group={d(p.group)} version={d(p.version)} resource={d(p.resource)} />
    </Suspense>
  );
}
