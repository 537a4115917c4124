/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * HorizontalPodAutoscaler (autoscaling/v2) for Resource cpu/memory metrics from the simulated metrics:
 * desired = ceil(current * usage/target) outside a 10% tolerance, clamped to min/max, scale-down stabilised.
 */
import { withTransitionTime } from '../../../lib/k8s/machinery/conditions';
import type { MetricsProvider } from '../types';
import { iso } from './lib/clock';
import { changed, keyOf, makeController, watchAll, type Ctx } from './lib/context';
import { cpuQuantity, memoryQuantity, parseQuantity } from '../../../lib/k8s/machinery/quantity';
import { isActive, isPodReady } from './lib/pods';
import { splitKey } from './lib/queue';
import { refForKind } from './lib/refs';
import { labelSelectorToString } from '../../../lib/k8s/machinery/labels';

const SYNC_MS = 15_000;
const TOLERANCE = 0.1;

/** Pure replica calculation for one utilization metric; exported for tests. */
export function desiredReplicas(current: number, utilization: number, target: number): number {
  if (current === 0 || target <= 0) return current;
  const ratio = utilization / target;
  if (Math.abs(ratio - 1) <= TOLERANCE) return current;
  return Math.ceil(ratio * current);
}

export function startHpaController(ctx: Ctx, metrics: MetricsProvider) {
  const { client, clock, recorder } = ctx;
  const src = { component: 'horizontal-pod-autoscaler' };
  const history = new Map<string, { t: number; n: number }[]>();

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const hpa = client.get({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' }, ns, name);
    if (!hpa || hpa.metadata.deletionTimestamp) {
      history.delete(key);
      return;
    }
    const spec = (hpa as any).spec ?? {};
    const prev = (hpa as any).status ?? {};
    const now = iso();
    const conds: any[] = [];
    const cond = (type: string, status: string, reason: string, message: string) => {
      conds.push(withTransitionTime(prev.conditions, { type, status, reason, message }, now));
    };
    const tref = spec.scaleTargetRef ?? {};
    const ref = refForKind(tref.apiVersion ?? '', tref.kind ?? '');
    const target = ref ? client.get(ref, ns, tref.name) : undefined;
    const writeStatus = (status: Record<string, unknown>) => {
      if (changed({ ...prev, conditions: prev.conditions?.map((c: any) => ({ ...c, lastTransitionTime: 0 })) }, { ...status, conditions: conds.map((c) => ({ ...c, lastTransitionTime: 0 })) }))
        client.patch({ group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' }, ns, name, 'merge', { status: { ...status, conditions: conds } }, { subresource: 'status' });
    };
    if (!ref || !target) {
      cond('AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${tref.kind?.toLowerCase()}s "${tref.name}" not found`);
      writeStatus({ ...prev, currentReplicas: prev.currentReplicas ?? 0, desiredReplicas: prev.desiredReplicas ?? 0 });
      return { requeueAfterMs: SYNC_MS };
    }
    const current: number = (target as any).spec?.replicas ?? 1;
    const min: number = spec.minReplicas ?? 1;
    const max: number = spec.maxReplicas ?? current;
    const selector = labelSelectorToString((target as any).spec?.selector);
    const pods = client.list({ group: '', version: 'v1', resource: 'pods' }, { namespace: ns, labelSelector: selector }).items.filter(isActive);
    const usage = new Map<string, { cpu: number; memory: number }>();
    for (const m of metrics.podMetrics(ns)) {
      const u = { cpu: 0, memory: 0 };
      for (const c of (m as any).containers ?? []) {
        u.cpu += (parseQuantity(c.usage?.cpu) ?? 0);
        u.memory += (parseQuantity(c.usage?.memory) ?? 0);
      }
      usage.set(m.metadata.name!, u);
    }
    const metricSpecs: any[] = spec.metrics?.length ? spec.metrics : [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
    let proposal = 0;
    const currentMetrics: any[] = [];
    let valid = false;
    let metricName = 'cpu resource utilization (percentage of request)';
    for (const ms of metricSpecs) {
      if (ms.type !== 'Resource' && ms.type !== 'ContainerResource') continue;
      const res: 'cpu' | 'memory' = (ms.resource ?? ms.containerResource)?.name === 'memory' ? 'memory' : 'cpu';
      const t = (ms.resource ?? ms.containerResource)?.target ?? {};
      // ratio applied to the current scale, usage averaged over ready pods (unready ones are still starting)
      const withMetrics = pods.filter((p) => usage.has(p.metadata.name!) && isPodReady(p));
      if (!withMetrics.length) continue;
      const used = withMetrics.reduce((s, p) => s + usage.get(p.metadata.name!)![res], 0);
      const requested = withMetrics.reduce(
        (s, p) => s + ((p as any).spec?.containers ?? []).reduce((a: number, c: any) => a + (parseQuantity(c.resources?.requests?.[res]) ?? 0), 0),
        0,
      );
      const avg = used / withMetrics.length;
      const fmt = res === 'cpu' ? cpuQuantity : memoryQuantity;
      if (t.type === 'AverageValue' || t.averageValue) {
        const want = (parseQuantity(t.averageValue) ?? 0);
        proposal = Math.max(proposal, want > 0 ? desiredReplicas(current, avg, want) : current);
        currentMetrics.push({ type: 'Resource', resource: { name: res, current: { averageValue: fmt(avg) } } });
        metricName = `${res} resource`;
      } else {
        if (requested <= 0) {
          cond('ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: failed to get ${res} utilization: missing request for ${res}`);
          continue;
        }
        const util = Math.round((used / requested) * 100);
        proposal = Math.max(proposal, desiredReplicas(current, util, t.averageUtilization ?? 80));
        currentMetrics.push({ type: 'Resource', resource: { name: res, current: { averageUtilization: util, averageValue: fmt(avg) } } });
        metricName = `${res} resource utilization (percentage of request)`;
      }
      valid = true;
    }
    let desired = valid ? proposal : current;
    // scale-down stabilisation (behavior.scaleDown.stabilizationWindowSeconds, default 300 s of cluster time)
    const windowMs = (spec.behavior?.scaleDown?.stabilizationWindowSeconds ?? 300) * 1000;
    const hist = (history.get(key) ?? []).filter((h) => clock.simNow() - h.t < windowMs);
    hist.push({ t: clock.simNow(), n: desired });
    history.set(key, hist);
    if (desired < current) desired = Math.min(current, Math.max(...hist.map((h) => h.n)));
    let limited: [string, string] | undefined;
    if (desired > max) {
      desired = max;
      limited = ['TooManyReplicas', 'the desired replica count is more than the maximum replica count'];
    } else if (desired < min) {
      desired = min;
      limited = ['TooFewReplicas', 'the desired replica count is less than the minimum replica count'];
    }
    let lastScaleTime = prev.lastScaleTime;
    if (desired !== current) {
      client.patch(ref, ns, tref.name, 'merge', { spec: { replicas: desired } }, { subresource: 'scale' });
      lastScaleTime = now;
      const reason = desired > current ? `${metricName} above target` : `All metrics below target`;
      recorder.record(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, src);
      cond('AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`);
    } else cond('AbleToScale', 'True', 'ReadyForNewScale', 'recommended size matches current size');
    if (!conds.some((c) => c.type === 'ScalingActive')) {
      if (valid) cond('ScalingActive', 'True', 'ValidMetricFound', `the HPA was able to successfully calculate a replica count from ${metricName}`);
      else cond('ScalingActive', 'False', 'FailedGetResourceMetric', 'the HPA was unable to compute the replica count: no metrics returned from resource metrics API');
    }
    if (limited) cond('ScalingLimited', 'True', limited[0], limited[1]);
    else cond('ScalingLimited', 'False', 'DesiredWithinRange', 'the desired count is within the acceptable range');
    writeStatus({
      observedGeneration: hpa.metadata.generation ?? 1,
      ...(lastScaleTime ? { lastScaleTime } : {}),
      currentReplicas: current,
      desiredReplicas: desired,
      ...(currentMetrics.length ? { currentMetrics } : {}),
    });
    return { requeueAfterMs: SYNC_MS };
  }

  // only spec changes trigger a sync; otherwise the 15 s resync paces scaling like upstream
  const generations = new Map<string, number | undefined>();
  return makeController(ctx, 'hpa', reconcile, (enqueue) => [
    watchAll(ctx, { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers' }, (e) => {
      const k = keyOf(e.object);
      if (e.type === 'DELETED') {
        generations.delete(k);
        return;
      }
      if (generations.has(k) && generations.get(k) === e.object.metadata.generation) return;
      generations.set(k, e.object.metadata.generation);
      enqueue(k);
    }),
  ]);
}

