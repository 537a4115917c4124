import { Suspense, type ReactNode } from 'react';
import { NamespacePicker } from '@/components/shell/namespace-picker';

/** Cluster pages share a toolbar with the namespace selection (reflected in ?ns=). */
export default async function ClusterLayout({ children, params }: { children: ReactNode; params: Promise<{ cluster: string }> }) {
  const { cluster } = await params;
  const id = decodeURIComponent(cluster);
  return (
    <div className="flex min-h-full flex-col">
      <div className="flex h-11 shrink-0 items-center justify-end gap-2 border-b border-line bg-surface/60 px-4 sm:px-6">
        <Suspense fallback={null}>
          <NamespacePicker cluster={id} />
        </Suspense>
      </div>
      <div className="min-h-0 flex-1">{children}</div>
    </div>
  );
}
