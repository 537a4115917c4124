'use client';
/*
 * Capacity / requests / usage over the last hour (usage from the BFF's metrics sampler), as SVG drawn in one
 * render pass (the Metrics tab's chart frame, d3-scale/d3-shape). Loaded lazily by resource-charts.tsx. Hover
 * or the arrow keys (once the chart is focused) read the values at a time.
 */
import { scaleLinear, scaleTime } from 'd3-scale';
import { area, curveMonotoneX, curveStepAfter, line } from 'd3-shape';
import { useNow } from '@/components/ui/use-now';
import { ChartAxes, clockSeconds, useChartBox, useChartCursor } from '@/components/metrics/chart-frame';

export interface Sample {
  t: number;
  capacity: number;
  requests: number;
  usage?: number;
}

const PARTS = [
  { key: 'usage', name: 'Usage', colour: 'var(--wh-warn)' },
  { key: 'requests', name: 'Requests', colour: 'var(--wh-info)' },
  { key: 'capacity', name: 'Capacity', colour: 'var(--wh-fg-muted)' },
] as const;

export default function ResourceChart({ samples, format, label }: { samples: Sample[]; format: (n: number) => string; label: string }) {
  // The last known values hold until the next update: extend them to now so the chart moves live.
  const now = useNow();
  const { ref, measured, box } = useChartBox();
  const last = samples[samples.length - 1];
  const data = last && now > last.t ? [...samples, { ...last, t: now }] : samples;
  const first = data[0]?.t ?? now;
  const end = data[data.length - 1]?.t ?? now;
  const x = scaleTime()
    .domain([new Date(first === end ? end - 60_000 : first), new Date(end)])
    .range([box.left, box.width - box.right]);
  const top = Math.max(0, ...data.map((d) => Math.max(d.capacity, d.requests, d.usage ?? 0)));
  const y = scaleLinear()
    .domain([0, top > 0 ? top : 1])
    .nice(5)
    .range([box.height - box.bottom, box.top]);
  const px = (d: Sample) => x(new Date(d.t));
  const requests =
    area<Sample>()
      .x(px)
      .y0(y(0))
      .y1((d) => y(d.requests))
      .curve(curveStepAfter)(data) ?? '';
  const capacity =
    line<Sample>()
      .x(px)
      .y((d) => y(d.capacity))
      .curve(curveStepAfter)(data) ?? '';
  const withUsage = data.filter((d) => d.usage !== undefined);
  const usage =
    line<Sample>()
      .x(px)
      .y((d) => y(d.usage!))
      .curve(curveMonotoneX)(withUsage) ?? '';

  const nearest = (pos: number) => data.reduce((best, d, i) => (Math.abs(px(d) - pos) < Math.abs(px(data[best]) - pos) ? i : best), 0);
  const { at, plot, svg } = useChartCursor(data.length, nearest);

  return (
    <div>
      <div
        ref={ref}
        role="group"
        aria-label={data.length ? `${label} values: arrow keys move along the time axis` : undefined}
        {...plot}
        className="relative h-56 w-full rounded focus-visible:outline-2 focus-visible:outline-accent"
      >
        {measured && (
          <svg
            role="img"
            aria-label={`${label} capacity, requests and usage over time`}
            width={box.width}
            height={box.height}
            className="block touch-pan-y select-none"
            {...svg}
          >
            <ChartAxes
              box={box}
              x={(t) => x(new Date(t))}
              y={y}
              xTicks={x.ticks(Math.max(2, Math.floor((box.width - box.left - box.right) / 90))).map((d) => d.getTime())}
              yTicks={y.ticks(5)}
              format={format}
            />
            <path d={requests} style={{ fill: 'var(--wh-info)', stroke: 'var(--wh-info)' }} fillOpacity={0.15} />
            <path d={capacity} fill="none" strokeDasharray="5 4" style={{ stroke: 'var(--wh-fg-muted)' }} />
            <path d={usage} fill="none" strokeWidth={2} style={{ stroke: 'var(--wh-warn)' }} />
            {at !== null && (
              <line
                x1={px(data[at])}
                x2={px(data[at])}
                y1={box.top}
                y2={box.height - box.bottom}
                pointerEvents="none"
                style={{ stroke: 'var(--wh-fg-muted)' }}
              />
            )}
          </svg>
        )}
        {at !== null && (
          <div
            role="status"
            className="pointer-events-none absolute top-1 z-10 rounded-md border border-line bg-surface px-2 py-1 text-xs shadow-sm tabular-nums"
            style={px(data[at]) > box.width / 2 ? { right: box.width - px(data[at]) + 8 } : { left: px(data[at]) + 8 }}
          >
            <div className="mb-0.5 font-medium">{clockSeconds(data[at].t)}</div>
            {PARTS.map((p) => (
              <div key={p.key} className="flex justify-between gap-3">
                <span>{p.name}</span>
                <span>{data[at][p.key] === undefined ? '–' : format(data[at][p.key]!)}</span>
              </div>
            ))}
          </div>
        )}
      </div>
      <ul className="mt-2 flex flex-wrap justify-center gap-x-3 text-xs" aria-label={`${label} chart legend`}>
        {PARTS.map((p) => (
          <li key={p.key} className="inline-flex items-center gap-1">
            <span aria-hidden className="inline-block h-0.5 w-3" style={{ background: p.colour }} />
            {p.name}
          </li>
        ))}
      </ul>
    </div>
  );
}
