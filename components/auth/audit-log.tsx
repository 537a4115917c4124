'use client';
/**
 * The audit page (console admins): the newest lines of GET /api/audit (mutations, logins, secret reveals), newest
 * first, with a filter box that matches any column. Everyone else gets the server's 403, shown as a plain
 * sentence rather than an error, because it is an expected answer.
 */
import { useId, useMemo, useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { ApiRequestError, fetchJson } from '@/lib/api-client';
import { apiKeys, apiUrls } from '@/lib/k8s/client';
import { auditResponse, type AuditEntryWire } from '@/lib/auth-types';
import { Badge } from '@/components/ui/badge';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';

/** the server's cap (server/api/audit-route.ts) */
const LIMIT = 1000;

function objectLabel(o: AuditEntryWire['object']): string {
  const kind = o.group ? `${o.resource}.${o.group}` : o.resource;
  return `${kind} ${o.namespace ? `${o.namespace}/` : ''}${o.name}`;
}

function rowText(e: AuditEntryWire): string {
  return [e.time, e.user, e.cluster, e.verb, objectLabel(e.object), e.result, e.status ?? '', e.message ?? ''].join(' ').toLowerCase();
}

export function newestFirst(entries: readonly AuditEntryWire[]): AuditEntryWire[] {
  return [...entries].sort((a, b) => Date.parse(b.time) - Date.parse(a.time));
}

export function AuditLog() {
  const [filter, setFilter] = useState('');
  const filterId = useId();
  const q = useQuery({
    queryKey: apiKeys.audit(LIMIT),
    queryFn: () => fetchJson(apiUrls.audit(LIMIT), { schema: auditResponse }),
    refetchInterval: 10_000,
  });
  const entries = useMemo(() => newestFirst(q.data?.entries ?? []), [q.data]);
  const needle = filter.trim().toLowerCase();
  const shown = needle ? entries.filter((e) => rowText(e).includes(needle)) : entries;

  if (q.error instanceof ApiRequestError && q.error.status === 403) {
    return <p className="rounded-card border border-line p-4 text-sm">Only console admins can read the audit log.</p>;
  }
  if (q.isError) return <ErrorState error={q.error} title="Could not load the audit log" onRetry={() => q.refetch()} />;
  if (!q.data) return <SkeletonLines lines={8} />;

  return (
    <div className="space-y-3">
      <div className="flex items-center gap-2 text-sm">
        <label htmlFor={filterId} className="text-fg-muted">
          Filter
        </label>
        <input
          id={filterId}
          type="search"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          placeholder="user, verb, object, message…"
          className="h-8 w-80 rounded-md border border-line bg-surface px-2.5"
        />
        <span className="text-fg-muted" aria-live="polite">
          {shown.length} of {entries.length} entries
        </span>
      </div>
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
            {shown.map((e, i) => (
              <tr key={`${e.time}-${i}`} className="border-t border-line align-top">
                <td className="px-3 py-1.5 whitespace-nowrap">
                  <time dateTime={e.time} title={e.time}>
                    {new Date(e.time).toLocaleString()}
                  </time>
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
        {shown.length === 0 && <p className="p-3 text-sm text-fg-muted">{entries.length ? 'No entry matches the filter.' : 'Nothing audited yet.'}</p>}
      </div>
    </div>
  );
}
