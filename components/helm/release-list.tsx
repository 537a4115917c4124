'use client';
/**
 * Helm releases of one cluster (or of every cluster): the latest revision of each release as helm's labels and the
 * server-decoded chart metadata describe it. Filters: text (name, namespace, chart), status, and on a cluster page
 * the namespace picker's selection. Live: the server says when a cluster's release records change.
 */
import Link from 'next/link';
import { useMemo, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useHelmChanges } from '@/lib/realtime/use-helm-changes';
import { useClusters } from '@/components/shell/use-clusters';
import { useSearchParams } from 'next/navigation';
import { Age, Badge, EmptyState, ErrorState, SkeletonLines, StatusDot } from '@/components/ui';
import { trackScrolledX } from '@/components/resource-table/pinned-columns';
import { parseNsParam } from '@/components/shell/routes';
import { HELM_STATUSES } from '@/lib/helm/types';
import { filterReleases } from './filter';
import { helmKeys, helmQueries, releaseHref } from './api';
import { helmStatusTone } from './status';
import { Tooltip } from '@/components/ui/tooltip';

export function ReleaseList({ cluster }: { cluster?: string }) {
  const q = useQuery(helmQueries.list(cluster));
  const qc = useQueryClient();
  const clusters = useClusters();
  const live = useMemo(() => (cluster ? [cluster] : (clusters.data?.clusters ?? []).map((c) => c.id)), [cluster, clusters.data]);
  // live: a release record written or deleted anywhere shown refetches the list (and the open release pages)
  useHelmChanges(live, (c) => {
    void qc.invalidateQueries({ queryKey: helmKeys.list(cluster) });
    void qc.invalidateQueries({ queryKey: ['helm', c, 'release'] });
  });
  const params = useSearchParams();
  const nsParam = cluster ? params.get('ns') : null;
  const namespaces = useMemo(() => parseNsParam(nsParam), [nsParam]);
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const rows = useMemo(() => filterReleases(q.data?.releases ?? [], { text, status, namespaces }), [q.data, text, status, namespaces]);

  if (q.isPending) return <SkeletonLines lines={6} />;
  if (q.isError) return <ErrorState error={q.error} title="Helm releases could not be listed" onRetry={() => void q.refetch()} />;
  const total = q.data.releases.length;
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-center gap-2">
        <input
          type="search"
          aria-label="Filter releases"
          placeholder="Filter by name, namespace or chart"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className="h-8 w-72 rounded-md border border-line bg-surface px-2 text-sm"
        />
        <select
          aria-label="Status"
          value={status}
          onChange={(e) => setStatus(e.target.value)}
          className="h-8 rounded-md border border-line bg-surface px-2 text-sm"
        >
          <option value="">All statuses</option>
          {HELM_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <span className="text-sm text-fg-muted" role="status">
          {rows.length === total ? `${total} releases` : `${rows.length} of ${total} releases`}
        </span>
      </div>
      {q.data.problems.map((p) => (
        <p key={p.cluster} className="mb-2 text-sm text-error">
          {p.cluster}: {p.message}
        </p>
      ))}
      {rows.length === 0 ? (
        <EmptyState title={total ? 'No release matches the filters' : 'No Helm releases'} />
      ) : (
        <div ref={trackScrolledX} className="group/scroll overflow-auto rounded-card border border-line">
          <table className="w-full border-separate border-spacing-0 text-sm whitespace-nowrap" aria-label="Helm releases">
            <thead className="bg-surface-2 text-left text-xs text-fg-muted">
              <tr>
                <th className="sticky left-0 z-[1] border-r border-line bg-surface-2 px-3 py-2 font-medium">Name</th>
                {!cluster && <th className="px-3 py-2 font-medium">Cluster</th>}
                <th className="px-3 py-2 font-medium">Namespace</th>
                <th className="px-3 py-2 font-medium">Chart</th>
                <th className="px-3 py-2 font-medium">Chart version</th>
                <th className="px-3 py-2 font-medium">App version</th>
                <th className="px-3 py-2 font-medium">Revision</th>
                <th className="px-3 py-2 font-medium">Status</th>
                <th className="px-3 py-2 font-medium">Updated</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={`${r.cluster}/${r.namespace}/${r.name}`} className="[&>td]:border-t [&>td]:border-line">
                  {/* pinned while the rest scrolls sideways; once scrolled it shows the status as a dot */}
                  <td className="sticky left-0 z-[1] border-r border-line bg-canvas px-3 py-1.5">
                    <span className="flex items-center gap-1.5">
                      <span aria-hidden className="hidden group-data-[scrolled-x]/scroll:inline-flex">
                        <StatusDot tone={helmStatusTone(r.status)} />
                      </span>
                      <Link href={releaseHref(r)} className="font-medium text-accent hover:underline">
                        {r.name}
                      </Link>
                    </span>
                  </td>
                  {!cluster && <td className="px-3 py-1.5">{r.cluster}</td>}
                  <td className="px-3 py-1.5">{r.namespace}</td>
                  <td className="px-3 py-1.5">
                    {r.chartPending ? (
                      <Tooltip content="Reading the chart from the release record" focusable>
                        <span>…</span>
                      </Tooltip>
                    ) : (
                      (r.chart ?? '—')
                    )}
                  </td>
                  <td className="px-3 py-1.5">{r.chartVersion ?? '—'}</td>
                  <td className="px-3 py-1.5">{r.appVersion ?? '—'}</td>
                  <td className="px-3 py-1.5 tabular-nums">{r.revision}</td>
                  <td className="px-3 py-1.5">
                    <Badge tone={helmStatusTone(r.status)}>{r.status}</Badge>
                  </td>
                  <td className="px-3 py-1.5">{r.updated ? <Age timestamp={r.updated} /> : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
