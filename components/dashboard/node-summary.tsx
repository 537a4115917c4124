'use client';
import Link from 'next/link';
import { nodeReady, nodeRoles, nodeStatus } from '@/lib/k8s/kinds/node';
import { parseQuantity } from '@/lib/k8s/machinery/quantity';
import { Age } from '@/components/ui/age';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { Remount } from '@/components/ui/remount';
import { listHref, objectHref } from '@/components/shell/routes';
import { formatBytes, formatCores } from '@/components/overview/format';
import { useLiveList } from './use-live-list';
import { Tooltip } from '@/components/ui/tooltip';

const MAX_ROWS = 12;

export function NodeSummary({ cluster }: { cluster: string }) {
  return <Remount>{(retry) => <NodeSummaryCard cluster={cluster} retry={retry} />}</Remount>;
}

function NodeSummaryCard({ cluster, retry }: { cluster: string; retry: () => void }) {
  const nodes = useLiveList(cluster, '', 'v1', 'nodes');
  const notReady = nodes.items.filter((n) => !nodeReady(n));
  // NotReady nodes first: they are what someone opening the dashboard is looking for
  const rows = [...notReady, ...nodes.items.filter((n) => nodeReady(n))].slice(0, MAX_ROWS);

  return (
    <Card>
      <CardHeader>
        <CardTitle>Nodes</CardTitle>
        <Link href={listHref(cluster, '', 'v1', 'nodes')} className="text-xs text-accent hover:underline">
          All {nodes.items.length} nodes
        </Link>
      </CardHeader>
      {nodes.error ? (
        <ErrorState className="m-4" compact title="Could not list nodes" error={nodes.error} onRetry={retry} />
      ) : nodes.isPending ? (
        <SkeletonLines className="p-4" lines={4} />
      ) : nodes.items.length === 0 ? (
        <EmptyState title="No nodes" hint="Pods cannot run until a node joins the cluster." />
      ) : (
        <table className="w-full table-fixed text-sm">
          <thead className="text-left text-2xs tracking-wide text-fg-muted uppercase">
            <tr>
              <th className="px-4 py-1.5 font-medium">Name</th>
              <th className="w-24 px-2 py-1.5 font-medium">Status</th>
              <th className="hidden w-24 px-2 py-1.5 font-medium sm:table-cell">Roles</th>
              <th className="w-12 px-2 py-1.5 text-right font-medium">CPU</th>
              <th className="w-20 px-2 py-1.5 text-right font-medium">Memory</th>
              <th className="hidden w-16 px-4 py-1.5 text-right font-medium sm:table-cell">Age</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-line">
            {rows.map((n) => {
              const status = nodeStatus(n);
              const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
              return (
                <tr key={n.metadata.name}>
                  <td className="truncate px-4 py-1.5 font-mono text-xs">
                    <Tooltip content={n.metadata.name}>
                      <Link href={objectHref(cluster, '', 'v1', 'nodes', null, n.metadata.name)} className="hover:underline">
                        {n.metadata.name}
                      </Link>
                    </Tooltip>
                  </td>
                  <td className="px-2 py-1.5">
                    <Badge tone={status.startsWith('Ready') ? (status === 'Ready' ? 'ok' : 'warn') : 'error'}>{status}</Badge>
                  </td>
                  <td className="hidden truncate px-2 py-1.5 text-xs text-fg-muted sm:table-cell">{nodeRoles(n)}</td>
                  <td className="px-2 py-1.5 text-right text-xs tabular-nums">{formatCores(parseQuantity(alloc.cpu) ?? NaN)}</td>
                  <td className="px-2 py-1.5 text-right text-xs tabular-nums">{formatBytes(parseQuantity(alloc.memory) ?? NaN)}</td>
                  <td className="hidden px-4 py-1.5 text-right text-xs text-fg-muted tabular-nums sm:table-cell">
                    <Age timestamp={n.metadata.creationTimestamp} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </Card>
  );
}
