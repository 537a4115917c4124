/** Derived values for controllers that own pods (deployments, replicasets, statefulsets, daemonsets). */
import type { Container } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { K8sObject } from '../types';

const n = (v: unknown): number => (typeof v === 'number' ? v : 0);

/** Pod template containers (deployments, statefulsets, daemonsets, replicasets, jobs) or cronjob's nested template. */
export function templateContainers(obj: K8sObject): Container[] {
  const spec = obj.spec ?? {};
  const tpl = spec.template ?? spec.jobTemplate?.spec?.template;
  return (tpl?.spec?.containers ?? []) as Container[];
}

export function templateImages(obj: K8sObject): string {
  return templateContainers(obj).map((c) => c.image ?? '').join(',');
}

/** spec.replicas defaults to 1 when unset, like the API server's defaulting. */
export function desiredReplicas(obj: K8sObject): number {
  return typeof obj.spec?.replicas === 'number' ? obj.spec.replicas : 1;
}

/** "ready/desired" as kubectl prints for deployments and statefulsets. */
export function readyText(obj: K8sObject): string {
  return `${n(obj.status?.readyReplicas)}/${desiredReplicas(obj)}`;
}

export function daemonSetCounts(obj: K8sObject) {
  const s = obj.status ?? {};
  return {
    desired: n(s.desiredNumberScheduled),
    current: n(s.currentNumberScheduled),
    ready: n(s.numberReady),
    upToDate: n(s.updatedNumberScheduled),
    available: n(s.numberAvailable),
  };
}

export function nodeSelectorText(obj: K8sObject): string {
  const sel = obj.spec?.template?.spec?.nodeSelector as Record<string, string> | undefined;
  if (!sel || Object.keys(sel).length === 0) return '<none>';
  return Object.entries(sel)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}

/** Healthy when every desired replica is available and the rollout finished. */
export function workloadHealthy(obj: K8sObject): boolean {
  const kind = obj.kind;
  if (kind === 'DaemonSet') {
    const c = daemonSetCounts(obj);
    return c.available >= c.desired;
  }
  const want = desiredReplicas(obj);
  const avail = kind === 'StatefulSet' ? n(obj.status?.readyReplicas) : n(obj.status?.availableReplicas ?? obj.status?.readyReplicas);
  return avail >= want;
}

/** The pod selector of a workload (matchLabels + matchExpressions) rendered as a label-selector string. */
export function selectorString(sel: LabelSelector | Record<string, string> | undefined | null): string {
  if (!sel) return '';
  const asLs = sel as LabelSelector;
  const isLs = 'matchLabels' in asLs || 'matchExpressions' in asLs;
  const labels = (isLs ? asLs.matchLabels : (sel as Record<string, string>)) ?? {};
  const parts = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  for (const e of (isLs ? asLs.matchExpressions : undefined) ?? []) {
    const vals = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${vals})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${vals})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}
