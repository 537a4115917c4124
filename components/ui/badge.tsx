import type { HTMLAttributes } from 'react';
import { cn } from './cn';
import { toneSoft, type Tone } from './status';

export function Badge({ tone = 'muted', className, ...props }: HTMLAttributes<HTMLSpanElement> & { tone?: Tone }) {
  return (
    <span
      className={cn(
        'inline-flex items-center gap-1 rounded border px-1.5 py-px text-xs font-medium whitespace-nowrap',
        toneSoft[tone],
        className,
      )}
      {...props}
    />
  );
}
