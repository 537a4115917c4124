/**
 * autoscaling/v1 HorizontalPodAutoscalers as a converted VIEW of the stored autoscaling/v2 objects, as on
 * a real API server (one etcd resource; `kubectl autoscale` v1.32 still POSTs autoscaling/v1). Mapping as
 * upstream pkg/apis/autoscaling/v1/conversion.go:
 * - spec.targetCPUUtilizationPercentage <-> a v2 `Resource` cpu metric with a Utilization target;
 * - every other v2 metric, the current metrics, the conditions and the behavior travel through v1 in the
 *   `autoscaling.alpha.kubernetes.io/{metrics,current-metrics,conditions,behavior}` annotations, metrics in
 *   the v1 (v2beta1-shaped) MetricSpec form, so a v1 read-modify-write loses nothing;
 * - status.currentCPUUtilizationPercentage <- the cpu Resource current metric's averageUtilization.
 */
import type { KObject } from '../types';
import { DEFAULT_HPA_CPU_METRIC } from './defaults';
import { viewCache } from './view-cache';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const HPA_V1 = 'autoscaling/v1';
export const HPA_V2 = 'autoscaling/v2';
const A_METRICS = 'autoscaling.alpha.kubernetes.io/metrics';
const A_CURRENT = 'autoscaling.alpha.kubernetes.io/current-metrics';
const A_CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
const A_BEHAVIOR = 'autoscaling.alpha.kubernetes.io/behavior';
const ANNOTATIONS = [A_METRICS, A_CURRENT, A_CONDITIONS, A_BEHAVIOR];

export function isHpa(k: { group: string; resource: string }): boolean {
  return k.group === 'autoscaling' && k.resource === 'horizontalpodautoscalers';
}

const isCpuUtilization = (m: Any) => m?.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.averageUtilization != null;
const drop = <T extends Any>(o: T): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** v2 target -> the v1 annotation's flat fields (prefix "target" or "current"). */
function flatValue(v: Any | undefined, prefix: 'target' | 'current'): Any {
  if (!v) return {};
  return drop({
    [`${prefix}AverageUtilization`]: v.averageUtilization,
    [`${prefix}AverageValue`]: v.averageValue,
    [`${prefix}Value`]: v.value,
  });
}

function nestedValue(m: Any, prefix: 'target' | 'current', spec: boolean): Any {
  const util = m[`${prefix}AverageUtilization`];
  const avg = m[`${prefix}AverageValue`];
  const val = m[`${prefix}Value`];
  const out: Any = drop({ averageUtilization: util, averageValue: avg, value: val });
  if (spec) out.type = util != null ? 'Utilization' : val != null ? 'Value' : 'AverageValue';
  return out;
}

/** One v2 MetricSpec/MetricStatus -> the v1 annotation form (v2beta1-shaped). */
function metricToV1(m: Any, prefix: 'target' | 'current'): Any {
  const key = prefix === 'target' ? 'target' : 'current';
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: drop({ name: m.resource?.name, ...flatValue(m.resource?.[key], prefix) }) };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: drop({ name: m.containerResource?.name, container: m.containerResource?.container, ...flatValue(m.containerResource?.[key], prefix) }) };
    case 'Pods':
      return { type: 'Pods', pods: drop({ metricName: m.pods?.metric?.name, selector: m.pods?.metric?.selector, ...flatValue(m.pods?.[key], prefix) }) };
    case 'Object':
      return { type: 'Object', object: drop({ target: m.object?.describedObject, metricName: m.object?.metric?.name, selector: m.object?.metric?.selector, ...flatValue(m.object?.[key], prefix) }) };
    case 'External':
      return { type: 'External', external: drop({ metricName: m.external?.metric?.name, metricSelector: m.external?.metric?.selector, ...flatValue(m.external?.[key], prefix) }) };
    default:
      return m;
  }
}

/** The v1 annotation form -> a v2 MetricSpec (spec) or MetricStatus (status). */
function metricToV2(m: Any, prefix: 'target' | 'current'): Any {
  const key = prefix === 'target' ? 'target' : 'current';
  const spec = prefix === 'target';
  const metric = (name: unknown, selector: unknown) => drop({ name, selector });
  switch (m.type) {
    case 'Resource':
      return { type: 'Resource', resource: { name: m.resource?.name, [key]: nestedValue(m.resource ?? {}, prefix, spec) } };
    case 'ContainerResource':
      return { type: 'ContainerResource', containerResource: { name: m.containerResource?.name, container: m.containerResource?.container, [key]: nestedValue(m.containerResource ?? {}, prefix, spec) } };
    case 'Pods':
      return { type: 'Pods', pods: { metric: metric(m.pods?.metricName, m.pods?.selector), [key]: nestedValue(m.pods ?? {}, prefix, spec) } };
    case 'Object':
      return { type: 'Object', object: { describedObject: m.object?.target, metric: metric(m.object?.metricName, m.object?.selector), [key]: nestedValue(m.object ?? {}, prefix, spec) } };
    case 'External':
      return { type: 'External', external: { metric: metric(m.external?.metricName, m.external?.metricSelector), [key]: nestedValue(m.external ?? {}, prefix, spec) } };
    default:
      return m;
  }
}

