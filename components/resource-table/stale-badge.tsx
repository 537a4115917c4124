'use client';
import { Badge } from '@/components/ui/badge';
import { StatusDot } from '@/components/ui/status-dot';
import { Tooltip } from '@/components/ui/tooltip';

/** 10000 → "10,000" without Intl: the badge renders while the first rows do, and the first toLocaleString pays ICU's setup */
const count = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');

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
        {partial ? `Loading… ${count(partial.loaded)}${partial.total !== undefined ? ` of ${count(partial.total)}` : ''}` : 'Loading…'}
      </Badge>
    );
  const when = since ? new Date(since).toLocaleTimeString() : undefined;
  return (
    <Tooltip content={since ? new Date(since).toLocaleString() : undefined} focusable>
      <Badge tone={state === 'error' ? 'error' : 'warn'} role="status">
        {when ? `Stale since ${when}` : 'Stale'}
        {state === 'reconnecting' ? ' · reconnecting' : ''}
      </Badge>
    </Tooltip>
  );
}
