'use client';
/**
 * "What changed?": the change history of one cluster (/c/[cluster]/changes) or of every cluster (/changes),
 * over a time window, filtered by kind, namespace, actor and text, newest first and live; the selected change
 * (`?change=`) shows its diff beside the list.
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import type { ChangeFilter } from '@/lib/k8s/client';
import { ErrorState } from '@/components/ui/error-state';
import { EmptyState } from '@/components/ui/empty-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { useClusters } from '@/components/shell/use-clusters';
import { parseNsParam } from '@/components/shell/routes';
import { ChangeList } from './change-list';
import { ChangeDetail } from './change-detail';
import { useChangeHistory } from './use-change-history';

export const WINDOWS = [
  { id: '15m', label: 'Last 15 minutes', ms: 15 * 60_000 },
  { id: '1h', label: 'Last hour', ms: 60 * 60_000 },
  { id: '1d', label: 'Last day', ms: 24 * 60 * 60_000 },
] as const;

function useDebounced<T>(value: T, ms = 300): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

const inputClass = 'h-8 rounded-md border border-line bg-surface px-2';

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-fg-muted">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

export function ChangesPage({ cluster }: { cluster?: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const clusters = useClusters();
  const initialNs = parseNsParam(params.get('ns'));
  const [win, setWin] = useState<(typeof WINDOWS)[number]['id']>('1h');
  // the window's start is fixed when it is picked (a key that moved every render would refetch forever)
  const [since, setSince] = useState(() => new Date(Date.now() - WINDOWS[1].ms).toISOString());
  const [clusterFilter, setClusterFilter] = useState('');
  const [text, setText] = useState({ kind: '', namespace: initialNs.length === 1 ? initialNs[0]! : '', actor: '', q: '' });
  const t = useDebounced(text);

  const scope = cluster ?? (clusterFilter || undefined);
  const ns = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(t.namespace) ? t.namespace : undefined;
  const filter: ChangeFilter = useMemo(
    () => ({ since, ...(scope ? { cluster: scope } : {}), ...(ns ? { namespace: ns } : {}), ...(t.kind.trim() ? { kind: t.kind.trim() } : {}), ...(t.actor.trim() ? { actor: t.actor.trim() } : {}), ...(t.q.trim() ? { q: t.q.trim() } : {}) }),
    [since, scope, ns, t],
  );
  const live = useMemo(() => ({ ...(scope ? { cluster: scope } : {}), ...(ns ? { namespace: ns } : {}) }), [scope, ns]);
  const { query, items } = useChangeHistory(filter, live);
  const selected = params.get('change') ?? undefined;

  const pickWindow = (id: (typeof WINDOWS)[number]['id']) => {
    setWin(id);
    setSince(new Date(Date.now() - WINDOWS.find((w) => w.id === id)!.ms).toISOString());
  };
  const select = (id: string) => {
    const q = new URLSearchParams(params.toString());
    q.set('change', id);
    router.replace(`${pathname}?${q.toString()}`, { scroll: false });
  };
  const badNs = text.namespace !== '' && !ns;

  return (
    <div className="space-y-4">
      <form role="search" aria-label="Filter changes" onSubmit={(e) => e.preventDefault()} className="flex flex-wrap items-end gap-3 text-sm">
        <Field label="Time window">
          {(id) => (
            <select id={id} value={win} onChange={(e) => pickWindow(e.target.value as typeof win)} className={inputClass}>
              {WINDOWS.map((w) => (
                <option key={w.id} value={w.id}>
                  {w.label}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!cluster && (
          <Field label="Cluster">
            {(id) => (
              <select id={id} value={clusterFilter} onChange={(e) => setClusterFilter(e.target.value)} className={inputClass}>
                <option value="">All clusters</option>
                {(clusters.data?.clusters ?? []).map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        {(['kind', 'namespace', 'actor', 'q'] as const).map((k) => (
          <Field key={k} label={k === 'q' ? 'Text' : k[0]!.toUpperCase() + k.slice(1)}>
            {(id) => (
              <input
                id={id}
                type="search"
                value={text[k]}
                aria-invalid={k === 'namespace' && badNs ? true : undefined}
                placeholder={k === 'kind' ? 'Deployment' : k === 'q' ? 'name, summary…' : ''}
                onChange={(e) => setText((s) => ({ ...s, [k]: e.target.value }))}
                className={`${inputClass} w-40`}
              />
            )}
          </Field>
        ))}
      </form>
      {badNs && <p className="text-sm text-error">A namespace is lowercase letters, digits and dashes; the namespace filter is not applied.</p>}
      {query.isError && !items.length ? (
        <ErrorState error={query.error} title="Could not load the change history" onRetry={() => query.refetch()} />
      ) : query.isPending && !items.length ? (
        <SkeletonLines lines={8} />
      ) : !items.length ? (
        <EmptyState title="No changes in this window" hint="Pick a longer time window or loosen the filters. New changes appear here as they happen." />
      ) : (
        <div className="grid gap-4 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
          <ChangeList
            items={items}
            selected={selected}
            onSelect={(r) => select(r.id)}
            showObject
            showCluster={!cluster}
            hasMore={Boolean(query.hasNextPage)}
            loadingMore={query.isFetchingNextPage}
            onLoadMore={() => void query.fetchNextPage()}
          />
          {selected && <ChangeDetail key={selected} id={selected} />}
        </div>
      )}
    </div>
  );
}
