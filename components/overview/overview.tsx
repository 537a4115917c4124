'use client';
import { Server } from 'lucide-react';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { useClusters } from '@/components/shell/use-clusters';
import type { OverviewSnapshot } from '@/lib/overview-snapshot';
import { ClusterCard } from './cluster-card';
import { NeedsAttention } from './needs-attention';

const grid = 'grid gap-4 grid-cols-[repeat(auto-fill,minmax(22rem,1fr))]';

/**
 * `initial`: what the page's server render knew (lib/overview-snapshot.ts): the cards, and the figures of every
 * cluster whose summary was ready, are in the HTML; the live query and socket take over after hydration.
 */
export function Overview({ initial }: { initial?: OverviewSnapshot }) {
  const q = useClusters();
  const data = q.data ?? (initial ? { clusters: initial.clusters } : undefined);
  if (!data && q.isPending) {
    return (
      <div className={grid} aria-busy="true" aria-label="Loading clusters">
        {[0, 1].map((i) => (
          <Skeleton key={i} className="h-56 rounded-card" />
        ))}
      </div>
    );
  }
  if (!data) {
    return <ErrorState title="Could not load the clusters" error={q.error} onRetry={() => q.refetch()} />;
  }
  const clusters = data.clusters;
  if (clusters.length === 0) {
    return (
      <EmptyState
        icon={<Server aria-hidden className="h-6 w-6" />}
        title="No clusters configured"
        hint="Point KUBECONFIG at a kubeconfig file with at least one context, or start Wheelhouse with its embedded sandbox clusters enabled, then reload this page."
      />
    );
  }
  return (
    <div className="space-y-6">
      <div className={grid}>
        {clusters.map((c) => (
          <ClusterCard key={c.id} cluster={c} initialSummary={initial?.summaries[c.id]} onRetry={() => void q.refetch()} />
        ))}
      </div>
      <NeedsAttention clusters={clusters} />
    </div>
  );
}
