/**
 * A minimal controller work queue: keys are deduplicated, processed one at a time off the event loop,
 * a conflict (409) or any error requeues with capped backoff. Like client-go's workqueue, a key
 * enqueued while it is being processed is processed again afterwards.
 */
import type { Clock } from './clock';

export function statusOf(e: unknown): number | undefined {
  const s = (e as { status?: unknown; code?: unknown })?.status ?? (e as { code?: unknown })?.code;
  if (typeof s === 'number') return s;
  const inner = (s as { code?: unknown })?.code;
  return typeof inner === 'number' ? inner : undefined;
}

export const isNotFound = (e: unknown) => statusOf(e) === 404;
export const isConflict = (e: unknown) => statusOf(e) === 409;

export type Reconcile = (key: string) => void | { requeueAfterMs?: number } | Promise<void | { requeueAfterMs?: number }>;

export class WorkQueue {
  private pending = new Set<string>();
  private processing = new Set<string>();
  private failures = new Map<string, number>();
  private delayed = new Map<string, { due: number; cancel: () => void }>();
  private scheduled = false;
  private stopped = false;

  constructor(
    private readonly name: string,
    private readonly clock: Clock,
    private readonly reconcile: Reconcile,
    private readonly onError: (name: string, key: string, e: unknown) => void = () => {},
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    this.pending.add(key);
    this.schedule();
  }

  /** Enqueue after a simulated delay (coalesces: the earliest wins). */
  addAfter(key: string, simMs: number): void {
    if (this.stopped) return;
    if (simMs <= 0) return this.add(key);
    const due = this.clock.now() + this.clock.real(simMs);
    const prev = this.delayed.get(key);
    if (prev && prev.due <= due) return;
    prev?.cancel();
    const cancel = this.clock.after(simMs, () => {
      this.delayed.delete(key);
      this.add(key);
    });
    this.delayed.set(key, { due, cancel });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.drain());
  }

  private async drain(): Promise<void> {
    this.scheduled = false;
    // bounded batch per tick so one busy controller doesn't starve the event loop
    let n = 0;
    for (const key of [...this.pending]) {
      if (this.stopped) return;
      if (this.processing.has(key)) continue;
      this.pending.delete(key);
      this.processing.add(key);
      try {
        const res = await this.reconcile(key);
        this.failures.delete(key);
        if (res && res.requeueAfterMs !== undefined) this.addAfter(key, res.requeueAfterMs);
      } catch (e) {
        const f = (this.failures.get(key) ?? 0) + 1;
        this.failures.set(key, f);
        // 403: an admission refusal (e.g. ResourceQuota) the controller already reported as an event
        if (!(statusOf(e) === 409 || statusOf(e) === 404 || statusOf(e) === 403)) this.onError(this.name, key, e);
        // real-time backoff: conflicts clear in milliseconds regardless of simulated speed
        const wait = Math.min(5000, 5 * 2 ** Math.min(f, 10));
        const t = setTimeout(() => this.add(key), wait);
        t.unref?.();
      } finally {
        this.processing.delete(key);
      }
      if (++n >= 200) break;
    }
    if (this.pending.size > 0) this.schedule();
  }

  /** true while a key waits or is being reconciled (delayed keys wait on the clock, not on the queue) */
  get busy(): boolean {
    return this.scheduled || this.pending.size > 0 || this.processing.size > 0;
  }

  stop(): void {
    this.stopped = true;
    for (const d of this.delayed.values()) d.cancel();
    this.delayed.clear();
    this.pending.clear();
  }
}

export { namespacedKey as nsKey, splitKey } from '../../../../lib/k8s/machinery/keys';
