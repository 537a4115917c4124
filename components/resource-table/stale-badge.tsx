'use client';
import { Badge } from '@/components/ui/badge';
import { StatusDot } from '@/components/ui/status-dot';

export type LiveState = 'loading' | 'live' | 'reconnecting' | 'error';

/** Says plainly whether the rows are live; when not, since when they are stale (or how much of the first list has arrived). */
export function LiveBadge({ state, since, partial }: { state: LiveState; since?: string; partial?: { loaded: number; total?: number } }) {
  if (state === 'live')
    return (
      <Badge tone="ok" role="status" aria-label="Live">
        <StatusDot tone="ok" /> Live
      </Badge>
    );
  if (state === 'loading')
    return (
      <Badge tone="info" role="status">
        {partial ? `Loading… ${partial.loaded.toLocaleString()}${partial.total !== undefined ? ` of ${partial.total.toLocaleString()}` : ''}` : 'Loading…'}
      </Badge>
    );
  const when = since ? new Date(since).toLocaleTimeString() : undefined;
  return (
    <Badge tone={state === 'error' ? 'error' : 'warn'} role="status" title={since}>
      {when ? `Stale since ${when}` : 'Stale'}
      {state === 'reconnecting' ? ' · reconnecting' : ''}
    </Badge>
  );
}
