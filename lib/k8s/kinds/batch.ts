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

export function jobDuration(obj: K8sObject, now: number): string {
  const job = obj as unknown as Job;
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now;
  return humanDuration(end - Date.parse(start));
}

export function cronJobActive(obj: K8sObject): number {
  return (obj.status?.active ?? []).length;
}
