'use client';
import { Badge } from '@/components/ui/badge';
import { StatusDot } from '@/components/ui/status-dot';

export type LiveState = 'loading' | 'live' | 'reconnecting' | 'error';

/** Says plainly whether the rows are live; when not, since when they are stale. */
export function LiveBadge({ state, since }: { state: LiveState; since?: string }) {
  if (state === 'live')
    return (
      <Badge tone="ok" role="status" aria-label="Live">
        <StatusDot tone="ok" /> Live
      </Badge>
    );
  if (state === 'loading')
    return (
      <Badge tone="info" role="status">
        Loading…
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
