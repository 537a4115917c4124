import type { Metadata } from 'next';
import { Dashboard } from '@/components/dashboard/dashboard';

type Params = Promise<{ cluster: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: decodeURIComponent((await params).cluster) };
}

export default async function ClusterDashboardPage({ params }: { params: Params }) {
  const { cluster } = await params;
  return <Dashboard clusterId={decodeURIComponent(cluster)} />;
}
