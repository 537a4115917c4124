'use client';
/*
 * One resource (CPU or memory) over time: a line per series (containers of a pod, pods of a workload, a node),
 * their total when there are several, dashed reference lines (requests, limits, capacity, allocatable) and
 * vertical marks for restarts and OOM kills. Drawn as SVG from d3-scale/d3-shape geometry (chart-geometry.ts)
 * in one render pass: a charting component that registers its parts in a store and lays out over several
 * frames took most of a 24 h chart's time. Colours are the theme's CSS variables, so it reads in dark mode.
 * Values are read by hovering, or from the keyboard: focus the plot and use the arrow keys.
 */
import type { HistorySeries } from '@/lib/metrics/api';
import { geometry } from './chart-geometry';
import { CHART_HEIGHT as HEIGHT, CHART_MARGIN as MARGIN, ChartAxes, useChartBox, useChartCursor } from './chart-frame';

export interface Reference {
  label: string;
  value: number;
  tone: 'info' | 'error' | 'muted';
}

export interface Mark {
  t: number;
  label: string;
  oom: boolean;
}

const PALETTE = ['var(--wh-accent)', 'var(--wh-ok)', 'var(--wh-warn)', 'var(--wh-info)', '#b36bd6', '#d66b9a', '#4bb3a6', '#8a8f3d'];
const TONE = { info: 'var(--wh-info)', error: 'var(--wh-error)', muted: 'var(--wh-fg-muted)' };
export interface UsageChartProps {
  title: string;
  field: 'cpu' | 'memory';
  times: number[];
  series: HistorySeries[];
  references: Reference[];
  marks: Mark[];
  format: (v: number) => string;
  rangeMs: number;
}

export default function UsageChart({ title, field, times, series, references, marks, format, rangeMs }: UsageChartProps) {
  const { ref, measured, box } = useChartBox();
  const first = times[0];
  const last = times[times.length - 1];
  const visibleMarks = marks.filter((m) => first !== undefined && m.t >= first && m.t <= last + rangeMs / 60);
  const g = geometry(
    times,
    series,
    field,
    references.map((r) => r.value),
    box,
  );
  const now = g.totals.at(-1);
  const lines = g.total ? [...g.lines, g.total] : g.lines;
  const colour = (i: number) => (i < g.lines.length ? PALETTE[i % PALETTE.length] : 'var(--wh-fg)');

  const { at, plot, svg } = useChartCursor(times.length, g.indexAt);

  return (
    <figure aria-label={title} className="m-0 rounded-lg border border-line bg-surface p-3">
      <figcaption className="mb-2 flex items-baseline justify-between text-sm font-medium">
        <span>{title}</span>
        <span className="text-xs font-normal text-fg-muted tabular-nums">
          {times.length ? `now ${now === null || now === undefined ? '–' : format(now)}` : 'no samples in this range yet'}
        </span>
      </figcaption>
      <div
        ref={ref}
        role="group"
        className="relative h-56 w-full rounded focus-visible:outline-2 focus-visible:outline-accent"
        {...plot}
        aria-label={times.length ? `${title} values: arrow keys move along the time axis` : undefined}
      >
        {measured && (
          <svg width={box.width} height={HEIGHT} className="block touch-pan-y select-none" {...svg}>
            <ChartAxes box={box} x={g.x} y={g.y} xTicks={g.xTicks} yTicks={g.yTicks} format={format} />
            {lines.map((l, i) => (
              <g key={l.name} style={{ stroke: colour(i), fill: colour(i) }}>
                <path d={l.d} fill="none" strokeWidth={l === g.total ? 2 : 1.5} strokeLinejoin="round" />
                {l.dots.map((p) => (
                  <circle key={p.x} cx={p.x} cy={p.y} r={2} stroke="none" />
                ))}
              </g>
            ))}
            {references.map((r) => (
              <g key={r.label} style={{ stroke: TONE[r.tone], fill: TONE[r.tone] }}>
                <line x1={MARGIN.left} x2={box.width - MARGIN.right} y1={g.y(r.value)} y2={g.y(r.value)} strokeDasharray="6 4" />
                <text x={box.width - MARGIN.right - 4} y={g.y(r.value) - 4} textAnchor="end" fontSize={11} stroke="none">
                  {`${r.label} ${format(r.value)}`}
                </text>
              </g>
            ))}
            {visibleMarks.map((m) => {
              const mx = g.x(Math.max(first, Math.min(last, m.t)));
              const tone = m.oom ? 'var(--wh-error)' : 'var(--wh-warn)';
              return (
                <g key={`${m.t}-${m.label}`} style={{ stroke: tone, fill: tone }}>
                  <line x1={mx} x2={mx} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} strokeDasharray="2 3" />
                  <text x={mx} y={MARGIN.top - 4} textAnchor="middle" fontSize={11} stroke="none">
                    {m.oom ? 'OOM' : '↻'}
                  </text>
                </g>
              );
            })}
            {at !== null && (
              <g pointerEvents="none">
                <line x1={g.x(times[at])} x2={g.x(times[at])} y1={MARGIN.top} y2={HEIGHT - MARGIN.bottom} style={{ stroke: 'var(--wh-fg-muted)' }} />
                {lines.map((l, i) =>
                  l.values[at] === null ? null : (
                    <circle key={l.name} cx={g.x(times[at])} cy={g.y(l.values[at]!)} r={3} style={{ fill: colour(i), stroke: 'var(--wh-surface)' }} />
                  ),
                )}
              </g>
            )}
          </svg>
        )}
        {at !== null && (
          <div
            role="status"
            className="pointer-events-none absolute top-1 z-10 max-w-[60%] rounded-md border border-line bg-surface px-2 py-1 text-xs shadow-sm tabular-nums"
            style={g.x(times[at]) > box.width / 2 ? { right: box.width - g.x(times[at]) + 8 } : { left: g.x(times[at]) + 8 }}
          >
            <div className="mb-0.5 font-medium">{new Date(times[at]).toLocaleString()}</div>
            {[...lines].reverse().map((l) => (
              <div key={l.name} className="flex justify-between gap-3">
                <span className="truncate">{l.name}</span>
                <span>{l.values[at] === null ? '–' : format(l.values[at]!)}</span>
              </div>
            ))}
          </div>
        )}
      </div>
      {lines.length > 0 && (
        <ul className="mt-2 flex flex-wrap justify-center gap-x-3 gap-y-1 text-xs" aria-label={`${title} series`}>
          {lines.map((l, i) => (
            <li key={l.name} className="inline-flex items-center gap-1">
              <span aria-hidden className="inline-block h-0.5 w-3" style={{ background: colour(i) }} />
              {l.name}
            </li>
          ))}
          {series.length > g.lines.length && <li className="text-fg-muted">{series.length - g.lines.length} more in the total</li>}
        </ul>
      )}
      {visibleMarks.length > 0 && (
        <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-fg-muted" aria-label={`${title} events`}>
          {visibleMarks.map((m) => (
            <li key={`${m.t}-${m.label}`} className={m.oom ? 'text-error' : 'text-warn'}>
              {m.oom ? 'OOM kill' : 'Restart'}: {m.label} at {new Date(m.t).toLocaleTimeString()}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
