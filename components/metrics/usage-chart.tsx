'use client';
/*
 * One resource (CPU or memory) over time: a line per series (containers of a pod, pods of a workload, a node),
 * their total when there are several, dashed reference lines (requests, limits, capacity, allocatable) and
 * vertical marks for restarts and OOM kills. Colours are the theme's CSS variables, so it reads in dark mode.
 * recharts arrives with the Metrics tab's lazily loaded chunk, never with the list or overview.
 */
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { HistorySeries } from '@/lib/metrics/api';

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
const MAX_LINES = 8;

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

/** Row-per-time data for recharts; only the MAX_LINES largest series get their own line, all count in the total. */
export function chartRows(times: number[], series: HistorySeries[], field: 'cpu' | 'memory') {
  const peak = (s: HistorySeries) => s[field].reduce<number>((m, v) => (v !== null && v > m ? v : m), 0);
  const shown = series.length > MAX_LINES ? [...series].sort((a, b) => peak(b) - peak(a)).slice(0, MAX_LINES) : series;
  const rows = times.map((t, i) => {
    const row: Record<string, number | null> = { t };
    let total: number | null = null;
    for (const s of series) {
      const v = s[field][i];
      if (v !== null) total = (total ?? 0) + v;
    }
    for (const s of shown) row[`s:${s.name}`] = s[field][i];
    row.total = total;
    return row;
  });
  return { rows, shown };
}

export default function UsageChart({ title, field, times, series, references, marks, format, rangeMs }: UsageChartProps) {
  const { rows, shown } = chartRows(times, series, field);
  const withTotal = series.length > 1;
  const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  const last = times[times.length - 1];
  const first = times[0];
  const visibleMarks = marks.filter((m) => first !== undefined && m.t >= first && m.t <= last + rangeMs / 60);
  return (
    <figure aria-label={title} className="m-0 rounded-lg border border-line bg-surface p-3">
      <figcaption className="mb-2 flex items-baseline justify-between text-sm font-medium">
        <span>{title}</span>
        <span className="text-xs font-normal text-fg-muted tabular-nums">
          {rows.length ? `now ${rows[rows.length - 1].total === null ? '–' : format(rows[rows.length - 1].total!)}` : 'no samples in this range yet'}
        </span>
      </figcaption>
      <div className="h-56 w-full">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="var(--wh-line)" strokeDasharray="3 3" vertical={false} />
            <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={time} stroke="var(--wh-fg-muted)" fontSize={11} minTickGap={40} />
            <YAxis tickFormatter={format} stroke="var(--wh-fg-muted)" fontSize={11} width={64} domain={[0, 'auto']} />
            <Tooltip
              labelFormatter={(t) => new Date(Number(t)).toLocaleString()}
              formatter={(v) => (v === null || v === undefined ? '–' : format(Number(v)))}
              contentStyle={{ background: 'var(--wh-surface)', border: '1px solid var(--wh-line)', borderRadius: 6, fontSize: 12, color: 'var(--wh-fg)' }}
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {shown.map((s, i) => (
              <Line key={s.name} type="monotone" dataKey={`s:${s.name}`} name={s.name} stroke={PALETTE[i % PALETTE.length]} strokeWidth={1.5} dot={false} isAnimationActive={false} connectNulls={false} />
            ))}
            {withTotal && <Line type="monotone" dataKey="total" name="Total" stroke="var(--wh-fg)" strokeWidth={2} dot={false} isAnimationActive={false} />}
            {references.map((r) => (
              <ReferenceLine key={r.label} y={r.value} stroke={TONE[r.tone]} strokeDasharray="6 4" ifOverflow="extendDomain" label={{ value: `${r.label} ${format(r.value)}`, position: 'insideTopRight', fill: TONE[r.tone], fontSize: 11 }} />
            ))}
            {visibleMarks.map((m) => (
              <ReferenceLine key={`${m.t}-${m.label}`} x={Math.max(first, Math.min(last, m.t))} stroke={m.oom ? 'var(--wh-error)' : 'var(--wh-warn)'} strokeDasharray="2 3" label={{ value: m.oom ? 'OOM' : '↻', position: 'top', fill: m.oom ? 'var(--wh-error)' : 'var(--wh-warn)', fontSize: 11 }} />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
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
