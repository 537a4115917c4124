'use client';
import Link from 'next/link';
import { Server } from 'lucide-react';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { toneText, type Tone } from '@/components/ui/status';
import { ApiRequestError } from '@/lib/api-client';
import type { ClusterInfo } from '@/lib/api-client';
import { useClusters } from '@/components/shell/use-clusters';
import { useSummary } from '@/components/overview/use-summary';
import { NeedsAttention } from '@/components/overview/needs-attention';
import { ResourceCharts } from './resource-charts';
import { NodeSummary } from './node-summary';
import { WorkloadHealth } from './workload-health';
import { EventStream } from './event-stream';

const stateTone: Record<ClusterInfo['state'], Tone> = { connected: 'ok', connecting: 'info', unreachable: 'error' };

function Stat({ label, value, tone }: { label: string; value: number | string | undefined; tone?: Tone }) {
  return (
    <Card className="px-4 py-3">
      <dt className="text-2xs font-medium tracking-wide text-fg-muted uppercase">{label}</dt>
      <dd className={`text-2xl font-semibold tabular-nums ${tone ? toneText[tone] : ''}`}>
        {value ?? <Skeleton className="mt-1 h-6 w-12" />}
      </dd>
    </Card>
  );
}

function DashboardBody({ cluster }: { cluster: ClusterInfo }) {
  const q = useSummary(cluster.id);
  const s = q.data;
  return (
    <div className="space-y-4">
      {q.isError && <ErrorState title="Could not load the cluster summary" error={q.error} onRetry={() => q.refetch()} />}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-6">
        <Stat label="Nodes ready" value={s && `${s.nodes.ready}/${s.nodes.total}`} tone={s && s.nodes.ready < s.nodes.total ? 'warn' : undefined} />
        <Stat label="Pods running" value={s?.pods.Running} />
        <Stat label="Pending" value={s?.pods.Pending} tone={s?.pods.Pending ? 'warn' : undefined} />
        <Stat label="Failed" value={s?.pods.Failed} tone={s?.pods.Failed ? 'error' : undefined} />
        <Stat label="Succeeded" value={s?.pods.Succeeded} />
        <Stat label="Problems" value={s?.problems.length} tone={s?.problems.length ? 'warn' : 'ok'} />
      </dl>
      <ResourceCharts cluster={cluster.id} summary={s} />
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <NodeSummary cluster={cluster.id} />
        <WorkloadHealth cluster={cluster.id} />
      </div>
      <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
        <NeedsAttention clusters={[cluster]} />
        <EventStream cluster={cluster.id} />
      </div>
    </div>
  );
}

export function Dashboard({ clusterId }: { clusterId: string }) {
  const clusters = useClusters();
  const cluster = clusters.data?.clusters.find((c) => c.id === clusterId);

  let body;
  if (clusters.isPending) body = <Skeleton className="h-64 w-full rounded-card" />;
  else if (clusters.isError && !clusters.data)
    body = <ErrorState title="Could not load the clusters" error={clusters.error} onRetry={() => clusters.refetch()} />;
  else if (!cluster)
    body = (
      <EmptyState
        icon={<Server aria-hidden className="h-6 w-6" />}
        title={`No cluster named “${clusterId}”`}
        hint="It may have been removed from the kubeconfig. Pick a cluster from the overview."
        action={
          <Link href="/" className="text-accent hover:underline">
            Go to the overview
          </Link>
        }
      />
    );
  else if (cluster.state === 'unreachable')
    body = (
      <ErrorState
        title={`${cluster.name} is unreachable`}
        error={new ApiRequestError({ status: 503, reason: 'Unreachable', message: cluster.error ?? 'The cluster does not answer.', cluster: cluster.id })}
        onRetry={() => clusters.refetch()}
      />
    );
  else if (cluster.state === 'connecting') body = <Skeleton className="h-64 w-full rounded-card" />;
  else body = <DashboardBody cluster={cluster} />;

  return (
    <div className="mx-auto w-full max-w-[2400px] space-y-4 px-4 py-5 sm:px-6">
      <div className="flex items-center gap-3">
        <h1 className="text-xl font-semibold">{cluster?.name ?? clusterId}</h1>
        {cluster && <Badge tone={stateTone[cluster.state]}>{cluster.state}</Badge>}
        {cluster?.version && <span className="text-sm text-fg-muted">Kubernetes {cluster.version}</span>}
      </div>
      {body}
    </div>
  );
}
