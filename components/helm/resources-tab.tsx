'use client';
/** The current manifest's objects with their live status (read as the person), linking to their pages. */
import Link from 'next/link';
import { useQuery } from '@tanstack/react-query';
import { Badge, ErrorState, SkeletonLines } from '@/components/ui';
import { objectHref } from '@/lib/k8s/links';
import { helmQueries, type ReleaseId } from './api';

export function ResourcesTab({ release }: { release: ReleaseId }) {
  const q = useQuery(helmQueries.resources(release));
  if (q.isPending) return <SkeletonLines lines={4} />;
  if (q.isError) return <ErrorState error={q.error} title="The release's objects could not be read" onRetry={() => void q.refetch()} />;
  if (!q.data.resources.length) return <p className="text-sm text-fg-muted">The current manifest has no objects.</p>;
  return (
    <table className="w-full text-sm" aria-label="Release resources">
      <thead className="text-left text-xs text-fg-muted">
        <tr>
          <th className="py-1 pr-3 font-medium">Kind</th>
          <th className="py-1 pr-3 font-medium">Name</th>
          <th className="py-1 pr-3 font-medium">Namespace</th>
          <th className="py-1 pr-3 font-medium">Status</th>
        </tr>
      </thead>
      <tbody>
        {q.data.resources.map(({ ref, exists, status, tone }) => (
          <tr key={`${ref.apiVersion}/${ref.kind}/${ref.namespace ?? ''}/${ref.name}`} className="border-t border-line">
            <td className="py-1.5 pr-3">{ref.kind}</td>
            <td className="py-1.5 pr-3">
              {exists && ref.resource ? (
                <Link className="text-accent hover:underline" href={objectHref(release.cluster, { group: ref.group ?? '', version: ref.version ?? '', plural: ref.resource }, ref.namespace, ref.name)}>
                  {ref.name}
                </Link>
              ) : (
                ref.name
              )}
            </td>
            <td className="py-1.5 pr-3">{ref.namespace ?? '—'}</td>
            <td className="py-1.5 pr-3">
              <Badge tone={tone}>{status}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
