/**
 * Reads a Kubernetes watch response: newline-delimited JSON events over a chunked HTTP/1.1 stream.
 * Lines of one network chunk are handed over together (chunkEnd), so the consumer can emit them as one
 * batch. Resolves when the server ends the watch normally (timeoutSeconds) or the consumer cut it on
 * purpose (wasCut); rejects on transport loss or when a line handler throws (an ERROR event).
 */
import type { IncomingMessage } from 'node:http';
import { K8sApiError } from './errors';

export interface WatchStreamHandlers {
  line(line: string): void;
  chunkEnd(): void;
  /** true when the consumer destroyed the response itself (resume elsewhere, relist): not an error */
  wasCut(): boolean;
}

/**
 * idleMs: a server that vanished without closing the connection (partition, dead node) sends nothing, not
 * even its end at timeoutSeconds; past idleMs without a byte the watch is treated as lost.
 */
export function readWatchStream(res: IncomingMessage, h: WatchStreamHandlers, cluster: string, idleMs = 0): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let buf = '';
    let done = false;
    let idle: NodeJS.Timeout | undefined;
    const arm = () => {
      if (!idleMs) return;
      clearTimeout(idle);
      idle = setTimeout(() => finish(new K8sApiError({ status: 503, reason: 'ServiceUnavailable', message: `watch silent for ${idleMs} ms`, cluster })), idleMs);
    };
    arm();
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      clearTimeout(idle);
      if (err !== undefined && !h.wasCut()) {
        res.destroy();
        reject(err);
      } else resolve();
    };
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      if (done) return;
      arm();
      // one scan per chunk; only an incomplete last line is carried over (usually nothing)
      const text = buf ? buf + chunk : chunk;
      let start = 0;
      let nl: number;
      try {
        while ((nl = text.indexOf('\n', start)) >= 0) {
          const line = text.slice(start, nl).trim();
          start = nl + 1;
          if (line) h.line(line);
        }
      } catch (e) {
        h.chunkEnd();
        return finish(e);
      }
      buf = start < text.length ? text.slice(start) : '';
      h.chunkEnd();
    });
    res.on('end', () => finish());
    res.on('error', (e) => finish(e));
    res.on('close', () => {
      if (!res.complete) finish(new K8sApiError({ status: 503, reason: 'ServiceUnavailable', message: 'watch connection closed', cluster }));
      else finish();
    });
  });
}
