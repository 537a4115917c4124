import { cn } from './cn';

/** Placeholder block while data loads; hidden from assistive tech (the region says it is busy instead). */
export function Skeleton({ className }: { className?: string }) {
  return <div aria-hidden className={cn('wh-skeleton rounded bg-surface-2', className)} />;
}

export function SkeletonLines({ lines = 3, className }: { lines?: number; className?: string }) {
  return (
    <div className={cn('space-y-2', className)} aria-hidden>
      {Array.from({ length: lines }, (_, i) => (
        <Skeleton key={i} className={cn('h-3.5', i === lines - 1 ? 'w-2/3' : 'w-full')} />
      ))}
    </div>
  );
}
