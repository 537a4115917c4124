/** Job and CronJob derived values, matching kubectl's printJob / printCronJob. */
import type { Job } from 'kubernetes-types/batch/v1';
import type { K8sObject } from '../types';
import { humanDuration } from '../machinery/duration';
import { jobCompletions as machineryJobCompletions, jobStatus as machineryJobStatus } from '../machinery/job-status';

/** kubectl's Job columns live in the machinery, shared with the sandbox's Table responses. */
export const jobStatus = (obj: K8sObject): string => machineryJobStatus(obj as unknown as Job);
export const jobCompletions = (obj: K8sObject): string => machineryJobCompletions(obj as unknown as Job);

/** A job's start and end (epoch ms; end null while running): the row keeps them, the browser ticks the duration. */
export function jobTimes(obj: K8sObject): [number, number | null] | undefined {
  const job = obj as unknown as Job;
  const start = job.status?.startTime ? Date.parse(job.status.startTime) : NaN;
  if (Number.isNaN(start)) return undefined;
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : NaN;
  return [start, Number.isNaN(end) ? null : end];
}

/** kubectl's DURATION from a row's times: completion - start, or now - start while running ('' before it starts). */
export function jobDuration(times: [number, number | null] | undefined, now: number): string {
  if (!times) return '';
  return humanDuration((times[1] ?? now) - times[0]);
}

export function cronJobActive(obj: K8sObject): number {
  return (obj.status?.active ?? []).length;
}
