'use client';
/**
 * Detail page for any object: resolves the kind (registry or CRD), loads the object and keeps it live
 * (useLiveObject, lib/k8s/client), and shows a header with its status line above the tabs. Errors (404, 403, unreachable cluster)
 * show the server's message with Retry; an object deleted while the page is open says so and keeps its last state.
 */
import Link from 'next/link';
import { groupFromSegment, listHref, namespaceFromSegment } from '@/lib/k8s/links';
import { statusLine } from '@/lib/k8s/summary';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { StatusDot } from '@/components/ui/status-dot';
import { useKindInfo } from '@/components/resource-table/use-kind-info';
import { DetailTabs } from './detail-tabs';
import { WorkloadActions } from '@/components/workload-actions/workload-actions';
import { useLiveObject } from '@/lib/k8s/client';
import { DeletedNotice } from './deleted-notice';

export interface DetailRouteProps {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace: string;
  name: string;
}

export function ResourceDetailRoute(p: DetailRouteProps) {
  const group = groupFromSegment(p.group);
  const namespace = namespaceFromSegment(p.namespace);
  const { kind } = useKindInfo(p.cluster, group, p.version, p.resource);
  const { query: q, deleted } = useLiveObject({ cluster: p.cluster, group, version: p.version, resource: p.resource, namespace, name: p.name });

  if (q.isError && !q.data)
    return (
      <div className="p-4">
        <ErrorState error={q.error} title={`Could not load ${p.resource}/${p.name}`} onRetry={() => q.refetch()} />
      </div>
    );
  if (!kind || !q.data)
    return (
      <div className="p-4" aria-busy="true" aria-label="Loading">
        <SkeletonLines lines={8} />
      </div>
    );
  const obj = { ...q.data, kind: q.data.kind ?? kind.kind };
  const status = statusLine(obj);
  return (
    <article aria-labelledby="object-title">
      <header className="flex flex-wrap items-center gap-3 px-4 pt-4 pb-3">
        <Link href={listHref(p.cluster, kind, { namespaces: namespace ? [namespace] : [] })} className="text-sm text-fg-muted hover:underline">
          {kind.title}
        </Link>
        <h1 id="object-title" className="text-xl font-semibold break-all">
          {obj.metadata.name}
        </h1>
        {namespace && <Badge tone="muted">{namespace}</Badge>}
        {status && (
          <span className="inline-flex items-center gap-1.5 text-sm" role="status">
            <StatusDot tone={status.tone} />
            <span className="font-medium">{status.text}</span>
            {status.detail && <span className="text-fg-muted">· {status.detail}</span>}
          </span>
        )}
        {deleted ? (
          <DeletedNotice kind={kind.kind} className="w-full" />
        ) : (
          q.isError && <ErrorState compact error={q.error} title="Refresh failed; showing the last known state" onRetry={() => q.refetch()} className="w-full" />
        )}
      </header>
      <WorkloadActions cluster={p.cluster} kind={kind} obj={obj} />
      <DetailTabs cluster={p.cluster} kind={kind} obj={obj} />
    </article>
  );
}
