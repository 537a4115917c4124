/** kubectl's AGE column (translateTimestampSince) over RFC 3339 timestamps. */
import { humanDuration } from './duration';

/** Epoch ms of a timestamp, null when absent or unparsable (for sorting and arithmetic). */
export function timeOf(timestamp: string | undefined | null): number | null {
  if (!timestamp) return null;
  const t = Date.parse(timestamp);
  return Number.isNaN(t) ? null : t;
}

/** Age of a timestamp at `now`; '<unknown>' like kubectl when absent or unparsable. */
export function ageOf(timestamp: string | undefined | null, now: number): string {
  const t = timeOf(timestamp);
  return t === null ? '<unknown>' : humanDuration(now - t);
}
