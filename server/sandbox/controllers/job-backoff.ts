/**
 * The Job controller's pod-failure back-off (upstream job/backoff_utils.go): a replacement for a failed
 * pod is created only after 10 s, 20 s, 40 s … (doubling per consecutive failure, capped at
 * MAX_POD_FAILURE_BACKOFF_MS) since the last failure; a newly succeeded pod resets the count. With
 * backoffLimitPerIndex each index backs off on its own failure count instead of the Job-wide one.
 * Durations are simulated ms (the work queue divides them by --speed). Like upstream's backoffStore the
 * record lives in memory; failure times are when the controller first saw the pod failed, in ms (pod
 * timestamps have second precision, too coarse at high speeds).
 */
import type { KObject } from '../types';

export const POD_FAILURE_BACKOFF_MS = 10_000;
/** upstream MaxJobPodFailureBackOff (job_controller.go; the docs' "six minutes" predates it) */
export const MAX_POD_FAILURE_BACKOFF_MS = 10 * 60_000;

/** Back-off after `failures` consecutive failures: 0, 10 s, 20 s, 40 s … capped (getRemainingTimeForFailuresCount). */
export function backoffFor(failures: number): number {
  if (failures <= 0) return 0;
  let d = POD_FAILURE_BACKOFF_MS;
  for (let i = 1; i < failures; i++) {
    d *= 2;
    if (d >= MAX_POD_FAILURE_BACKOFF_MS) return MAX_POD_FAILURE_BACKOFF_MS;
  }
  return d;
}

interface JobRecord {
  uid: string;
  /** pods already folded in (terminal pods are folded once) */
  seen: Set<string>;
  failuresAfterLastSuccess: number;
  lastFailureMs?: number;
  /** per completion index: wall ms of its last failure */
  indexFailedMs: Map<number, number>;
}

export class PodFailureBackoff {
  private records = new Map<string, JobRecord>();

  constructor(private readonly clock: { now(): number; speed: number }) {}

  private record(key: string, uid: string): JobRecord {
    let r = this.records.get(key);
    if (!r || r.uid !== uid) {
      r = { uid, seen: new Set(), failuresAfterLastSuccess: 0, indexFailedMs: new Map() };
      this.records.set(key, r);
    }
    return r;
  }

  /**
   * Folds the Job's terminal pods into its record (upstream newBackoffRecord): new failures add to the
   * count, a new success resets it. `failed` are the counted failures (podFailurePolicy Ignore excluded).
   */
  observe(key: string, uid: string, succeeded: KObject[], failed: KObject[], indexOf: (p: KObject) => number | undefined): void {
    const r = this.record(key, uid);
    const now = this.clock.now();
    let newSuccess = false;
    for (const p of succeeded) {
      if (r.seen.has(p.metadata.uid!)) continue;
      r.seen.add(p.metadata.uid!);
      newSuccess = true;
    }
    if (newSuccess) {
      r.failuresAfterLastSuccess = 0;
      r.lastFailureMs = undefined;
    }
    for (const p of failed) {
      if (r.seen.has(p.metadata.uid!)) continue;
      r.seen.add(p.metadata.uid!);
      r.failuresAfterLastSuccess++;
      r.lastFailureMs = now;
      const i = indexOf(p);
      if (i !== undefined) r.indexFailedMs.set(i, now);
    }
  }

  private left(failures: number, lastMs: number | undefined): number {
    if (lastMs === undefined) return 0;
    return Math.max(0, backoffFor(failures) - (this.clock.now() - lastMs) * this.clock.speed);
  }

  /** Simulated ms before the Job may create pods again (0: now). */
  remaining(key: string): number {
    const r = this.records.get(key);
    return r ? this.left(r.failuresAfterLastSuccess, r.lastFailureMs) : 0;
  }

  /** Simulated ms before index `i`, failed `failures` times, may get a new pod (backoffLimitPerIndex). */
  remainingForIndex(key: string, i: number, failures: number): number {
    return this.left(failures, this.records.get(key)?.indexFailedMs.get(i));
  }

  /** Drops the record of a finished or deleted Job. */
  forget(key: string): void {
    this.records.delete(key);
  }
}
