import { humanDuration } from '@/lib/k8s/machinery/duration';
import { timeOf } from '@/lib/k8s/machinery/age';

/**
 * kubectl-style relative duration for the UI ("45s", "3m20s", "5h12m", "3d4h", "2y30d"): the machinery's
 * HumanDuration port, clamped at 0 so a browser clock slightly behind the cluster never shows "<invalid>".
 */
export function formatDuration(ms: number): string {
  return humanDuration(Math.max(0, ms));
}

/** Age of an ISO timestamp at `now`; '' for a missing or unparsable timestamp. */
export function formatAge(iso: string | undefined | null, now: number): string {
  const t = timeOf(iso);
  return t === null ? '' : formatDuration(now - t);
}
