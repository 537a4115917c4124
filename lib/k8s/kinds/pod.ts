/** Pod derived values for the console; kubectl's STATUS/READY/RESTARTS come from the machinery's printPod port. */
import type { Container } from 'kubernetes-types/core/v1';
import type { K8sObject } from '../types';
import { podSummary, type PodSummary } from '../machinery/pod-status';

/** Memoized per object identity: list tables call several column getters on the same object. */
const cache = new WeakMap<object, PodSummary>();
export function podSummaryCached(obj: K8sObject): PodSummary {
  let s = cache.get(obj);
  if (!s) {
    s = podSummary(obj);
    cache.set(obj, s);
  }
  return s;
}

export function podImages(obj: K8sObject): string[] {
  return ((obj.spec?.containers ?? []) as Container[]).map((c) => c.image ?? '').filter(Boolean);
}

/** Statuses that need attention: used for colouring and the overview's "needs attention" list. */
export function podProblem(reason: string): boolean {
  return /BackOff|Err|Error|Failed|Invalid|OOMKilled|Unknown|NodeLost|Evicted|ExitCode|Signal|NotReady/.test(reason);
}
