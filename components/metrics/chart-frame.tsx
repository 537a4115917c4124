'use client';
/*
 * What every SVG time chart shares: its width (its container's, measured before the first paint and on every
 * resize) and its frame (horizontal grid with value labels, time labels along the bottom).
 */
import { useLayoutEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import type { Box } from './chart-geometry';

export const CHART_HEIGHT = 224;
export const CHART_MARGIN = { top: 16, right: 12, bottom: 22, left: 64 };

/** The chart's box at its container's width; 0 until measured (in the same commit, before paint). */
export function useChartBox() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  const box: Box = { width: Math.max(width, CHART_MARGIN.left + CHART_MARGIN.right + 10), height: CHART_HEIGHT, ...CHART_MARGIN };
  return { ref, measured: width > 0, box };
}

// one formatter each: toLocaleTimeString builds a new one per call (most of a chart's drawing time)
const minutes = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const seconds = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit' });
export const clockMinutes = (t: number) => minutes.format(t);
export const clockSeconds = (t: number) => seconds.format(t);

export interface ChartAxesProps {
  box: Box;
  x: (t: number) => number;
  y: (v: number) => number;
  xTicks: number[];
  yTicks: number[];
  format: (v: number) => string;
  clock?: (t: number) => string;
}

export function ChartAxes({ box, x, y, xTicks, yTicks, format, clock = clockMinutes }: ChartAxesProps) {
  // ticks closer than the clock's resolution would repeat their label: keep the first of each
  const labels = xTicks.map((t) => ({ t, label: clock(t) })).filter((l, i, all) => i === 0 || l.label !== all[i - 1].label);
  const bottom = box.height - box.bottom;
  return (
    <g>
      {yTicks.map((v) => (
        <g key={v}>
          <line x1={box.left} x2={box.width - box.right} y1={y(v)} y2={y(v)} style={{ stroke: 'var(--wh-line)' }} strokeDasharray="3 3" />
          <text x={box.left - 6} y={y(v)} dy="0.32em" textAnchor="end" fontSize={11} style={{ fill: 'var(--wh-fg-muted)' }}>
            {format(v)}
          </text>
        </g>
      ))}
      <line x1={box.left} x2={box.width - box.right} y1={bottom} y2={bottom} style={{ stroke: 'var(--wh-fg-muted)' }} />
      {labels.map(({ t, label }) => {
        const tx = x(t);
        // the labels at the ends stay inside the chart's box
        const anchor = tx > box.width - box.right - 30 ? 'end' : tx < box.left + 30 ? 'start' : 'middle';
        return (
          <text key={t} x={tx} y={bottom + 15} textAnchor={anchor} fontSize={11} style={{ fill: 'var(--wh-fg-muted)' }}>
            {label}
          </text>
        );
      })}
    </g>
  );
}

/**
 * The time a chart shows values for: the nearest point to the pointer, or moved from the keyboard once the plot
 * has focus (←/→, Home/End; Escape hides it). Spread `plot` on the focusable plot and `svg` on its SVG.
 */
export function useChartCursor(count: number, indexAt: (px: number) => number) {
  const [cursor, setCursor] = useState<number | null>(null);
  const at = cursor !== null && cursor < count ? cursor : null;
  const onPointer = (e: PointerEvent<SVGSVGElement>) => {
    if (count) setCursor(indexAt(e.clientX - e.currentTarget.getBoundingClientRect().left));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!count) return;
    const i = at ?? count - 1;
    const next = { ArrowLeft: i - 1, ArrowRight: i + 1, Home: 0, End: count - 1 }[e.key];
    if (e.key === 'Escape') setCursor(null);
    else if (next !== undefined) {
      e.preventDefault();
      setCursor(Math.max(0, Math.min(count - 1, next)));
    }
  };
  return {
    at,
    plot: {
      tabIndex: count ? 0 : undefined,
      onKeyDown,
      onFocus: () => count > 0 && setCursor((c) => c ?? count - 1),
      onBlur: () => setCursor(null),
    },
    svg: { onPointerMove: onPointer, onPointerDown: onPointer, onPointerLeave: () => setCursor(null) },
  };
}
