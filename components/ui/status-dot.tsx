import { cn } from './cn';
import { toneBg, type Tone } from './status';

/** A coloured dot; decorative unless given a label (then it is an image with that name). */
export function StatusDot({ tone, label, pulse, className }: { tone: Tone; label?: string; pulse?: boolean; className?: string }) {
  return (
    <span
      className={cn('inline-block h-2 w-2 shrink-0 rounded-full', toneBg[tone], pulse && 'wh-skeleton', className)}
      {...(label ? { role: 'img', 'aria-label': label } : { 'aria-hidden': true })}
    />
  );
}
