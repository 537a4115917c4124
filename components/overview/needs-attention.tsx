'use client';
import Link from 'next/link';
import { useId } from 'react';
import type { ClusterInfo } from '@/lib/api-client';
import { kinds } from '@/lib/k8s/registry';
import { Age } from '@/components/ui/age';
import { Badge } from '@/components/ui/badge';
import { StatusDot } from '@/components/ui/status-dot';
import { Skeleton } from '@/components/ui/skeleton';
import { attentionItems, type KindRef } from './attention-items';
import { useSummary } from './use-summary';

const kindIndex = new Map<string, KindRef>();
for (const k of kinds) if (!kindIndex.has(k.kind)) kindIndex.set(k.kind, k);
const kindByName = (kind: string) => kindIndex.get(kind);

/** One cluster's share of the list; each cluster loads on its own so none waits for another. */
function ClusterAttention({ cluster }: { cluster: ClusterInfo }) {
  const q = useSummary(cluster.id, cluster.state === 'connected');
  if (cluster.state !== 'connected') return null;
  if (!q.data) {
    return q.isPending ? (
      <li className="px-4 py-2.5" aria-hidden>
        <Skeleton className="h-4 w-1/2" />
      </li>
    ) : null;
  }
  return (
    <>
      {attentionItems(cluster.id, q.data, kindByName).map((it) => {
        const label = (
          <>
            <span className="font-medium">{it.kind}</span>{' '}
            <span className="font-mono">{it.namespace ? `${it.namespace}/${it.name}` : it.name}</span>
          </>
        );
        return (
          <li key={it.key} className="flex items-start gap-3 px-4 py-2">
            <StatusDot tone={it.tone} className="mt-1.5" />
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5 text-sm">
                {it.href ? (
                  <Link href={it.href} className="hover:underline">
                    {label}
                  </Link>
                ) : (
                  <span>{label}</span>
                )}
                <Badge tone={it.tone}>{it.reason}</Badge>
                <span className="text-xs text-fg-muted">{cluster.name}</span>
                {it.count && it.count > 1 ? <span className="text-xs text-fg-muted">×{it.count}</span> : null}
              </div>
              {it.message && <p className="text-xs break-words text-fg-muted">{it.message}</p>}
            </div>
            {it.at && <Age timestamp={it.at} className="shrink-0 text-xs text-fg-muted tabular-nums" />}
          </li>
        );
      })}
    </>
  );
}

export function NeedsAttention({ clusters }: { clusters: ClusterInfo[] }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="rounded-card border border-line bg-surface">
      <h2 id={headingId} className="border-b border-line px-4 py-2.5 text-base font-semibold">
        Needs attention
      </h2>
      <ul className="max-h-[40rem] divide-y divide-line overflow-y-auto">
        {clusters.map((c) => (
          <ClusterAttention key={c.id} cluster={c} />
        ))}
        {/* Shown by CSS when every cluster contributed nothing: no extra coordination between clusters. */}
        <li className="hidden px-4 py-6 text-center text-sm text-fg-muted only:block">
          Nothing needs attention: no crashlooping pods, unavailable workloads, failed jobs, NotReady nodes or warning events.
        </li>
      </ul>
    </section>
  );
}