function parseList(s: string | undefined): Any[] | undefined {
  if (!s) return undefined;
  try {
    const v = JSON.parse(s);
    return Array.isArray(v) ? v : undefined;
  } catch {
    return undefined; // upstream ignores an annotation it cannot decode
  }
}

/** stored autoscaling/v2 HPA -> its autoscaling/v1 form (upstream Convert_autoscaling_HorizontalPodAutoscaler_To_v1_...). */
export function hpaV2ToV1(o: KObject): KObject {
  const h = o as Any;
  const spec: Any = h.spec ?? {};
  const status: Any = h.status ?? {};
  const annotations: Any = { ...(h.metadata?.annotations ?? {}) };
  const metrics: Any[] = spec.metrics ?? [];
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => m !== cpu);
  if (others.length) annotations[A_METRICS] = JSON.stringify(others.map((m) => metricToV1(m, 'target')));
  const current: Any[] = status.currentMetrics ?? [];
  if (current.length) annotations[A_CURRENT] = JSON.stringify(current.map((m) => metricToV1(m, 'current')));
  if (status.conditions?.length) annotations[A_CONDITIONS] = JSON.stringify(status.conditions);
  if (spec.behavior) annotations[A_BEHAVIOR] = JSON.stringify(spec.behavior);
  const metadata: Any = { ...h.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  const cpuNow = current.find((m) => m.type === 'Resource' && m.resource?.name === 'cpu')?.resource?.current?.averageUtilization;
  return {
    apiVersion: HPA_V1,
    kind: 'HorizontalPodAutoscaler',
    metadata,
    spec: drop({
      scaleTargetRef: spec.scaleTargetRef,
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      targetCPUUtilizationPercentage: cpu?.resource.target.averageUtilization,
    }),
    status: drop({
      observedGeneration: status.observedGeneration,
      lastScaleTime: status.lastScaleTime,
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      currentCPUUtilizationPercentage: cpuNow,
    }),
  } as KObject;
}

/** autoscaling/v1 HPA -> the stored autoscaling/v2 form (upstream Convert_v1_HorizontalPodAutoscaler_To_autoscaling_...). */
export function hpaV1ToV2(o: KObject): KObject {
  const h = o as Any;
  const spec: Any = h.spec ?? {};
  const status: Any = h.status ?? {};
  const annotations: Any = { ...(h.metadata?.annotations ?? {}) };
  const metrics = (parseList(annotations[A_METRICS]) ?? []).map((m) => metricToV2(m, 'target'));
  if (spec.targetCPUUtilizationPercentage != null) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: spec.targetCPUUtilizationPercentage } } });
  }
  // the stored v2 object gets v2's defaulting, as when the real API server decodes it from etcd
  if (!metrics.length) metrics.push(DEFAULT_HPA_CPU_METRIC());
  const current = (parseList(annotations[A_CURRENT]) ?? []).map((m) => metricToV2(m, 'current'));
  const conditions = parseList(annotations[A_CONDITIONS]);
  let behavior: Any | undefined;
  try {
    behavior = annotations[A_BEHAVIOR] ? JSON.parse(annotations[A_BEHAVIOR]) : undefined;
  } catch {
    behavior = undefined;
  }
  for (const a of ANNOTATIONS) delete annotations[a];
  const metadata: Any = { ...h.metadata };
  if (Object.keys(annotations).length) metadata.annotations = annotations;
  else delete metadata.annotations;
  if (!current.length && status.currentCPUUtilizationPercentage != null) {
    current.push({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: status.currentCPUUtilizationPercentage } } });
  }
  return {
    apiVersion: HPA_V2,
    kind: 'HorizontalPodAutoscaler',
    metadata,
    spec: drop({
      scaleTargetRef: spec.scaleTargetRef,
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      metrics: metrics.length ? metrics : undefined,
      behavior,
    }),
    status: drop({
      observedGeneration: status.observedGeneration,
      lastScaleTime: status.lastScaleTime,
      currentReplicas: status.currentReplicas ?? 0,
      desiredReplicas: status.desiredReplicas ?? 0,
      currentMetrics: current.length ? current : undefined,
      conditions,
    }),
  } as KObject;
}

/** stored v2 HPA -> its autoscaling/v1 view, cached per stored revision */
const v1Views = viewCache(hpaV2ToV1);

/** GenericRegistry.view's hook: the autoscaling/v1 form of a stored v2 HPA (undefined for other kinds and versions). */
export function hpaViewOf(k: { group: string; resource: string; version: string }, stored: KObject): KObject | undefined {
  if (!isHpa(k) || k.version !== 'v1' || stored.apiVersion !== HPA_V2) return undefined;
  return v1Views.of(stored);
}

/** GenericRegistry.write's hook: HPAs are always stored as autoscaling/v2. */
export function hpaStorageForm(k: { group: string; resource: string }, o: KObject): KObject {
  return isHpa(k) && o.apiVersion === HPA_V1 ? hpaV1ToV2(o) : o;
}

/** The autoscaling/v2 form of an HPA given in either version's form (for the shared Table columns). */
export function hpaV2Of(o: KObject): KObject {
  return o.apiVersion === HPA_V1 ? (v1Views.storedOf(o) ?? hpaV1ToV2(o)) : o;
}
