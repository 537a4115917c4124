/** Job and CronJob derived values, matching kubectl's printJob / printCronJob. */
import type { Job } from 'kubernetes-types/batch/v1';
import type { K8sObject } from '../types';
import { humanDuration } from '../machinery/duration';

const condTrue = (job: Job, type: string) => (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** kubectl 1.30+ STATUS: Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet, Running. */
export function jobStatus(obj: K8sObject): string {
  const job = obj as unknown as Job;
  if (condTrue(job, 'Complete')) return 'Complete';
  if (condTrue(job, 'Failed')) return 'Failed';
  if (obj.metadata.deletionTimestamp) return 'Terminating';
  if (condTrue(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (condTrue(job, 'FailureTarget')) return 'FailureTarget';
  if (condTrue(job, 'Suspended')) return 'Suspended';
  return 'Running';
}

/** "succeeded/completions"; kubectl prints "n/1 of m" for parallel jobs without completions. */
export function jobCompletions(obj: K8sObject): string {
  const job = obj as unknown as Job;
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** A job's start and end (epoch ms; end null while running): the row keeps them, the browser ticks the duration. */
export function jobTimes(obj: K8sObject): [number, number | null] | undefined {
  const job = obj as unknown as Job;
  const start = job.status?.startTime ? Date.parse(job.status.startTime) : NaN;
  if (Number.isNaN(start)) return undefined;
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : NaN;
  return [start, Number.isNaN(end) ? null : end];
}

/** kubectl's DURATION: completion - start, or now - start while running ('' before it starts). */
export function jobDuration(times: [number, number | null] | undefined, now: number): string {
  if (!times) return '';
  return humanDuration((times[1] ?? now) - times[0]);
}

export function cronJobActive(obj: K8sObject): number {
  return (obj.status?.active ?? []).length;
}
