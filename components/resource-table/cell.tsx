/**
 * Renders one cell from a column's value and format hint (lib/k8s/columns.ts keeps JSX out of lib).
 * Pure and cheap: it runs for every visible cell on every tick of the age clock.
 */
import type { PointerEvent } from 'react';
import Link from 'next/link';
import type { Column, ColumnContext, CellValue } from '@/lib/k8s/columns';
import type { K8sObject } from '@/lib/k8s/types';
import { humanDuration } from '@/lib/k8s/machinery/duration';
import { statusTone } from '@/lib/k8s/status-tone';
import { StatusDot } from '@/components/ui/status-dot';
import { cn } from '@/components/ui/cn';
import { UsageCell } from '@/components/metrics/usage-cell';

/**
 * The exact time as the age cell's tooltip, formatted when the pointer first enters the cell: a toLocaleString per
 * visible row on every tick of the clock (and ICU's date-format setup on the first rows) was a measurable share of
 * rendering a list's first rows.
 */
function exactTimeTitle(e: PointerEvent<HTMLElement>) {
  const el = e.currentTarget;
  const t = el.dataset.time;
  // a row's element can outlive its object (deleted and re-created under the same name): format per timestamp
  if (!t || el.dataset.titled === t) return;
  el.title = new Date(Number(t)).toLocaleString();
  el.dataset.titled = t;
}

export function Cell({ column, value, obj, ctx, href }: { column: Column; value: CellValue; obj: K8sObject; ctx: ColumnContext; href?: string }) {
  const display = column.display ? column.display(obj, ctx) : undefined;
  switch (column.format) {
    case 'name':
      return href ? (
        <Link href={href} prefetch={false} tabIndex={-1} className="truncate font-medium text-accent hover:underline">
          {String(value ?? '')}
        </Link>
      ) : (
        <span className="truncate font-medium">{String(value ?? '')}</span>
      );
    case 'age':
      return (
        <span className="tabular-nums text-fg-muted" data-time={typeof value === 'number' ? value : undefined} onPointerEnter={exactTimeTitle} suppressHydrationWarning>
          {typeof value === 'number' ? humanDuration(ctx.now - value) : ''}
        </span>
      );
    case 'status': {
      const s = String(value ?? '');
      const tone = statusTone(s);
      return (
        <span className="inline-flex min-w-0 items-center gap-1.5">
          <StatusDot tone={tone} />
          <span className={cn('truncate', tone === 'error' && 'text-error', tone === 'warn' && 'text-warn')}>{s}</span>
        </span>
      );
    }
    case 'bool':
      return <span className="text-fg-muted">{value === null ? '' : value ? 'Yes' : 'No'}</span>;
    case 'metric':
      return <UsageCell text={display ?? ''} bar={column.bar?.(obj, ctx) ?? null} reason={ctx.usage?.reason} />;
    case 'labels': {
      const s = String(value ?? '');
      return <span className="truncate font-mono text-xs" title={s.replaceAll(',', '\n')}>{s}</span>;
    }
    case 'number':
      return <span className="tabular-nums">{display ?? (value === null ? '' : String(value))}</span>;
    case 'mono':
      return <span className="truncate font-mono text-xs" title={String(value ?? '')}>{display ?? String(value ?? '')}</span>;
    default:
      return <span className="truncate" title={display ?? String(value ?? '')}>{display ?? (value === null ? '' : String(value))}</span>;
  }
}
