'use client';
/**
 * The virtualized list table: a real <table role="grid"> with column headers (sort buttons), spacer rows above
 * and below the visible window so the DOM holds only what is on screen (+ overscan), checkboxes for selection
 * and roving focus for keyboard navigation (arrows, Home/End, PageUp/PageDown, Enter opens, Space selects).
 * Sorting and filtering happen upstream on cached values (lib/k8s/table-model.ts); react-table carries the
 * column model and sort state only. It gets no data: its row model (one object per row, rebuilt whenever the
 * rows array changes) cost ~60-90 ms per sort or snapshot at 10,000 rows, and nothing here needs it — cells
 * read the cached values, and "Select all" is computed by select-all.ts.
 * Wider than its panel (a phone), the table scrolls sideways inside the panel with the checkbox and Name columns
 * pinned (sticky, opaque, with an edge; pinned-columns.ts), and once scrolled the Name cell shows the row's
 * status dot, since the Status column has moved out of sight.
 */
import { memo, useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { getCoreRowModel, useReactTable, type ColumnDef, type RowSelectionState, type SortingState } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import type { Column, ColumnContext } from '@/lib/k8s/columns';
import type { Row, SortSpec } from '@/lib/k8s/table-model';
import { cn } from '@/components/ui/cn';
import { StatusDot } from '@/components/ui/status-dot';
import { statusTone } from '@/lib/k8s/status-tone';
import { Cell } from './cell';
import { PIN, pinnedBodyClass, pinnedHeadClass, nameColumnWidth, statusIndex, useScrolledX } from './pinned-columns';
import { selectAllState, toggleAll } from './select-all';

const ROW_HEIGHT = 34;
const NO_ROWS: Row[] = [];
const OVERSCAN = 12;

export interface VirtualTableProps {
  label: string;
  rows: Row[];
  columns: Column[];
  ctx: ColumnContext;
  sort: SortSpec | null;
  onSortChange: (s: SortSpec | null) => void;
  selection: RowSelectionState;
  onSelectionChange: (s: RowSelectionState) => void;
  hrefFor: (row: Row) => string;
  /** shown under the headers when there are no rows (the grid stays, so live additions appear in place) */
  empty?: ReactNode;
}

export function VirtualTable({ label, rows, columns, ctx, sort, onSortChange, selection, onSelectionChange, hrefFor, empty }: VirtualTableProps) {
  const router = useRouter();
  const scrollRef = useRef<HTMLDivElement>(null);
  const [active, setActive] = useState(0);
  const focusPending = useRef(false);
  // rows are memoized: their callbacks read the latest selection through refs instead of closing over it
  const selectionRef = useRef(selection);
  const onSelectionRef = useRef(onSelectionChange);
  useEffect(() => {
    selectionRef.current = selection;
    onSelectionRef.current = onSelectionChange;
  });
  const toggle = useCallback((id: string) => {
    const cur = selectionRef.current;
    const next = { ...cur };
    if (cur[id]) delete next[id];
    else next[id] = true;
    onSelectionRef.current(next);
  }, []);

  const colDefs = useMemo<ColumnDef<Row>[]>(
    () => columns.map((c, i) => ({ id: c.id, header: c.label, accessorFn: (r: Row) => r.values[i], size: c.width ?? 140, enableSorting: true })),
    [columns],
  );
  const sorting = useMemo<SortingState>(() => (sort ? [{ id: sort.columnId, desc: sort.desc }] : []), [sort]);
  const table = useReactTable({
    data: NO_ROWS,
    columns: colDefs,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualFiltering: true,
    state: { sorting },
    onSortingChange: (updater) => {
      const next = typeof updater === 'function' ? updater(sorting) : updater;
      onSortChange(next[0] ? { columnId: next[0].id, desc: next[0].desc } : null);
    },
  });

  // The scroll box needs a definite height or it grows to fit every row and virtualization renders them all.
  // Percent heights do not resolve through the shell's flex/overflow chain, so the box fills the viewport
  // below its own top edge instead (re-measured on resize).
  const [height, setHeight] = useState<number>();
  const [panelWidth, setPanelWidth] = useState<number>();
  useLayoutEffect(() => {
    const measure = () => {
      const el = scrollRef.current;
      if (el) setHeight(Math.max(240, Math.floor(window.innerHeight - el.getBoundingClientRect().top)));
      if (el) setPanelWidth(el.clientWidth);
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);

  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    // the first render already holds the rows of a viewport-high box (measured right after): without it the first
    // rows of a list appeared one layout pass later
    initialRect: typeof window === 'undefined' ? undefined : { width: window.innerWidth, height: window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();
  const padTop = items.length ? items[0].start : 0;
  const padBottom = items.length ? virtualizer.getTotalSize() - items[items.length - 1].end : 0;
  const activeIndex = Math.min(active, Math.max(0, rows.length - 1));

  useEffect(() => {
    if (!focusPending.current) return;
    const el = scrollRef.current?.querySelector<HTMLTableRowElement>(`tr[data-index="${activeIndex}"]`);
    if (el) {
      el.focus({ preventScroll: true });
      focusPending.current = false;
    }
  });

  const moveTo = useCallback(
    (i: number) => {
      const idx = Math.max(0, Math.min(rows.length - 1, i));
      setActive(idx);
      focusPending.current = true;
      virtualizer.scrollToIndex(idx, { align: 'auto' });
    },
    [rows.length, virtualizer],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLTableSectionElement>) => {
    if ((e.target as HTMLElement).tagName === 'INPUT') return; // let checkboxes keep Space
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 400) / ROW_HEIGHT) - 1);
    const keys: Record<string, number> = { ArrowDown: activeIndex + 1, ArrowUp: activeIndex - 1, PageDown: activeIndex + page, PageUp: activeIndex - page, Home: 0, End: rows.length - 1 };
    if (e.key in keys) {
      e.preventDefault();
      moveTo(keys[e.key]);
    } else if (e.key === 'Enter' && rows[activeIndex]) {
      e.preventDefault();
      router.push(hrefFor(rows[activeIndex]));
    } else if (e.key === ' ' && rows[activeIndex]) {
      e.preventDefault();
      toggle(rows[activeIndex].id);
    }
  };

  const { all: allSelected, some: someSelected } = useMemo(() => selectAllState(rows, selection), [rows, selection]);
  const headers = table.getHeaderGroups()[0].headers;
  // the Name column is pinned when it comes first (every kind's does); on a narrow panel it gives up width so
  // the scrolling part keeps room
  const pinName = columns[0]?.format === 'name';
  const statusAt = useMemo(() => statusIndex(columns), [columns]);
  useScrolledX(scrollRef);

  return (
    <div ref={scrollRef} className="group/scroll shrink-0 overflow-auto" style={{ height: height ?? 480 }} data-testid="resource-table-scroll">
      <table role="grid" aria-label={label} aria-rowcount={rows.length + 1} aria-colcount={columns.length + 1} className="w-full table-fixed border-separate border-spacing-0 text-sm">
        <colgroup>
          <col style={{ width: PIN.checkbox }} />
          {columns.map((c, i) => (
            <col key={c.id} style={{ width: i === 0 && pinName ? nameColumnWidth(c.width ?? 140, panelWidth) : (c.width ?? 140) }} />
          ))}
        </colgroup>
        <thead>
          <tr aria-rowindex={1}>
            <th scope="col" className={cn('border-b border-line px-3 py-1.5 text-left', pinnedHeadClass('checkbox'))}>
              <input
                type="checkbox"
                aria-label="Select all"
                checked={allSelected}
                ref={(el) => {
                  if (el) el.indeterminate = !allSelected && someSelected;
                }}
                onChange={(e) => onSelectionChange(toggleAll(rows, selection, e.target.checked))}
              />
            </th>
            {headers.map((h, i) => {
              const c = columns[i];
              const dir = h.column.getIsSorted();
              return (
                <th
                  key={h.id}
                  scope="col"
                  aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}
                  className={cn(
                    'border-b border-line px-2 py-1.5 font-medium text-fg-muted',
                    c.align === 'right' ? 'text-right' : 'text-left',
                    i === 0 && pinName ? pinnedHeadClass('name') : 'sticky top-0 z-10 bg-surface',
                  )}
                >
                  <button
                    type="button"
                    onClick={() => onSortChange(!dir ? { columnId: c.id, desc: false } : dir === 'asc' ? { columnId: c.id, desc: true } : null)}
                    className={cn('inline-flex max-w-full items-center gap-1 rounded px-1 hover:text-fg', c.align === 'right' && 'flex-row-reverse')}
                  >
                    <span className="truncate">{c.label}</span>
                    {dir === 'asc' && <ArrowUp aria-hidden className="h-3 w-3 shrink-0" />}
                    {dir === 'desc' && <ArrowDown aria-hidden className="h-3 w-3 shrink-0" />}
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody onKeyDown={onKeyDown}>
          {padTop > 0 && (
            <tr aria-hidden style={{ height: padTop }}>
              <td colSpan={columns.length + 1} />
            </tr>
          )}
          {items.map((vi) => {
            const row = rows[vi.index];
            return (
              <TableRow
                key={row.id}
                index={vi.index}
                row={row}
                columns={columns}
                ctx={ctx}
                selected={Boolean(selection[row.id])}
                active={vi.index === activeIndex}
                href={hrefFor(row)}
                onToggle={toggle}
                onFocusRow={setActive}
                pinName={pinName}
                statusAt={statusAt}
              />
            );
          })}
          {padBottom > 0 && (
            <tr aria-hidden style={{ height: padBottom }}>
              <td colSpan={columns.length + 1} />
            </tr>
          )}
        </tbody>
      </table>
      {rows.length === 0 && empty}
    </div>
  );
}

/** The exact times behind a focused row's ages, which globals.css shows while the row has keyboard focus. */
function showExactTimes(row: HTMLElement) {
  for (const el of row.querySelectorAll<HTMLElement>('[data-time]')) el.dataset.exact = new Date(Number(el.dataset.time)).toLocaleString();
}

interface RowProps {
  index: number;
  row: Row;
  columns: Column[];
  ctx: ColumnContext;
  selected: boolean;
  active: boolean;
  href: string;
  onToggle: (id: string) => void;
  onFocusRow: (index: number) => void;
  pinName: boolean;
  /** index of the Status column, or -1 */
  statusAt: number;
}

const TableRow = memo(
  function TableRow({ index, row, columns, ctx, selected, active, href, onToggle, onFocusRow, pinName, statusAt }: RowProps) {
    return (
      <tr
        data-index={index}
        aria-rowindex={index + 2}
        aria-selected={selected}
        tabIndex={active ? 0 : -1}
        onFocus={(e) => {
          onFocusRow(index);
          showExactTimes(e.currentTarget);
        }}
        style={{ height: ROW_HEIGHT }}
        className={cn('group outline-none hover:bg-surface-2 focus-visible:bg-accent/10', selected && 'bg-accent/5')}
      >
        <td role="gridcell" className={cn('border-b border-line/60 px-3', pinnedBodyClass('checkbox', selected))}>
          <input type="checkbox" aria-label={`Select ${row.obj.metadata.name}`} checked={selected} onChange={() => onToggle(row.id)} tabIndex={-1} />
        </td>
        {columns.map((c, i) => (
          <td key={c.id} role="gridcell" className={cn('overflow-hidden border-b border-line/60 px-3 whitespace-nowrap', c.align === 'right' && 'text-right', i === 0 && pinName && pinnedBodyClass('name', selected))}>
            {i === 0 && pinName && statusAt >= 0 ? (
              <span className="flex min-w-0 items-center gap-1.5">
                <span aria-hidden className="hidden group-data-[scrolled-x]/scroll:inline-flex">
                  <StatusDot tone={statusTone(String(row.values[statusAt] ?? ''))} />
                </span>
                <Cell column={c} value={row.values[i]} obj={row.obj} ctx={ctx} href={href} />
              </span>
            ) : (
              <Cell column={c} value={row.values[i]} obj={row.obj} ctx={ctx} href={c.format === 'name' ? href : undefined} />
            )}
          </td>
        ))}
      </tr>
    );
  },
  // callbacks are stable (refs inside), so only data props decide re-rendering
  (a, b) =>
    a.row === b.row && a.selected === b.selected && a.active === b.active && a.ctx === b.ctx && a.columns === b.columns && a.index === b.index && a.href === b.href && a.pinName === b.pinName && a.statusAt === b.statusAt,
);
