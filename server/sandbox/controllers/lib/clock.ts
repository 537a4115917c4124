/**
 * Simulated time. Delays are divided by `speed` so tests can run a minute of cluster life in seconds.
 * Object timestamps stay wall-clock (what a client compares with its own clock); only schedules that
 * are defined in cluster time (CronJob) use simNow().
 */
export class Clock {
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly t0 = Date.now();

  constructor(readonly speed: number) {
    if (!(speed > 0)) throw new Error(`speed must be > 0, got ${speed}`);
  }

  /** wall clock, ms */
  now(): number {
    return Date.now();
  }

  /** cluster time, ms: runs `speed` times faster than the wall clock from start-up on */
  simNow(): number {
    return this.t0 + (Date.now() - this.t0) * this.speed;
  }

  /** wall-clock ms for a simulated duration */
  real(simMs: number): number {
    return simMs / this.speed;
  }

  /** Runs fn after a simulated delay. Returns a cancel function. */
  after(simMs: number, fn: () => void): () => void {
    if (this.stopped) return () => {};
    const t = setTimeout(() => {
      this.timers.delete(t);
      if (!this.stopped) fn();
    }, Math.max(0, Math.round(simMs / this.speed)));
    t.unref?.();
    this.timers.add(t);
    return () => {
      clearTimeout(t);
      this.timers.delete(t);
    };
  }

  /** Runs fn every simulated interval (never faster than minRealMs). */
  every(simMs: number, fn: () => void, minRealMs = 20): () => void {
    if (this.stopped) return () => {};
    const t = setInterval(() => {
      if (!this.stopped) fn();
    }, Math.max(minRealMs, Math.round(simMs / this.speed)));
    t.unref?.();
    this.timers.add(t as unknown as NodeJS.Timeout);
    return () => {
      clearInterval(t);
      this.timers.delete(t as unknown as NodeJS.Timeout);
    };
  }

  stop(): void {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
  }
}

export const iso = (ms: number = Date.now()): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
