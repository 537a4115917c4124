/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * Pieces of the Job controller that upstream keeps in job/indexed_job_utils.go and pod_failure_policy.go:
 * completion-index bookkeeping ("0-2,4" interval strings), the per-index pod decoration (annotation, label,
 * JOB_COMPLETION_INDEX, hostname) and matching a failed pod against spec.podFailurePolicy.
 */
import type { KObject } from '../types';

export const INDEX_KEY = 'batch.kubernetes.io/job-completion-index';
export const INDEX_FAILURE_COUNT = 'batch.kubernetes.io/job-index-failure-count';

/** Sorted indexes as upstream writes completedIndexes/failedIndexes: runs of 3+ as "a-b", pairs as "a,b". */
export function formatIndexes(indexes: Iterable<number>): string {
  const xs = [...new Set(indexes)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < xs.length; ) {
    let j = i;
    while (j + 1 < xs.length && xs[j + 1] === xs[j] + 1) j++;
    if (j === i) out.push(String(xs[i]));
    else if (j === i + 1) out.push(`${xs[i]},${xs[j]}`);
    else out.push(`${xs[i]}-${xs[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

/** Parses "0-2,4" back (indexes ≥ completions are dropped, as upstream does). */
export function parseIndexes(s: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (s ?? '').split(',')) {
    const m = /^(\d+)(?:-(\d+))?$/.exec(part.trim());
    if (!m) continue;
    const last = Math.min(Number(m[2] ?? m[1]), completions - 1);
    for (let i = Number(m[1]); i <= last; i++) out.add(i);
  }
  return out;
}

/** The completion index of a Job pod (annotation, else label), undefined when absent or malformed. */
export function indexOf(p: KObject): number | undefined {
  const v = p.metadata.annotations?.[INDEX_KEY] ?? p.metadata.labels?.[INDEX_KEY];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
}

/** Turns a pod made from the Job's template into the pod of one index (upstream addCompletionIndex*). */
export function decorateIndexed(pod: KObject, jobName: string, index: number, failures?: number): KObject {
  const md = pod.metadata;
  md.generateName = `${jobName}-${index}-`;
  delete md.name;
  md.annotations = { ...(md.annotations ?? {}), [INDEX_KEY]: String(index), ...(failures !== undefined ? { [INDEX_FAILURE_COUNT]: String(failures) } : {}) };
  md.labels = { ...(md.labels ?? {}), [INDEX_KEY]: String(index) };
  const spec = (pod as any).spec;
  spec.hostname ??= `${jobName}-${index}`;
  for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
    c.env ??= [];
    if (!c.env.some((e: any) => e.name === 'JOB_COMPLETION_INDEX'))
      c.env.push({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: `metadata.annotations['${INDEX_KEY}']` } } });
  }
  return pod;
}

export type FailureAction = 'FailJob' | 'FailIndex' | 'Ignore' | 'Count';

/** The first podFailurePolicy rule a failed pod matches (exit codes of its containers, or its conditions). */
export function matchFailurePolicy(policy: any, pod: KObject): { action: FailureAction; message?: string } {
  const rules: any[] = policy?.rules ?? [];
  const ns = pod.metadata.namespace;
  for (const [i, r] of rules.entries()) {
    if (r.onExitCodes) {
      const { containerName, operator, values = [] } = r.onExitCodes;
      const statuses: any[] = [...((pod as any).status?.initContainerStatuses ?? []), ...((pod as any).status?.containerStatuses ?? [])];
      for (const cs of statuses) {
        const code = cs.state?.terminated?.exitCode;
        if (code === undefined || code === 0 || (containerName && cs.name !== containerName)) continue;
        if ((operator === 'In') === values.includes(code))
          return { action: r.action, message: `Container ${cs.name} for pod ${ns}/${pod.metadata.name} failed with exit code ${code} matching ${r.action} rule at index ${i}` };
      }
    }
    for (const pat of r.onPodConditions ?? []) {
      const hit = ((pod as any).status?.conditions ?? []).some((c: any) => c.type === pat.type && c.status === (pat.status ?? 'True'));
      if (hit) return { action: r.action, message: `Pod ${ns}/${pod.metadata.name} has condition ${pat.type} matching ${r.action} rule at index ${i}` };
    }
  }
  return { action: 'Count' };
}
