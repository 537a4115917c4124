'use client';
/**
 * The audit page (console admins): GET /api/audit from the state store — every replica's records, newest first —
 * filtered on the server by user, cluster, verb, namespace, text and time range, one page of 100 at a time with
 * "Load older entries" following the server's cursor. Everyone else gets the server's 403, shown as a plain
 * sentence rather than an error, because it is an expected answer.
 */
import { useEffect, useId, useState } from 'react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ApiRequestError, fetchJson } from '@/lib/api-client';
import { apiKeys, apiUrls } from '@/lib/k8s/client';
import { auditResponse, type AuditEntryWire, type AuditQuery } from '@/lib/auth-types';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { Tooltip } from '@/components/ui/tooltip';

const PAGE = 100;
type Filter = Required<Pick<AuditQuery, 'user' | 'cluster' | 'verb' | 'namespace' | 'q' | 'since' | 'until'>>;
const EMPTY: Filter = { user: '', cluster: '', verb: '', namespace: '', q: '', since: '', until: '' };
const FIELDS: { key: keyof Filter; label: string; type: 'text' | 'search' | 'datetime-local'; placeholder?: string }[] = [
  { key: 'q', label: 'Text', type: 'search', placeholder: 'name, message…' },
  { key: 'user', label: 'User', type: 'text' },
  { key: 'cluster', label: 'Cluster', type: 'text' },
  { key: 'verb', label: 'Verb', type: 'text', placeholder: 'patch, delete, login…' },
  { key: 'namespace', label: 'Namespace', type: 'text' },
  { key: 'since', label: 'From', type: 'datetime-local' },
  { key: 'until', label: 'To', type: 'datetime-local' },
];

function objectLabel(o: AuditEntryWire['object']): string {
  const kind = o.group ? `${o.resource}.${o.group}` : o.resource;
  return `${kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

/** the filter as the server takes it: trimmed, local date-times as ISO instants */
export function toQuery(f: Filter): Omit<AuditQuery, 'before'> {
  const iso = (v: string) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined);
  const text = (v: string) => v.trim() || undefined;
  return { limit: PAGE, user: text(f.user), cluster: text(f.cluster), verb: text(f.verb), namespace: text(f.namespace), q: text(f.q), since: iso(f.since), until: iso(f.until) };
}

/** the value after it has stopped changing for `ms` (each keystroke would otherwise be a request) */
function useSettled<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

export function AuditLog() {
  const [filter, setFilter] = useState<Filter>(EMPTY);
  const formId = useId();
  const query = toQuery(useSettled(filter, 300));
  const q = useInfiniteQuery({
    queryKey: apiKeys.audit(query),
    queryFn: ({ pageParam }) => fetchJson(apiUrls.audit({ ...query, before: pageParam }), { schema: auditResponse }),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.next,
    // newer records appear on their own while the first page is shown; older pages stay as loaded
    refetchInterval: (query) => ((query.state.data?.pages.length ?? 0) <= 1 ? 10_000 : false),
  });
  const entries = q.data?.pages.flatMap((p) => p.entries) ?? [];
  const filtered = Object.values(filter).some((v) => v !== '');

  if (q.error instanceof ApiRequestError && q.error.status === 403) {
    return <p className="rounded-card border border-line p-4 text-sm">Only console admins can read the audit log.</p>;
  }

  return (
    <div className="space-y-3">
      <form role="search" aria-label="Audit filters" className="flex flex-wrap items-end gap-2 text-sm" onSubmit={(e) => e.preventDefault()}>
        {FIELDS.map((f) => (
          <label key={f.key} htmlFor={`${formId}-${f.key}`} className="flex flex-col gap-0.5 text-fg-muted">
            {f.label}
            <input
              id={`${formId}-${f.key}`}
              type={f.type}
              value={filter[f.key]}
              placeholder={f.placeholder}
              onChange={(e) => setFilter((old) => ({ ...old, [f.key]: e.target.value }))}
              className={`h-8 rounded-md border border-line bg-surface px-2.5 text-fg ${f.key === 'q' ? 'w-56' : f.type === 'datetime-local' ? 'w-52' : 'w-36'}`}
            />
          </label>
        ))}
        <Button size="sm" variant="ghost" disabled={!filtered} aria-description={filtered ? undefined : 'no filter is set'} onClick={() => setFilter(EMPTY)}>
          Clear filters
        </Button>
      </form>
      {q.isError ? (
        <ErrorState error={q.error} title="Could not load the audit log" onRetry={() => q.refetch()} />
      ) : !q.data ? (
        <SkeletonLines lines={8} />
      ) : (
        <>
          <p className="text-sm text-fg-muted" aria-live="polite">
            {entries.length} {entries.length === 1 ? 'entry' : 'entries'} shown{q.hasNextPage ? ', older ones on request' : ''}
          </p>
          <AuditTable entries={entries} empty={filtered ? 'No entry matches the filters.' : 'Nothing audited yet.'} />
          {q.hasNextPage && (
            <Button size="sm" disabled={q.isFetchingNextPage} aria-description={q.isFetchingNextPage ? 'loading' : undefined} onClick={() => void q.fetchNextPage()}>
              Load older entries
            </Button>
          )}
        </>
      )}
    </div>
  );
}

function AuditTable({ entries, empty }: { entries: AuditEntryWire[]; empty: string }) {
  return (
    <div className="overflow-auto rounded-card border border-line">
      <table aria-label="Audit log" className="w-full text-sm">
        <thead className="bg-surface-2 text-left text-fg-muted">
          <tr>
            {['Time', 'User', 'Cluster', 'Verb', 'Object', 'Result', 'Message'].map((h) => (
              <th key={h} className="px-3 py-2 font-medium">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {entries.map((e, i) => (
            <tr key={e.id ?? `${e.time}-${i}`} className="border-t border-line align-top">
              <td className="px-3 py-1.5 whitespace-nowrap">
                <Tooltip content={e.time} focusable>
                  <time dateTime={e.time}>{new Date(e.time).toLocaleString()}</time>
                </Tooltip>
              </td>
              <td className="px-3 py-1.5 break-all">{e.user}</td>
              <td className="px-3 py-1.5">{e.cluster || <span className="text-fg-muted">-</span>}</td>
              <td className="px-3 py-1.5 font-mono text-xs">{e.verb}</td>
              <td className="px-3 py-1.5 font-mono text-xs break-all">{objectLabel(e.object)}</td>
              <td className="px-3 py-1.5">
                <Badge tone={e.result === 'success' ? 'ok' : 'error'}>
                  {e.result}
                  {e.status ? ` ${e.status}` : ''}
                </Badge>
              </td>
              <td className="px-3 py-1.5 break-words">{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 && <p className="p-3 text-sm text-fg-muted">{empty}</p>}
    </div>
  );
}
