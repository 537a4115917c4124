/**
 * The CPU and Memory columns of pods, workloads and nodes: value = usage (sorts numerically), display and
 * filter text = usage with its shares ("250m · 50% of request · 25% of limit"), bar = the first share.
 */
import type { Column, ColumnContext } from '../k8s/columns';
import type { K8sObject } from '../k8s/types';
import { formatBytes, formatCpu, parseQuantity } from '../k8s/machinery/quantity';
import { auxOf } from '../k8s/rows/project';
import { podSpecResources, sharesOfInputs, usageOfInputs, workloadSelector, type Resource, type UsageInputs } from './usage-model';

export type UsageTarget = 'pod' | 'node' | 'workload';

export function formatUsage(res: Resource, v: number): string {
  return res === 'cpu' ? formatCpu(v) : formatBytes(v);
}

/** What a usage cell needs from the object, kept in the row (the usage itself comes with each metrics sample). */
export function usageInputs(o: K8sObject, target: UsageTarget): UsageInputs {
  if (target === 'node') {
    const alloc = o.status?.allocatable ?? o.status?.capacity;
    return { alloc: { cpu: parseQuantity(alloc?.cpu), memory: parseQuantity(alloc?.memory) } };
  }
  const spec = target === 'pod' ? o.spec : o.spec?.template?.spec ?? o.spec?.jobTemplate?.spec?.template?.spec;
  return {
    cpu: podSpecResources(spec, 'cpu'),
    memory: podSpecResources(spec, 'memory'),
    ...(target === 'workload' ? { selector: workloadSelector(o) ?? null } : {}),
  };
}

function usageColumn(target: UsageTarget, res: Resource): Column {
  const usage = (o: K8sObject, ctx: ColumnContext) => {
    const inputs = auxOf<UsageInputs>(o, 'usage');
    return inputs ? usageOfInputs(ctx.usage, o, target, inputs) : null;
  };
  const text = (o: K8sObject, ctx: ColumnContext): string => {
    const u = usage(o, ctx);
    if (!u) return '';
    const shares = sharesOfInputs(auxOf<UsageInputs>(o, 'usage')!, target, res, u).map((s) => `${Math.round(s.share * 100)}% of ${s.label}`);
    return [formatUsage(res, u[res]), ...shares].join(' · ');
  };
  return {
    id: res,
    label: res === 'cpu' ? 'CPU' : 'Memory',
    live: true,
    aux: (o) => usageInputs(o, target),
    auxKey: 'usage',
    value: (o, ctx) => usage(o, ctx)?.[res] ?? null,
    display: text,
    filterText: text,
    bar: (o, ctx) => {
      const u = usage(o, ctx);
      return u ? sharesOfInputs(auxOf<UsageInputs>(o, 'usage')!, target, res, u)[0]?.share ?? null : null;
    },
    format: 'metric',
    width: target === 'node' ? 190 : 230,
  };
}

export function usageColumns(target: UsageTarget): Column[] {
  return [usageColumn(target, 'cpu'), usageColumn(target, 'memory')];
}
