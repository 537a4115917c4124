/**
 * kubectl's Job columns, following printJob (pkg/printers/internalversion/printers.go): STATUS (1.30+),
 * COMPLETIONS and DURATION. Shared by the sandbox's Table responses and the console's Job columns.
 */
import type { Job } from 'kubernetes-types/batch/v1';
import { humanDuration } from './duration';

type JobLike = Pick<Job, 'spec' | 'status'> & { metadata?: { deletionTimestamp?: string } };

const condTrue = (job: JobLike, type: string) => (job.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

/** STATUS: Complete, Failed, Terminating, SuccessCriteriaMet, FailureTarget, Suspended, Running. */
export function jobStatus(job: JobLike): string {
  if (condTrue(job, 'Complete')) return 'Complete';
  if (condTrue(job, 'Failed')) return 'Failed';
  if (job.metadata?.deletionTimestamp) return 'Terminating';
  if (condTrue(job, 'SuccessCriteriaMet')) return 'SuccessCriteriaMet';
  if (condTrue(job, 'FailureTarget')) return 'FailureTarget';
  if (condTrue(job, 'Suspended')) return 'Suspended';
  return 'Running';
}

/** "succeeded/completions"; "n/1 of m" for a parallel Job without completions. */
export function jobCompletions(job: JobLike): string {
  const succeeded = job.status?.succeeded ?? 0;
  const completions = job.spec?.completions;
  if (completions !== undefined && completions !== null) return `${succeeded}/${completions}`;
  const parallelism = job.spec?.parallelism ?? 0;
  return parallelism > 1 ? `${succeeded}/1 of ${parallelism}` : `${succeeded}/1`;
}

/** From startTime to completionTime (or `now` while it runs); empty before it starts. */
export function jobDuration(job: JobLike, now: number): string {
  const start = job.status?.startTime;
  if (!start) return '';
  const end = job.status?.completionTime ? Date.parse(job.status.completionTime) : now;
  return humanDuration(end - Date.parse(start));
}
