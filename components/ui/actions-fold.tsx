'use client';
/**
 * A row of action buttons that folds into an "Actions" menu button below 768 px, so a phone shows the object's
 * name, status and replica control instead of a wall of buttons. The buttons are rendered once: on wide screens
 * inline, on narrow ones in a popover that Escape, a click outside or a chosen action closes (focus goes back to
 * the "Actions" button on Escape).
 */
import { useCallback, useId, useRef, useState, type ReactNode } from 'react';
import { useDismiss } from './use-dismiss';
import { ChevronDown } from 'lucide-react';
import { cn } from './cn';

export function ActionsFold({ children, className }: { children: ReactNode; className?: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useDismiss(open, useCallback(() => setOpen(false), []), root, button);

  return (
    <div ref={root} className={cn('relative ml-auto', className)}>
      <button
        ref={button}
        type="button"
        aria-expanded={open}
        aria-controls={id}
        onClick={() => setOpen((o) => !o)}
        className="inline-flex h-8 items-center gap-1 rounded-md border border-line bg-surface px-3 text-sm font-medium hover:bg-surface-2 md:hidden"
      >
        Actions
        <ChevronDown aria-hidden className="h-3.5 w-3.5" />
      </button>
      <div
        id={id}
        onClick={(e) => {
          if ((e.target as HTMLElement).closest('button:not([disabled])')) setOpen(false);
        }}
        className={cn(
          'flex-wrap gap-2 md:static md:flex md:border-0 md:bg-transparent md:p-0 md:shadow-none',
          open ? 'absolute top-full right-0 z-30 mt-1 flex w-52 flex-col items-stretch rounded-card border border-line bg-surface p-2 shadow-lg md:w-auto md:flex-row md:items-center' : 'hidden',
        )}
      >
        {children}
      </div>
    </div>
  );
}
