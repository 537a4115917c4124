'use client';
/**
 * A CPU/Memory list cell: usage with a bar of its first share (of request, limit or allocatable), the full
 * text as title. Without usage the cell is empty but says why, in a tooltip shown on hover AND on keyboard
 * focus (a title attribute is never shown on focus); the tooltip is portalled so the cell's clipping cannot hide it.
 */
import { useId, useState } from 'react';
import { createPortal } from 'react-dom';
import { cn } from '@/components/ui/cn';

export function UsageCell({ text, bar, reason }: { text: string; bar: number | null; reason?: string }) {
  if (!text) return <EmptyUsage reason={reason ?? 'No usage reported for this object yet.'} />;
  const pct = bar === null ? null : Math.round(bar * 100);
  const tone = pct === null ? '' : pct >= 90 ? 'bg-error' : pct >= 75 ? 'bg-warn' : 'bg-ok';
  const [usage, ...shares] = text.split(' · ');
  return (
    <span className="flex min-w-0 items-center gap-2" title={text}>
      <span className="w-14 shrink-0 text-right tabular-nums">{usage}</span>
      {pct !== null && (
        <span className="h-1.5 w-12 shrink-0 overflow-hidden rounded bg-surface-2" aria-hidden>
          <span className={cn('block h-full', tone)} style={{ width: `${Math.min(100, pct)}%` }} />
        </span>
      )}
      <span className="truncate text-xs text-fg-muted tabular-nums">{shares.map((s) => s.replace(/ of /, ' ')).join(' · ')}</span>
    </span>
  );
}

function EmptyUsage({ reason }: { reason: string }) {
  const id = useId();
  const [at, setAt] = useState<DOMRect | null>(null);
  const show = (e: { currentTarget: HTMLElement }) => setAt(e.currentTarget.getBoundingClientRect());
  const hide = () => setAt(null);
  return (
    <>
      <span
        tabIndex={0}
        aria-describedby={id}
        aria-label="No usage"
        onMouseEnter={show}
        onMouseLeave={hide}
        onFocus={show}
        onBlur={hide}
        className="inline-block min-w-6 rounded px-1 text-fg-muted outline-none focus-visible:ring-2 focus-visible:ring-accent"
      >
        –
      </span>
      {typeof document !== 'undefined' &&
        createPortal(
          <span
            id={id}
            role="tooltip"
            hidden={!at}
            style={at ? { position: 'fixed', top: at.bottom + 4, left: Math.max(8, Math.min(at.left, window.innerWidth - 328)) } : undefined}
            className="z-50 w-80 rounded-md border border-line bg-surface px-2 py-1.5 text-xs whitespace-normal text-fg shadow-lg"
          >
            {reason}
          </span>,
          document.body,
        )}
    </>
  );
}
