'use client';
/**
 * The list page for any kind: live rows from useWatch (snapshot + deltas over socket.io), per-kind columns
 * from the registry, text filter, server-side label selector, namespace filter from `?ns=`, sorting,
 * selection and bulk delete. Derived rows are memoized per object (RowCache) so a delta re-derives only the
 * objects it replaced; sort and filter reuse the cached values (and sort keys, lib/k8s/columns-sort.ts).
 */
import { useEffect, useMemo, useState } from 'react';
import { NavLink } from '@/components/ui/nav-link';
import { useSearchParams } from 'next/navigation';
import { toast } from 'sonner';
import type { RowSelectionState } from '@tanstack/react-table';
import { useWatch } from '@/lib/realtime/use-watch';
import { watchKey } from '@/lib/realtime/watch-client';
import type { KindInfo } from '@/lib/k8s/registry';
import { countLabel, pluralWords } from '@/lib/k8s/registry';
import { objectHref, parseNamespaces } from '@/lib/k8s/links';
import { RowCache, filterNamespaces, filterRows, type Row, type SortSpec } from '@/lib/k8s/table-model';
import { sortRowsFast } from '@/lib/k8s/columns-sort';
import type { K8sObject } from '@/lib/k8s/types';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { useNow } from '@/components/ui/use-now';
import { VirtualTable } from './virtual-table';
import { LiveBadge } from './stale-badge';
import { useUsage } from '@/components/metrics/use-usage';
import { deleteObjects } from './delete-objects';
import { listWatchParams, markFirstRowsRender, releasePrewatch } from './list-watch';
import { useAccess } from '@/lib/access';
import { useDenied } from '@/components/auth/denied';

