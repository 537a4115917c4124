'use client';
import { formatAge } from './format-age';
import { useNow } from './use-now';

/** Relative age that ticks every second; the exact timestamp is in the title and datetime. */
export function Age({ timestamp, className }: { timestamp: string | undefined | null; className?: string }) {
  const now = useNow();
  if (!timestamp) return <span className={className}>-</span>;
  return (
    <time dateTime={timestamp} title={new Date(timestamp).toLocaleString()} className={className} suppressHydrationWarning>
      {formatAge(timestamp, now)}
    </time>
  );
}
