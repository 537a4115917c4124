import type { Metadata } from 'next';
import { ReleasePage } from '@/components/helm/release-page';

export async function generateMetadata({ params }: { params: Promise<{ name: string }> }): Promise<Metadata> {
  return { title: `${decodeURIComponent((await params).name)} · Helm release` };
}

/** /c/[cluster]/helm/[namespace]/[name]: one Helm release. */
export default async function HelmReleasePage({ params }: { params: Promise<{ cluster: string; namespace: string; name: string }> }) {
  const p = await params;
  return (
    <div className="mx-auto w-full max-w-[2400px] px-6 py-5">
      <ReleasePage release={{ cluster: decodeURIComponent(p.cluster), namespace: decodeURIComponent(p.namespace), name: decodeURIComponent(p.name) }} />
    </div>
  );
}
