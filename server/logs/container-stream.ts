/**
 * One container's log, read from the cluster's pods/log with timestamps=true (and follow=true when
 * following). When the upstream ends while following (container restarted, connection dropped, API server
 * timeout), it reconnects with sinceTime = the last timestamp seen (floored to the second, as a real API
 * server only parses seconds) and the ResumeCursor drops the repeated lines: no duplicates, no gaps.
 * pause()/resume() map to the HTTP response's flow control, so a slow browser stops the upstream read
 * (TCP backpressure to the API server) instead of growing a buffer here.
 */
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { K8sClient } from '../k8s/client';
import { K8sApiError } from '../k8s/errors';
import { queryString, resourcePath } from '../k8s/paths';
import { ResumeCursor } from '../../lib/k8s/machinery/log-resume-cursor';
import { sinceTimeFor, splitTimestamp } from '../../lib/logs/timestamp';

export interface ContainerStreamOptions {
  client: K8sClient;
  namespace: string;
  pod: string;
  container: string;
  follow: boolean;
  previous?: boolean;
  tailLines?: number;
  sinceSeconds?: number;
  sinceTime?: string;
  logger: Logger;
  /** lines of one network chunk, in order, already de-duplicated */
  onLines(lines: { ts: string; text: string }[]): void;
  /** upstream trouble (retrying) or a final error */
  onProblem(message: string, final: boolean): void;
  onEnd(): void;
  backoff?: { initialMs: number; maxMs: number };
}

export class ContainerLogStream {
  private res?: IncomingMessage;
  private paused = false;
  private stopped = false;
  private wake?: () => void;
  readonly cursor = new ResumeCursor();

  constructor(private readonly o: ContainerStreamOptions) {}

  start(): void {
    void this.loop();
  }

  pause(): void {
    this.paused = true;
    this.res?.pause();
  }

  resume(): void {
    this.paused = false;
    this.res?.resume();
  }

  stop(): void {
    this.stopped = true;
    this.res?.destroy();
    this.wake?.();
  }

  private path(first: boolean): string {
    const o = this.o;
    const base = resourcePath({ group: '', version: 'v1', resource: 'pods', namespace: o.namespace, name: o.pod });
    const resumed = !first && this.cursor.lastTs;
    const q = resumed
      ? { sinceTime: sinceTimeFor(this.cursor.lastTs) }
      : { tailLines: o.tailLines, sinceSeconds: o.sinceSeconds, sinceTime: o.sinceSeconds === undefined ? o.sinceTime : undefined };
    // resourcePath has no pods/log subresource in its enum: append the fixed segment here
    return `${base}/log${queryString({ container: o.container, follow: o.follow && !o.previous ? 'true' : undefined, timestamps: 'true', previous: o.previous ? 'true' : undefined, ...q })}`;
  }

  private async loop(): Promise<void> {
    const { initialMs, maxMs } = this.o.backoff ?? { initialMs: 500, maxMs: 5_000 };
    let attempt = 0;
    let first = true;
    while (!this.stopped) {
      if (!first) this.cursor.beginResume();
      try {
        const res = await this.o.client.stream({ path: this.path(first), accept: 'text/plain' });
        if (this.stopped) {
          res.destroy();
          return;
        }
        this.res = res;
        if (this.paused) res.pause();
        const delivered = await this.read(res);
        if (delivered > 0) attempt = 0;
      } catch (e) {
        if (this.stopped) return;
        const err = e instanceof K8sApiError ? e : undefined;
        const final = !this.o.follow || this.o.previous || err?.status === 404 || err?.status === 403 || err?.status === 401;
        this.o.onProblem(err?.message ?? (e as Error).message, final);
        if (final) return this.o.onEnd();
      } finally {
        this.res = undefined;
      }
      first = false;
      if (!this.o.follow || this.o.previous) return this.o.onEnd();
      // a follow that ended: the container stopped (restarts later) or the connection dropped
      const delay = Math.min(maxMs, initialMs * 2 ** attempt++);
      await new Promise<void>((r) => {
        const t = setTimeout(r, delay);
        this.wake = () => {
          clearTimeout(t);
          r();
        };
      });
      this.wake = undefined;
    }
  }

  /** Resolves with the number of lines delivered when the response ends or is cut. */
  private read(res: IncomingMessage): Promise<number> {
    return new Promise((resolve) => {
      let buf = '';
      let n = 0;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        const parts = buf.split('\n');
        buf = parts.pop() ?? '';
        const out: { ts: string; text: string }[] = [];
        for (const raw of parts) {
          const l = splitTimestamp(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
          if (this.cursor.accept(l.ts)) out.push(l);
        }
        if (out.length && !this.stopped) {
          n += out.length;
          this.o.onLines(out);
        }
      });
      const done = () => {
        // a final line without newline is complete only when the response completed
        if (buf && res.complete && !this.stopped) {
          const l = splitTimestamp(buf);
          buf = '';
          if (this.cursor.accept(l.ts)) {
            n++;
            this.o.onLines([l]);
          }
        }
        resolve(n);
      };
      res.on('end', done);
      res.on('close', done);
      res.on('error', () => done());
    });
  }
}
