'use client';
/*
 * Capacity / requests / usage over the last hour (usage from the BFF's metrics sampler; recharts, loaded lazily
 * by resource-charts.tsx so recharts never reaches the overview's bundle).
 */
import { useNow } from '@/components/ui/use-now';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

export interface Sample {
  t: number;
  capacity: number;
  requests: number;
  usage?: number;
}

export default function ResourceChart({ samples, format, label }: { samples: Sample[]; format: (n: number) => string; label: string }) {
  // The last known values hold until the next update: extend them to now so the chart moves live.
  const now = useNow();
  const last = samples[samples.length - 1];
  const data = last && now > last.t ? [...samples, { ...last, t: now }] : samples;
  const time = (t: number) => new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return (
    <div role="img" aria-label={`${label} capacity, requests and usage over time`} className="h-56 w-full">
      <ResponsiveContainer width="100%" height="100%">
        <ComposedChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="var(--wh-line)" strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="t" type="number" domain={['dataMin', 'dataMax']} scale="time" tickFormatter={time} stroke="var(--wh-fg-muted)" fontSize={11} minTickGap={40} />
          <YAxis tickFormatter={format} stroke="var(--wh-fg-muted)" fontSize={11} width={64} domain={[0, 'auto']} />
          <Tooltip
            labelFormatter={(t) => time(Number(t))}
            formatter={(v) => format(Number(v))}
            contentStyle={{ background: 'var(--wh-surface)', border: '1px solid var(--wh-line)', borderRadius: 6, fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area type="stepAfter" dataKey="requests" name="Requests" stroke="var(--wh-info)" fill="var(--wh-info)" fillOpacity={0.15} isAnimationActive={false} />
          <Line type="monotone" dataKey="usage" name="Usage" stroke="var(--wh-warn)" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls />
          <Line type="stepAfter" dataKey="capacity" name="Capacity" stroke="var(--wh-fg-muted)" strokeDasharray="5 4" dot={false} isAnimationActive={false} />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
