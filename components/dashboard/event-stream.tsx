'use client';
import Link from 'next/link';
import { useId, useState } from 'react';
import { useSearchParams } from 'next/navigation';
import { eventCount, eventLastSeen } from '@/lib/k8s/kinds/event';
import { kindByKind } from '@/lib/k8s/registry';
import { parseApiVersion, type K8sObject } from '@/lib/k8s/types';
import { Age } from '@/components/ui/age';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { Remount } from '@/components/ui/remount';
import { objectHref, parseNsParam } from '@/components/shell/routes';
import { useLiveList } from './use-live-list';

const MAX_EVENTS = 60;

interface Involved {
  apiVersion?: string;
  kind?: string;
  name?: string;
  namespace?: string;
}

function objectLink(cluster: string, io: Involved | undefined): string | undefined {
  if (!io?.kind || !io.name) return undefined;
  const k = kindByKind(parseApiVersion(io.apiVersion).group, io.kind);
  return k ? objectHref(cluster, k.group, k.version, k.plural, k.namespaced ? io.namespace : undefined, io.name) : undefined;
}

/** The newest events of the cluster, live; Warning first-class (filter), each linking to its object. */
export function EventStream({ cluster }: { cluster: string }) {
  return <Remount>{(retry) => <EventStreamCard cluster={cluster} retry={retry} />}</Remount>;
}

function EventStreamCard({ cluster, retry }: { cluster: string; retry: () => void }) {
  const events = useLiveList(cluster, '', 'v1', 'events');
  const [warningsOnly, setWarningsOnly] = useState(false);
  const headingId = useId();
  // the namespace picker's selection narrows the stream (cluster-scoped objects' events always show)
  const ns = parseNsParam(useSearchParams().get('ns'));

  const rows = events.items
    .filter((e) => !warningsOnly || e.type === 'Warning')
    .filter((e) => {
      if (ns.length === 0) return true;
      const objectNs = (e.involvedObject as Involved | undefined)?.namespace;
      return !objectNs || ns.includes(objectNs);
    })
    .map((e) => ({ e, at: eventLastSeen(e) ?? '' }))
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, MAX_EVENTS);

  return (
    <section aria-labelledby={headingId} className="rounded-card border border-line bg-surface">
      <div className="flex items-center justify-between gap-2 border-b border-line px-4 py-2">
        <h2 id={headingId} className="text-base font-semibold">
          Recent events
        </h2>
        {ns.length > 0 && <span className="mr-auto truncate text-xs text-fg-muted">in {ns.join(', ')}</span>}
        <Button size="sm" variant={warningsOnly ? 'primary' : 'secondary'} aria-pressed={warningsOnly} onClick={() => setWarningsOnly((w) => !w)}>
          Warnings only
        </Button>
      </div>
      {events.error ? (
        <ErrorState className="m-4" compact title="Could not list events" error={events.error} onRetry={retry} />
      ) : events.isPending ? (
        <SkeletonLines className="p-4" lines={6} />
      ) : rows.length === 0 ? (
        <EmptyState
          title={warningsOnly ? 'No warning events' : 'No events'}
          hint={warningsOnly ? 'Nothing is failing right now. Turn off "Warnings only" to see every event.' : 'Events appear here as soon as the cluster reports them.'}
        />
      ) : (
        <ol className="max-h-[32rem] divide-y divide-line overflow-y-auto">
          {rows.map(({ e, at }) => (
            <EventRow key={e.metadata.uid ?? `${e.metadata.namespace}/${e.metadata.name}`} cluster={cluster} e={e} at={at} />
          ))}
        </ol>
      )}
    </section>
  );
}

function EventRow({ cluster, e, at }: { cluster: string; e: K8sObject; at: string }) {
  const io = e.involvedObject as Involved | undefined;
  const href = objectLink(cluster, io);
  const target = `${io?.kind ?? ''} ${io?.namespace ? `${io.namespace}/` : ''}${io?.name ?? ''}`.trim();
  const count = eventCount(e);
  const warning = e.type === 'Warning';
  return (
    <li className="flex items-start gap-3 px-4 py-2">
      <Badge tone={warning ? 'warn' : 'muted'} className="mt-0.5 w-16 justify-center">
        {warning ? 'Warning' : 'Normal'}
      </Badge>
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-baseline gap-x-2 text-sm">
          <span className="font-medium">{String(e.reason ?? '')}</span>
          {href ? (
            <Link href={href} className="font-mono text-xs text-accent hover:underline">
              {target}
            </Link>
          ) : (
            <span className="font-mono text-xs text-fg-muted">{target}</span>
          )}
          {count > 1 && <span className="text-xs text-fg-muted">×{count}</span>}
        </div>
        <p className="text-xs break-words text-fg-muted">{String(e.message ?? '')}</p>
      </div>
      <Age timestamp={at || undefined} className="shrink-0 text-xs text-fg-muted tabular-nums" />
    </li>
  );
}
