import { cn } from '@/components/ui/cn';
import { fraction, percent } from './format';

/**
 * Usage vs requests vs capacity on one track: the requests bar is drawn under the usage bar, so
 * "requested but unused" shows as the lighter part. Both values are also in the accessible text.
 */
export function UsageBar({
  label,
  capacity,
  requests,
  usage,
  format,
}: {
  label: string;
  capacity: number;
  requests: number;
  usage?: number;
  format: (n: number) => string;
}) {
  const req = fraction(requests, capacity);
  const use = fraction(usage, capacity);
  const over = requests > capacity && capacity > 0;
  const text = `${label}: usage ${usage === undefined ? 'unknown' : format(usage)}, requests ${format(requests)} of ${format(capacity)}`;
  return (
    <div>
      <div className="mb-1 flex items-baseline justify-between gap-2 text-xs">
        <span className="font-medium">{label}</span>
        <span className="text-fg-muted tabular-nums">
          {usage !== undefined && <>{format(usage)} used · </>}
          {format(requests)} req · {format(capacity)}
        </span>
      </div>
      <div
        role="meter"
        aria-label={`${label} requests`}
        aria-valuemin={0}
        aria-valuemax={capacity}
        aria-valuenow={Math.min(requests, capacity)}
        aria-valuetext={text}
        className="relative h-2 overflow-hidden rounded-full bg-surface-2"
      >
        <div className={cn('absolute inset-y-0 left-0 rounded-full', over ? 'bg-error/45' : 'bg-info/35')} style={{ width: percent(req) }} />
        {usage !== undefined && (
          <div
            className={cn('absolute inset-y-0 left-0 rounded-full', use > 0.9 ? 'bg-error' : use > 0.75 ? 'bg-warn' : 'bg-info')}
            style={{ width: percent(use) }}
          />
        )}
      </div>
    </div>
  );
}
