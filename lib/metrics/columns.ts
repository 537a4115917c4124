/**
 * The CPU and Memory columns of pods, workloads and nodes: value = usage (sorts numerically), display and
 * filter text = usage with its shares ("250m · 50% of request · 25% of limit"), bar = the first share.
 */
import type { Column } from '../k8s/columns';
import { formatBytes, formatCpu } from '../k8s/machinery/quantity';
import { sharesOf, usageOf, type Resource } from './usage-model';

export type UsageTarget = 'pod' | 'node' | 'workload';

export function formatUsage(res: Resource, v: number): string {
  return res === 'cpu' ? formatCpu(v) : formatBytes(v);
}

function usageColumn(target: UsageTarget, res: Resource): Column {
  const text: Column['display'] = (o, ctx) => {
    const u = usageOf(ctx.usage, o, target);
    if (!u) return '';
    const shares = sharesOf(o, target, res, u).map((s) => `${Math.round(s.share * 100)}% of ${s.label}`);
    return [formatUsage(res, u[res]), ...shares].join(' · ');
  };
  return {
    id: res,
    label: res === 'cpu' ? 'CPU' : 'Memory',
    value: (o, ctx) => usageOf(ctx.usage, o, target)?.[res] ?? null,
    display: text,
    filterText: text,
    bar: (o, ctx) => {
      const u = usageOf(ctx.usage, o, target);
      return u ? sharesOf(o, target, res, u)[0]?.share ?? null : null;
    },
    format: 'metric',
    width: target === 'node' ? 190 : 230,
  };
}

export function usageColumns(target: UsageTarget): Column[] {
  return [usageColumn(target, 'cpu'), usageColumn(target, 'memory')];
}