export function ResourceList({ cluster, kind }: { cluster: string; kind: KindInfo }) {
  const params = useSearchParams();
  const namespaces = useMemo(() => (kind.namespaced ? parseNamespaces(params.get('ns')) : []), [kind.namespaced, params]);
  const [filter, setFilter] = useState('');
  const [selectorInput, setSelectorInput] = useState('');
  const [labelSelector, setLabelSelector] = useState('');
  const [sort, setSort] = useState<SortSpec | null>({ columnId: kind.columns[0].id, desc: false });
  const [selection, setSelection] = useState<RowSelectionState>({});
  const [confirming, setConfirming] = useState(false);
  const [deleting, setDeleting] = useState(false);

  // apply the label selector shortly after typing stops (Enter applies at once): each change resubscribes
  useEffect(() => {
    const t = setTimeout(() => setLabelSelector(selectorInput.trim()), 500);
    return () => clearTimeout(t);
  }, [selectorInput]);

  const watchParams = listWatchParams(cluster, kind, namespaces, labelSelector);
  const watch = useWatch(watchParams);
  // after useWatch's own subscription (effects run in order): the early hold of list-watch.ts may go
  const heldKey = watchKey(watchParams);
  useEffect(() => releasePrewatch(heldKey), [heldKey]);
  const items = watch.items as unknown as K8sObject[];
  markFirstRowsRender(items.length);

  // a new metrics sample rebuilds the rows (values depend on it), every ~15 s on lists that show usage
  const usage = useUsage(cluster, kind, namespaces);
  // ctx.now is only read at render time by age/duration cells; values (and so the cache) never depend on it
  const cache = useMemo(() => new RowCache(kind.columns, { now: 0, usage }), [kind.columns, usage]);
  const now = useNow();
  const ctx = useMemo(() => ({ now, usage }), [now, usage]);

  const allRows = useMemo(() => cache.rows(filterNamespaces(items, namespaces)), [cache, items, namespaces]);
  const sorted = useMemo(() => sortRowsFast(allRows, kind.columns, sort), [allRows, kind.columns, sort]);
  const rows = useMemo(() => filterRows(sorted, filter), [sorted, filter]);

  // selected ids still in the list; no 10,000-entry id set per snapshot/delta while nothing is selected
  const selected = useMemo(() => {
    const ids = Object.keys(selection).filter((id) => selection[id]);
    if (ids.length === 0) return ids;
    const live = new Set(allRows.map((r) => r.id));
    return ids.filter((id) => live.has(id));
  }, [selection, allRows]);

  // RBAC: may the user delete what is selected? One check per namespace among the selected rows
  const deleteChecks = useMemo(() => {
    let scopes: (string | undefined)[] = [undefined];
    if (kind.namespaced && selected.length) {
      const ids = new Set(selected);
      scopes = [...new Set(allRows.filter((r) => ids.has(r.id)).map((r) => r.obj.metadata.namespace))];
    }
    return scopes.map((namespace) => ({ verb: 'delete' as const, group: kind.group, resource: kind.plural, namespace }));
  }, [kind.namespaced, kind.group, kind.plural, selected, allRows]);
  const deleteAccess = useAccess(cluster, selected.length ? deleteChecks : []);
  const deleteDenied = deleteAccess.find((d) => !d.allowed);
  const denied = useDenied([deleteDenied], 'basis-full text-right');

  const hrefFor = useMemo(() => {
    const gvr = { group: kind.group, version: kind.version, resource: kind.plural };
    return (row: Row) => objectHref(cluster, gvr, row.obj.metadata.namespace, row.obj.metadata.name);
  }, [cluster, kind.group, kind.version, kind.plural]);

  async function onDelete() {
    setDeleting(true);
    const byId = new Map(allRows.map((r) => [r.id, r.obj]));
    const targets = selected.map((id) => byId.get(id)).filter((o): o is K8sObject => Boolean(o));
    const failures = await deleteObjects(cluster, kind, targets);
    setDeleting(false);
    setConfirming(false);
    setSelection({});
    if (failures.length) toast.error(`${failures.length} of ${targets.length} could not be deleted`, { description: failures.map((f) => `${f.name}: ${f.error}`).join('\n') });
    else toast.success(`Deleting ${countLabel(kind, targets.length)}`);
  }

  const loading = watch.state === 'loading' && items.length === 0;
  const words = pluralWords(kind);
  const scopeText = namespaces.length ? `in ${namespaces.join(', ')}` : kind.namespaced ? 'in all namespaces' : '';

  return (
    <section aria-labelledby="list-title" className="flex flex-col">
      <div className="flex flex-wrap items-center gap-2 border-b border-line px-4 py-2.5">
        <h1 id="list-title" className="mr-2 text-lg font-semibold">
          {kind.title}
        </h1>
        <span className="text-sm text-fg-muted" aria-live="polite">
          {rows.length === allRows.length ? allRows.length : `${rows.length} of ${allRows.length}`} {scopeText}
        </span>
        <LiveBadge state={watch.state} since={watch.since} partial={watch.partial} />
        <div className="ml-auto flex flex-wrap items-center gap-2">
          <input
            type="text"
            aria-label="Filter"
            placeholder="Filter…"
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
            className="h-8 w-56 rounded-md border border-line bg-surface px-2 text-sm"
          />
          <input
            type="text"
            aria-label="Label selector"
            placeholder="Label selector, e.g. app=web"
            value={selectorInput}
            onChange={(e) => setSelectorInput(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') setLabelSelector(selectorInput.trim());
            }}
            className="h-8 w-56 rounded-md border border-line bg-surface px-2 font-mono text-xs"
          />
          <Button
            variant="danger"
            disabled={selected.length === 0 || !!deleteDenied}
            hint={!deleteDenied && selected.length === 0 ? 'Select rows to delete them' : undefined}
            onClick={() => setConfirming(true)}
            {...denied.props(deleteDenied)}
          >
            Delete selected{selected.length ? ` (${selected.length})` : ''}
          </Button>
          <NavLink href={`/c/${encodeURIComponent(cluster)}/create`} className="inline-flex h-8 items-center rounded-md border border-line bg-surface px-3 text-sm font-medium hover:bg-surface-2">
            Create from YAML
          </NavLink>
          {denied.notes}
        </div>
      </div>
      {watch.state === 'error' && watch.error ? (
        <div className="p-4">
          <ErrorState error={watch.error} title={`Could not list ${words}`} onRetry={() => location.reload()} />
        </div>
      ) : null}
      {loading ? (
        <div className="p-4" aria-busy="true" aria-label={`Loading ${words}`}>
          <SkeletonLines lines={8} />
        </div>
      ) : (
        <VirtualTable
          label={kind.title}
          rows={rows}
          columns={kind.columns}
          ctx={ctx}
          sort={sort}
          onSortChange={setSort}
          selection={selection}
          onSelectionChange={setSelection}
          hrefFor={hrefFor}
          empty={
            watch.state === 'error' ? null : allRows.length === 0 ? (
              <EmptyState
                title={`No ${words} ${scopeText}`.trim()}
                hint={labelSelector ? `Nothing matches the label selector "${labelSelector}". Clear it to see everything.` : 'Create one from YAML, or pick other namespaces in the namespace picker.'}
              />
            ) : (
              <EmptyState title="No rows match the filter" hint={`Nothing contains "${filter}". Clear the filter to see all ${allRows.length}.`} action={<Button onClick={() => setFilter('')}>Clear filter</Button>} />
            )
          }
        />
      )}
      <ConfirmDialog
        open={confirming}
        title={`Delete ${countLabel(kind, selected.length)}?`}
        confirmLabel="Delete"
        danger
        busy={deleting}
        onConfirm={onDelete}
        onCancel={() => setConfirming(false)}
      >
        {selected.slice(0, 8).map((id) => id.replace(/^\//, '')).join(', ')}
        {selected.length > 8 ? ` and ${selected.length - 8} more` : ''}. Dependents are deleted in the background.
      </ConfirmDialog>
    </section>
  );
}
