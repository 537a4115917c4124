'use client';
/*
 * What every SVG time chart shares: its width (its container's, measured before the first paint and on every
 * resize) and its frame (horizontal grid with value labels, time labels along the bottom).
 */
import { useLayoutEffect, useRef, useState } from 'react';
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
