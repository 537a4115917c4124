'use client';
import { formatAge } from './format-age';
import { Tooltip } from './tooltip';
import { useNow } from './use-now';

/**
 * Relative age that ticks every second; the exact time is its tooltip (hover, focus, touch press) and datetime.
 * Inside a control (a button row) pass focusable={false}: the control takes focus, not the time in it.
 */
export function Age({ timestamp, className, focusable = true }: { timestamp: string | undefined | null; className?: string; focusable?: boolean }) {
  const now = useNow();
  if (!timestamp) return <span className={className}>-</span>;
  return (
    <Tooltip content={new Date(timestamp).toLocaleString()} focusable={focusable}>
      <time dateTime={timestamp} className={className} suppressHydrationWarning>
        {formatAge(timestamp, now)}
      </time>
    </Tooltip>
  );
}
