/** Job and CronJob derived values, matching kubectl's printJob / printCronJob. */
import type { Job } from 'kubernetes-types/batch/v1';
import type { K8sObject } from '../types';
import { jobCompletions as machineryJobCompletions, jobDuration as machineryJobDuration, jobStatus as machineryJobStatus } from '../machinery/job-status';

/** kubectl's Job columns live in the machinery, shared with the sandbox's Table responses. */
export const jobStatus = (obj: K8sObject): string => machineryJobStatus(obj as unknown as Job);
export const jobCompletions = (obj: K8sObject): string => machineryJobCompletions(obj as unknown as Job);
export const jobDuration = (obj: K8sObject, now: number): string => machineryJobDuration(obj as unknown as Job, now);

export function cronJobActive(obj: K8sObject): number {
  return (obj.status?.active ?? []).length;
}
