'use client';
import Link from 'next/link';
import { AlertTriangle, CheckCircle2 } from 'lucide-react';
import type { ClusterInfo, ClusterSummary } from '@/lib/api-client';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Skeleton } from '@/components/ui/skeleton';
import { StatusDot } from '@/components/ui/status-dot';
import { errorMessage } from '@/lib/api-client';
import { toneText, type Tone } from '@/components/ui/status';
import { clusterHref } from '@/components/shell/routes';
import { formatBytes, formatCores } from './format';
import { UsageBar } from './usage-bar';
import { useSummary } from './use-summary';

const stateTone: Record<ClusterInfo['state'], Tone> = { connected: 'ok', connecting: 'info', unreachable: 'error' };

function Stat({ label, value, tone }: { label: string; value: string | number; tone?: Tone }) {
  return (
    <div className="min-w-0">
      <dt className="text-2xs font-medium tracking-wide text-fg-muted uppercase">{label}</dt>
      <dd className={`text-lg font-semibold tabular-nums ${tone ? toneText[tone] : ''}`}>{value}</dd>
    </div>
  );
}

function CardBodyLive({ cluster, initial, onRetry }: { cluster: ClusterInfo; initial?: ClusterSummary; onRetry: () => void }) {
  const q = useSummary(cluster.id, cluster.state === 'connected', initial);
  if (cluster.state === 'unreachable') {
    return (
      <div role="alert" className="relative z-10 mt-3 flex items-start gap-2 rounded border border-error/30 bg-error/5 p-2.5">
        <p className="flex-1 font-mono text-xs break-words text-error">{cluster.error ?? 'The cluster does not answer.'}</p>
        <Button size="sm" onClick={onRetry}>
          Retry
        </Button>
      </div>
    );
  }
  if (q.isError) {
    return (
      <div role="alert" className="relative z-10 mt-3 flex items-start gap-2 rounded border border-error/30 bg-error/5 p-2.5">
        <p className="flex-1 font-mono text-xs break-words text-error">{errorMessage(q.error)}</p>
        <Button size="sm" onClick={() => q.refetch()}>
          Retry
        </Button>
      </div>
    );
  }
  const s = q.data;
  if (!s) {
    return (
      <div className="mt-3 space-y-3" aria-busy="true" aria-label="Loading summary">
        <div className="grid grid-cols-4 gap-3">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-9" />
          ))}
        </div>
        <Skeleton className="h-2" />
        <Skeleton className="h-2" />
      </div>
    );
  }
  const problems = s.problems.length;
  return (
    <>
      <dl className="mt-3 grid grid-cols-4 gap-3">
        <Stat label="Nodes" value={`${s.nodes.ready}/${s.nodes.total}`} tone={s.nodes.ready < s.nodes.total ? 'warn' : undefined} />
        <Stat label="Running" value={s.pods.Running} />
        <Stat label="Pending" value={s.pods.Pending} tone={s.pods.Pending > 0 ? 'warn' : undefined} />
        <Stat label="Failed" value={s.pods.Failed} tone={s.pods.Failed > 0 ? 'error' : undefined} />
      </dl>
      <div className="mt-4 space-y-3">
        <UsageBar label="CPU (cores)" capacity={s.cpu.capacity} requests={s.cpu.requests} usage={s.cpu.usage} format={formatCores} />
        <UsageBar label="Memory" capacity={s.memory.capacity} requests={s.memory.requests} usage={s.memory.usage} format={formatBytes} />
      </div>
      <p className="mt-4 flex items-center gap-1.5 text-sm">
        {problems > 0 ? (
          <>
            <AlertTriangle aria-hidden className="h-4 w-4 text-warn" />
            <span>
              <strong className="tabular-nums">{problems}</strong> workload{problems === 1 ? '' : 's'} with problems
            </span>
          </>
        ) : (
          <>
            <CheckCircle2 aria-hidden className="h-4 w-4 text-ok" />
            <span className="text-fg-muted">No workloads with problems</span>
          </>
        )}
      </p>
    </>
  );
}

/**
 * The whole card is clickable through a stretched link whose accessible name is exactly the cluster
 * name (the card's other text stays out of the name); the Retry button sits above it (z-10).
 */
export function ClusterCard({ cluster, initialSummary, onRetry }: { cluster: ClusterInfo; initialSummary?: ClusterSummary; onRetry: () => void }) {
  const version = cluster.version;
  return (
    <article
      aria-label={`Cluster ${cluster.name}`}
      className="relative rounded-card border border-line bg-surface p-4 transition-colors focus-within:border-accent hover:border-accent/60"
    >
      <div className="flex items-center gap-2">
        <StatusDot tone={stateTone[cluster.state]} pulse={cluster.state === 'connecting'} />
        <h2 className="min-w-0 flex-1 truncate text-lg font-semibold">
          <Link href={clusterHref(cluster.id)} className="after:absolute after:inset-0 after:rounded-card focus-visible:outline-none">
            {cluster.name}
          </Link>
        </h2>
        <Badge tone={stateTone[cluster.state]}>{cluster.state}</Badge>
      </div>
      <p className="mt-0.5 text-xs text-fg-muted">{version ? `Kubernetes ${version}` : cluster.state === 'unreachable' ? 'Version unknown' : '\u00a0'}</p>
      <CardBodyLive cluster={cluster} initial={initialSummary} onRetry={onRetry} />
    </article>
  );
}
