/**
 * Time for the simulated control plane, injectable like k8s.io/utils/clock: controllers, queues, the
 * scheduler and kubelets ask a Clock for "now" and for timers, so tests can run them on a FakeClock and move
 * time with step() instead of sleeping.
 *
 * RealClock divides delays by `speed` so a minute of cluster life passes in seconds. Object timestamps stay
 * wall-clock (what a client compares with its own clock); only schedules defined in cluster time (CronJob)
 * use simNow().
 */
export interface Clock {
  /** simulated ms per real ms */
  readonly speed: number;
  /** wall clock, ms */
  now(): number;
  /** cluster time, ms */
  simNow(): number;
  /** real ms for a simulated duration */
  real(simMs: number): number;
  /** Runs fn after a simulated delay. Returns a cancel function. */
  after(simMs: number, fn: () => void): () => void;
  /** Runs fn every simulated interval. Returns a cancel function. */
  every(simMs: number, fn: () => void, minRealMs?: number): () => void;
  stop(): void;
}

export class RealClock implements Clock {
  private timers = new Set<NodeJS.Timeout>();
  private stopped = false;
  private readonly t0 = Date.now();

  constructor(readonly speed: number) {
    if (!(speed > 0)) throw new Error(`speed must be > 0, got ${speed}`);
  }

  now(): number {
    return Date.now();
  }

  simNow(): number {
    return this.t0 + (Date.now() - this.t0) * this.speed;
  }

  real(simMs: number): number {
    return simMs / this.speed;
  }

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

  /** never faster than minRealMs of real time, so a high speed cannot spin the event loop */
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

interface FakeTimer {
  id: number;
  due: number;
  fn: () => void;
  /** repeat interval for every(), simulated ms */
  period?: number;
}

/**
 * A clock that moves only when told (k8s.io/utils/clock/testing.FakeClock): step(d) advances time and fires
 * every timer that falls due, in due order, including timers those callbacks set within the step.
 * Real and simulated time are the same here (speed 1).
 */
export class FakeClock implements Clock {
  readonly speed = 1;
  private t: number;
  private timers: FakeTimer[] = [];
  private seq = 0;
  private stopped = false;

  constructor(start: number | Date = Date.parse('2025-01-01T00:00:00Z')) {
    this.t = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.t;
  }

  simNow(): number {
    return this.t;
  }

  real(simMs: number): number {
    return simMs;
  }

  after(simMs: number, fn: () => void): () => void {
    return this.add({ id: ++this.seq, due: this.t + Math.max(0, simMs), fn });
  }

  every(simMs: number, fn: () => void): () => void {
    const period = Math.max(1, simMs);
    return this.add({ id: ++this.seq, due: this.t + period, fn, period });
  }

  /** Timers waiting to fire (HasWaiters). */
  get waiters(): number {
    return this.timers.length;
  }

  /** Advances time by ms, firing due timers in order; each fires at its own due time. */
  step(ms: number): void {
    const end = this.t + Math.max(0, ms);
    for (;;) {
      if (this.stopped) break;
      const next = this.timers.reduce<FakeTimer | undefined>((a, b) => (!a || b.due < a.due || (b.due === a.due && b.id < a.id) ? b : a), undefined);
      if (!next || next.due > end) break;
      this.t = next.due;
      if (next.period !== undefined) next.due += next.period;
      else this.timers = this.timers.filter((x) => x !== next);
      next.fn();
    }
    this.t = end;
  }

  /** Sets the time, firing what falls due (SetTime). */
  setTime(ms: number): void {
    this.step(ms - this.t);
  }

  stop(): void {
    this.stopped = true;
    this.timers = [];
  }

  private add(timer: FakeTimer): () => void {
    if (this.stopped) return () => {};
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((x) => x !== timer);
    };
  }
}

export const iso = (ms: number = Date.now()): string => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
