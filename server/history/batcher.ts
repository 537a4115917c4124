/**
 * Collects changes, the views they leave behind and resource cursors, and writes them in batches: at most one
 * write in flight, the next one flushed `flushMs` after its first entry (or at once when `maxBatch` is
 * reached). A failed write is retried (1 s → 30 s) with everything that arrived meanwhile appended after it,
 * so a store outage delays the history but loses and reorders nothing.
 */
import type { Logger } from 'pino';
import type { Batch, NewChange, TrackedObject } from './history-store';

export interface BatcherOptions {
  flushMs: number;
  maxBatch: number;
  write: (b: Batch) => Promise<void>;
  logger: Logger;
}

function emptyBatch(): { changes: NewChange[]; upserts: Map<string, TrackedObject>; deletes: Set<string>; cursors: Map<string, Batch['cursors'][number]> } {
  return { changes: [], upserts: new Map(), deletes: new Set(), cursors: new Map() };
}

export class Batcher {
  private pending = emptyBatch();
  private timer?: NodeJS.Timeout;
  private inflight?: Promise<void>;
  private closed = false;
  private idle: (() => void)[] = [];

  constructor(private readonly o: BatcherOptions) {}

  change(c: NewChange, after: TrackedObject | undefined): void {
    this.pending.changes.push(c);
    if (after) {
      this.pending.upserts.set(c.uid, after);
      this.pending.deletes.delete(c.uid);
    } else {
      this.pending.upserts.delete(c.uid);
      this.pending.deletes.add(c.uid);
    }
    this.schedule(this.pending.changes.length >= this.o.maxBatch);
  }

  upsert(t: TrackedObject): void {
    this.pending.upserts.set(t.uid, t);
    this.pending.deletes.delete(t.uid);
    this.schedule(this.pending.upserts.size >= this.o.maxBatch);
  }

  cursor(r: { group: string; resource: string }, resourceVersion: string): void {
    this.pending.cursors.set(`${r.group}/${r.resource}`, { group: r.group, resource: r.resource, resourceVersion });
    this.schedule(false);
  }

  get size(): number {
    return this.pending.changes.length;
  }

  /** Resolves when nothing is pending or in flight. */
  async drain(): Promise<void> {
    while (!this.closed && (this.inflight || this.hasPending())) {
      if (!this.inflight) this.flush();
      await new Promise<void>((r) => this.idle.push(r));
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    await this.inflight;
  }

  private hasPending(): boolean {
    const p = this.pending;
    return p.changes.length > 0 || p.upserts.size > 0 || p.deletes.size > 0 || p.cursors.size > 0;
  }

  private schedule(now: boolean): void {
    if (this.closed || this.inflight) return;
    if (now) {
      clearTimeout(this.timer);
      this.timer = undefined;
      this.flush();
    } else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, this.o.flushMs);
    }
  }

  private flush(): void {
    if (this.inflight || this.closed || !this.hasPending()) return this.wakeIdle();
    const p = this.pending;
    this.pending = emptyBatch();
    const batch: Batch = { changes: p.changes, upserts: [...p.upserts.values()], deletes: [...p.deletes], cursors: [...p.cursors.values()] };
    this.inflight = this.writeWithRetry(batch).finally(() => {
      this.inflight = undefined;
      if (this.hasPending()) this.schedule(this.pending.changes.length >= this.o.maxBatch);
      this.wakeIdle();
    });
  }

  private wakeIdle(): void {
    for (const r of this.idle.splice(0)) r();
  }

  private async writeWithRetry(b: Batch): Promise<void> {
    let delay = 1_000;
    for (;;) {
      try {
        return await this.o.write(b);
      } catch (err) {
        if (this.closed) return;
        this.o.logger.warn({ err, changes: b.changes.length, retryMs: delay }, 'history: writing a batch failed; retrying');
        await new Promise((r) => setTimeout(r, delay).unref?.());
        delay = Math.min(delay * 2, 30_000);
      }
    }
  }
}
