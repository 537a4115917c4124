/**
 * bench:watch instrumentation shared by its processes: latency samples of one pipeline stage (time since
 * the sandbox write stamped in the pod's annotation), and a hook that records when the sandbox's watch
 * responses hand those pods to the socket. With the stages (sandbox send, BFF informer receipt, fan-out
 * broadcast, client receipt) the JSON line says where a slow run loses its time.
 */
import tls from 'node:tls';

export const TS = 'bench.wheelhouse.dev/ts';
export const SEQ = 'bench.wheelhouse.dev/seq';

export class Stage {
  private samples: number[] = [];
  /** worst latency per second of writing (by write time), for BENCH_SERIES=1 */
  private worst = new Map<number, number>();

  /** `ts` is the write time (ms since the epoch) as found in the annotation */
  record(ts: string | number | undefined, now = Date.now()): void {
    if (ts === undefined || this.samples.length >= 2e6) return;
    const lat = now - Number(ts);
    this.samples.push(lat);
    const sec = Math.floor(Number(ts) / 1000);
    if (lat > (this.worst.get(sec) ?? -1)) this.worst.set(sec, lat);
  }

  /** records every annotated object of a watch event batch */
  recordEvents(events: { object: { metadata: Record<string, unknown> } }[] | undefined): void {
    if (!events) return;
    const now = Date.now();
    for (const e of events) {
      const ann = e.object.metadata.annotations as Record<string, string> | undefined;
      if (ann && Number(ann[SEQ]) >= this.fromSeq) this.record(ann[TS], now);
    }
  }

  /** events with a lower sequence number (the warm-up's) are not measured */
  private fromSeq = 0;

  reset(fromSeq = 0): void {
    this.fromSeq = fromSeq;
    this.samples = [];
    this.worst.clear();
  }

  series(): number[] {
    return [...this.worst].sort((a, b) => a[0] - b[0]).map(([, v]) => v);
  }

  pct(p: number): number {
    const a = [...this.samples].sort((x, y) => x - y);
    return a.length ? a[Math.min(a.length - 1, Math.floor(a.length * p))] : 0;
  }
}

const stampRe = new RegExp(`"${TS.replace(/\./g, '\\.')}":"(\\d+)"`, 'g');

/**
 * Records, for every stamped object in a chunk this process writes to a TLS socket (the sandbox's watch
 * streams), the time it was handed to the socket. The sandbox writes its framed watch chunks to the socket
 * directly (server/sandbox/apiserver/watch-http.ts), not through res.write, so the hook sits on the socket.
 * Returns the undo function.
 */
export function recordResponseWrites(stage: Stage): () => void {
  const proto = tls.TLSSocket.prototype as unknown as { write: (...a: unknown[]) => boolean };
  const had = Object.prototype.hasOwnProperty.call(proto, 'write');
  const write = proto.write;
  proto.write = function (this: tls.TLSSocket, ...a: unknown[]) {
    const c = a[0];
    const text = typeof c === 'string' ? c : Buffer.isBuffer(c) && c.includes(TS) ? c.toString('latin1') : undefined;
    if (text?.includes(TS)) {
      const now = Date.now();
      for (const m of text.matchAll(stampRe)) stage.record(m[1], now);
    }
    return write.apply(this, a);
  };
  return () => {
    if (had) proto.write = write;
    else delete (proto as { write?: unknown }).write;
  };
}
