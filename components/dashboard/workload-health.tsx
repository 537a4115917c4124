'use client';
import Link from 'next/link';
import { workloadHealthy } from '@/lib/k8s/kinds/workloads';
import { Card, CardBody, CardHeader, CardTitle } from '@/components/ui/card';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { Remount } from '@/components/ui/remount';
import { listHref } from '@/components/shell/routes';
import { fraction, percent } from '@/components/overview/format';
import { useLiveList } from './use-live-list';

const WORKLOADS = [
  { kind: 'Deployment', title: 'Deployments', group: 'apps', version: 'v1', resource: 'deployments' },
  { kind: 'StatefulSet', title: 'StatefulSets', group: 'apps', version: 'v1', resource: 'statefulsets' },
  { kind: 'DaemonSet', title: 'DaemonSets', group: 'apps', version: 'v1', resource: 'daemonsets' },
] as const;

function WorkloadRow({ cluster, w, retry }: { cluster: string; w: (typeof WORKLOADS)[number]; retry: () => void }) {
  const list = useLiveList(cluster, w.group, w.version, w.resource);
  // list items carry no kind; the health rule depends on it
  const healthy = list.items.filter((o) => workloadHealthy({ ...o, kind: w.kind })).length;
  const total = list.items.length;
  const degraded = total - healthy;
  return (
    <li className="py-2">
      <div className="mb-1 flex items-baseline justify-between gap-2 text-sm">
        <Link href={listHref(cluster, w.group, w.version, w.resource)} className="font-medium hover:underline">
          {w.title}
        </Link>
        {list.isPending ? (
          <Skeleton className="h-3 w-16" />
        ) : (
          <span className="text-xs text-fg-muted tabular-nums">
            {healthy}/{total} healthy
            {degraded > 0 && <span className="ml-1 text-warn">· {degraded} degraded</span>}
          </span>
        )}
      </div>
      {list.error ? (
        <ErrorState compact title={`Could not list ${w.title.toLowerCase()}`} error={list.error} onRetry={retry} />
      ) : (
        <div
          role="meter"
          aria-label={`${w.title} healthy`}
          aria-valuemin={0}
          aria-valuemax={total}
          aria-valuenow={healthy}
          className="flex h-2 overflow-hidden rounded-full bg-surface-2"
        >
          <div className="bg-ok" style={{ width: percent(fraction(healthy, total)) }} />
          <div className="bg-warn" style={{ width: percent(fraction(degraded, total)) }} />
        </div>
      )}
    </li>
  );
}

export function WorkloadHealth({ cluster }: { cluster: string }) {
  return (
    <Card>
      <CardHeader>
        <CardTitle>Workload health</CardTitle>
      </CardHeader>
      <CardBody className="py-1">
        <ul className="divide-y divide-line">
          {WORKLOADS.map((w) => (
            <Remount key={w.resource}>{(retry) => <WorkloadRow cluster={cluster} w={w} retry={retry} />}</Remount>
          ))}
        </ul>
      </CardBody>
    </Card>
  );
}
