import type { Metadata } from 'next';
import { CreatePage } from './create-page';

type Params = Promise<{ cluster: string }>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  return { title: `Create from YAML · ${decodeURIComponent((await params).cluster)}` };
}

export default async function CreateFromYamlPage({ params }: { params: Params }) {
  const { cluster } = await params;
  return <CreatePage cluster={decodeURIComponent(cluster)} />;
}
