/**
 * Browser entry of `npm run bench:metrics` (bundled with esbuild into a bare page): renders the Metrics tab's
 * chart component for a history answer and reports the time from render() to the drawn SVG lines.
 */
import { createRoot } from 'react-dom/client';
import { flushSync } from 'react-dom';
import UsageChart from '../components/metrics/usage-chart';
import type { MetricsHistory } from '../lib/metrics/api';
import { formatCpu } from '../lib/k8s/machinery/quantity';

declare global {
  interface Window {
    renderChart(h: MetricsHistory): Promise<{ ms: number; lines: number }>;
  }
}

window.renderChart = (h) =>
  new Promise((resolve) => {
    const el = document.getElementById('root')!;
    const t0 = performance.now();
    const root = createRoot(el);
    flushSync(() =>
      root.render(<UsageChart title="CPU" field="cpu" times={h.times} series={h.series} references={[{ label: 'Requests', value: 1, tone: 'info' }]} marks={[]} format={(v) => formatCpu(v)} rangeMs={86_400_000} />),
    );
    // done when the line paths are drawn
    const check = () => {
      const lines = el.querySelectorAll('figure svg path[d^="M"]').length;
      if (lines > 0) resolve({ ms: performance.now() - t0, lines });
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
