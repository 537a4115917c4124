/**
 * The geometry of a usage chart (usage-chart.tsx), apart from React: which series get their own line, the
 * total, the scales (d3-scale), the line paths (d3-shape) and the ticks. Pure, so it is unit-tested and the
 * component draws in one render pass.
 */
import { scaleLinear, scaleTime } from 'd3-scale';
import { curveMonotoneX, line } from 'd3-shape';
import type { HistorySeries } from '@/lib/metrics/api';

export const MAX_LINES = 8;

export interface Box {
  width: number;
  height: number;
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface ChartLine {
  name: string;
  values: (number | null)[];
  /** SVG path, '' when no two neighbouring points exist */
  d: string;
  /** points with no neighbour on either side (a line cannot show them) */
  dots: { x: number; y: number }[];
}

export interface Geometry {
  lines: ChartLine[];
  total?: ChartLine;
  totals: (number | null)[];
  x: (t: number) => number;
  y: (v: number) => number;
  xTicks: number[];
  yTicks: number[];
  /** index of the time nearest to a horizontal pixel position */
  indexAt: (px: number) => number;
}

const peak = (values: (number | null)[]) => values.reduce<number>((m, v) => (v !== null && v > m ? v : m), 0);

/** The MAX_LINES largest series (by peak) get their own line; every series counts in the total. */
export function shownSeries(series: HistorySeries[], field: 'cpu' | 'memory'): HistorySeries[] {
  return series.length > MAX_LINES ? [...series].sort((a, b) => peak(b[field]) - peak(a[field])).slice(0, MAX_LINES) : series;
}

export function totals(times: number[], series: HistorySeries[], field: 'cpu' | 'memory'): (number | null)[] {
  return times.map((_, i) => {
    let total: number | null = null;
    for (const s of series) {
      const v = s[field][i];
      if (v !== null && v !== undefined) total = (total ?? 0) + v;
    }
    return total;
  });
}

export function geometry(times: number[], series: HistorySeries[], field: 'cpu' | 'memory', references: number[], box: Box): Geometry {
  const shown = shownSeries(series, field);
  const sums = totals(times, series, field);
  const withTotal = series.length > 1;
  const first = times[0] ?? 0;
  const last = times[times.length - 1] ?? 0;
  // a single sample still gets an axis: a step's width before it
  const x0 = first === last ? first - 60_000 : first;
  const x = scaleTime()
    .domain([new Date(x0), new Date(last)])
    .range([box.left, box.width - box.right]);
  const top = Math.max(withTotal ? peak(sums) : 0, ...shown.map((s) => peak(s[field])), ...references, 0);
  const y = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .nice(5)
    .range([box.height - box.bottom, box.top]);
  const path = line<number | null>()
    .defined((v) => v !== null && v !== undefined)
    .x((_, i) => x(new Date(times[i])))
    .y((v) => y(v!))
    .curve(curveMonotoneX);
  const toLine = (name: string, values: (number | null)[]): ChartLine => ({
    name,
    values,
    d: path(values) ?? '',
    dots: values.flatMap((v, i) =>
      v !== null && v !== undefined && (values[i - 1] ?? null) === null && (values[i + 1] ?? null) === null ? [{ x: x(new Date(times[i])), y: y(v) }] : [],
    ),
  });
  const plotWidth = box.width - box.left - box.right;
  const xs = times.map((t) => x(new Date(t)));
  return {
    lines: shown.map((s) => toLine(s.name, s[field])),
    total: withTotal ? toLine('Total', sums) : undefined,
    totals: sums,
    x: (t) => x(new Date(t)),
    y,
    xTicks: x.ticks(Math.max(2, Math.floor(plotWidth / 90))).map((d) => d.getTime()),
    yTicks: y.ticks(5),
    indexAt: (px) => {
      let best = 0;
      for (let i = 1; i < xs.length; i++) if (Math.abs(xs[i] - px) < Math.abs(xs[best] - px)) best = i;
      return best;
    },
  };
}
