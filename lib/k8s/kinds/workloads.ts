/** Derived values for controllers that own pods (deployments, replicasets, statefulsets, daemonsets). */
import type { Container } from 'kubernetes-types/core/v1';
import type { LabelSelector } from 'kubernetes-types/meta/v1';
import type { K8sObject } from '../types';
import { formatLabels, labelSelectorToString, type LabelSelector as MachineryLabelSelector } from '../machinery/labels';

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
  return formatLabels(obj.spec?.template?.spec?.nodeSelector as Record<string, string> | undefined);
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

/** The pod selector of a workload (matchLabels + matchExpressions, or a plain map) as a label-selector string. */
export function selectorString(sel: LabelSelector | Record<string, string> | undefined | null): string {
  return labelSelectorToString(sel as MachineryLabelSelector | undefined);
}
