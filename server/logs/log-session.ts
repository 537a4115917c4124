/**
 * One open log view: a ContainerLogStream per (pod, container) followed, merged by timestamp across pods
 * (MergeQueue: a container's own order is never changed; `reorderMs` is how long a line may wait for a
 * quiet pod). Flow control: every batch carries a sequence number that the browser acknowledges once it has
 * rendered it. While `maxUnacked` batches are outstanding, or the queue is above its high-water mark, all
 * upstream reads pause; they resume at the low-water mark. The queue is bounded: lines that arrive beyond
 * `maxQueue` (a chunk already in flight when pausing) drop the oldest queued lines and the next batch says
 * how many were skipped. A line is held only until its batch is emitted. Nothing here grows without bound.
 */
import type { Logger } from 'pino';
import type { K8sClient } from '../k8s/client';
import type { LogsBatch, LogsOpenRequest, LogsStatus } from '../../lib/protocol';
import { ContainerLogStream } from './container-stream';
import { MergeQueue } from './merge-queue';
import type { PodInfo, PodSource } from './pod-source';

export interface SessionLimits {
  batchMs: number;
  maxBatch: number;
  maxUnacked: number;
  maxQueue: number;
  reorderMs: number;
}

export const DEFAULT_LIMITS: SessionLimits = { batchMs: 50, maxBatch: 2_000, maxUnacked: 4, maxQueue: 20_000, reorderMs: 400 };

export interface SessionOptions {
  id: string;
  req: LogsOpenRequest;
  client: K8sClient;
  pods: PodSource;
  logger: Logger;
  emitBatch(b: LogsBatch): void;
  emitStatus(s: LogsStatus): void;
  limits?: Partial<SessionLimits>;
  backoff?: { initialMs: number; maxMs: number };
}

export class LogSession {
  private streams = new Map<string, ContainerLogStream>();
  private readonly merge: MergeQueue;
  private skipped = 0;
  private seq = 0;
  private acked = -1;
  private paused = false;
  private timer?: NodeJS.Timeout;
  private stopped = false;
  private ended = 0;
  private readonly lim: SessionLimits;
  /** counters for tests and the benchmark */
  readonly stats = { linesIn: 0, linesSent: 0, skipped: 0, pauses: 0, held: 0 };

  constructor(private readonly o: SessionOptions) {
    this.lim = { ...DEFAULT_LIMITS, ...o.limits };
    this.merge = new MergeQueue(this.lim.reorderMs);
  }

  start(): void {
    this.o.pods.subscribe((pods) => this.setPods(pods));
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const s of this.streams.values()) s.stop();
    this.streams.clear();
    this.merge.clear();
    this.o.pods.release();
  }

  ack(seq: number): void {
    if (seq > this.acked && seq < this.seq) this.acked = seq;
    this.schedule(0);
  }

  private get pending(): number {
    return this.merge.size;
  }

  private get unacked(): number {
    return this.seq - 1 - this.acked;
  }

  private setPods(pods: PodInfo[]): void {
    if (this.stopped) return;
    const want = new Map<string, { pod: string; container: string }>();
    for (const p of pods) {
      const cs = this.o.req.container ? p.containers.filter((c) => c === this.o.req.container) : p.containers;
      for (const c of cs) want.set(`${p.name}/${c}`, { pod: p.name, container: c });
    }
    for (const [k, s] of this.streams) {
      if (!want.has(k)) {
        s.stop();
        this.streams.delete(k);
        this.merge.close(k);
      }
    }
    for (const [k, w] of want) if (!this.streams.has(k)) this.open(k, w.pod, w.container);
    this.pods = pods.map((p) => p.name);
    this.o.emitStatus({ streamId: this.o.id, state: pods.length === 0 ? 'ended' : 'live', pods: pods.map((p) => p.name), message: pods.length === 0 ? 'no pods match' : undefined });
  }

  private open(key: string, pod: string, container: string): void {
    const r = this.o.req;
    const s = new ContainerLogStream({
      client: this.o.client,
      namespace: r.namespace,
      pod,
      container,
      follow: r.follow,
      previous: r.previous,
      tailLines: r.tailLines,
      sinceSeconds: r.sinceSeconds,
      sinceTime: r.sinceTime,
      logger: this.o.logger,
      backoff: this.o.backoff,
      onLines: (lines) => this.push(key, pod, container, lines),
      onProblem: (message, final) => {
        if (this.stopped) return;
        // "waiting to start" while a container is created is routine for a follow: report it, do not fail
        this.problem = true;
        this.o.emitStatus({ streamId: this.o.id, state: final ? 'error' : 'reconnecting', message: `${pod}/${container}: ${message}` });
      },
      onEnd: () => {
        this.ended++;
        this.merge.close(key);
        if (!r.follow && this.ended >= this.streams.size) {
          this.schedule(0);
          this.endWhenDrained = true;
        }
      },
    });
    if (this.paused) s.pause();
    this.streams.set(key, s);
    this.merge.open(key);
    s.start();
  }

  private endWhenDrained = false;
  private problem = false;
  private pods: string[] = [];

  private push(key: string, pod: string, container: string, lines: { ts: string; text: string }[]): void {
    if (this.stopped) return;
    if (this.problem) {
      // lines flow again after a reported problem: back to live
      this.problem = false;
      this.o.emitStatus({ streamId: this.o.id, state: 'live', pods: this.pods });
    }
    this.stats.linesIn += lines.length;
    this.merge.push(key, lines.map((l) => ({ pod, container, ts: l.ts, text: l.text })), Date.now());
    const over = this.pending - this.lim.maxQueue;
    if (over > 0) {
      const n = this.merge.drop(over);
      this.skipped += n;
      this.stats.skipped += n;
    }
    if (this.pending >= this.lim.maxQueue / 2) this.setPaused(true);
    this.schedule(this.lim.batchMs);
  }

  private setPaused(p: boolean): void {
    if (this.paused === p) return;
    this.paused = p;
    if (p) this.stats.pauses++;
    for (const s of this.streams.values()) {
      if (p) s.pause();
      else s.resume();
    }
  }

  private schedule(ms: number): void {
    if (this.timer || this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
    }, ms);
  }

  private flush(): void {
    if (this.stopped) return;
    if (this.unacked >= this.lim.maxUnacked) {
      this.stats.held++; // a flush that found the browser behind and sent nothing
      this.setPaused(true);
      return; // the next ack flushes
    }
    const now = Date.now();
    const lines = this.merge.take(this.lim.maxBatch, now);
    if (lines.length > 0 || this.skipped > 0) {
      const b: LogsBatch = { streamId: this.o.id, seq: this.seq++, lines };
      if (this.skipped) b.skipped = this.skipped;
      this.skipped = 0;
      this.stats.linesSent += lines.length;
      this.o.emitBatch(b);
    }
    // more ready now (a full batch), or lines waiting in the reorder window for a quiet pod
    const due = this.merge.dueIn(now);
    if (due !== undefined) this.schedule(lines.length === this.lim.maxBatch ? 0 : Math.max(due, this.lim.batchMs));
    if (this.pending < this.lim.maxQueue / 4 && this.unacked < this.lim.maxUnacked) this.setPaused(false);
    if (this.pending === 0 && this.endWhenDrained) {
      this.endWhenDrained = false;
      this.o.emitStatus({ streamId: this.o.id, state: 'ended' });
    }
  }
}
