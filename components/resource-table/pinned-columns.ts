'use client';
/**
 * Pinned columns of the list table: the checkbox and Name columns stay at the left edge (position: sticky) while
 * the rest of a wide table scrolls sideways inside its panel. A pinned cell must be opaque, or the cells scrolling
 * under it would show through, so it repaints the row's state (hover, selected, keyboard focus) itself, mixed
 * into the page colour the rows sit on; its right border is the edge the content scrolls under.
 */
import { useEffect, type RefObject } from 'react';
import type { Column } from '@/lib/k8s/columns';

export const PIN = { checkbox: 40 } as const;

/** the Name column's width: its own, but at most about half of a narrow panel (never under 120 px) */
export function nameColumnWidth(width: number, panelWidth: number | undefined): number {
  if (!panelWidth) return width;
  return Math.min(width, Math.max(120, Math.floor(panelWidth * 0.45)));
}

export function statusIndex(columns: readonly Column[]): number {
  return columns.findIndex((c) => c.format === 'status');
}

// class names are written out whole so Tailwind's scanner finds them
const LEFT = { checkbox: 'left-0', name: 'left-[40px] border-r border-r-line' } as const;

export function pinnedHeadClass(which: keyof typeof LEFT): string {
  return `sticky top-0 z-20 bg-surface ${LEFT[which]}`;
}

export function pinnedBodyClass(which: keyof typeof LEFT, selected: boolean): string {
  return [
    'sticky z-[1]',
    LEFT[which],
    selected ? 'bg-[color-mix(in_oklab,var(--color-accent)_5%,var(--color-canvas))]' : 'bg-canvas',
    'group-hover:bg-surface-2 group-focus-visible:bg-[color-mix(in_oklab,var(--color-accent)_10%,var(--color-canvas))]',
    // the row's focus bar sits on the first cell: a pinned cell paints over the row's own box
    which === 'checkbox' ? 'group-focus-visible:shadow-[inset_2px_0_0_var(--color-accent)]' : '',
  ].join(' ');
}

/**
 * Marks the scroll box with data-scrolled-x while it is scrolled sideways (set on the element itself: a scroll
 * event per frame must not re-render a table of rows).
 */
export function useScrolledX(ref: RefObject<HTMLElement | null>) {
  useEffect(() => trackScrolledX(ref.current), [ref]);
}

/** the same as a callback ref, for a scroll box rendered conditionally (React 19 runs the returned cleanup) */
export function trackScrolledX(el: HTMLElement | null): (() => void) | undefined {
  if (!el) return undefined;
  const update = () => {
    if (el.scrollLeft > 0) el.setAttribute('data-scrolled-x', '');
    else el.removeAttribute('data-scrolled-x');
  };
  update();
  el.addEventListener('scroll', update, { passive: true });
  return () => el.removeEventListener('scroll', update);
}
