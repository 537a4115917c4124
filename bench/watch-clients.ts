/**
 * bench:watch child process: N socket.io clients subscribed to the same pod list (the orchestrator runs
 * several of these so the clients can use both cores). Latency of each pod event = receipt time − the
 * sandbox write time the writer put in the pod's annotation. Counts unique (client, sequence number)
 * pairs, so duplicates cannot hide losses.
 * 500 browsers decode their frames on 500 CPUs; here they share a process, where JSON.parse of every copy
 * of a frame took 60 % of its time and made the bench measure itself. So the sockets share one decode per
 * distinct frame (SharedDecoder): each socket still receives its own copy over its own connection, and that
 * copy must be equal, character for character, to a recently decoded frame to reuse its result.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io as ioClient, type Socket } from 'socket.io-client';
import { Decoder, Encoder } from 'socket.io-parser';
import { SEQ, TS } from './watch-stages';
import type { ClientToServerEvents, Delta, ServerToClientEvents } from '../lib/protocol';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const url = arg('url', '');
const n = Number(arg('clients', '10'));
const cluster = arg('cluster', '');
const namespace = arg('namespace', 'bench');

/** recent frames (newest last): all sockets get the same frame within milliseconds of each other */
const recent: { str: string; value: unknown }[] = [];
class SharedDecoder extends Decoder {
  constructor() {
    super();
    const self = this as unknown as { tryParse(s: string): unknown };
    const parse = self.tryParse.bind(this);
    self.tryParse = (str: string) => {
      if (str.length < 256) return parse(str);
      for (let i = recent.length - 1; i >= 0; i--) if (recent[i].str === str) return recent[i].value;
      const value = parse(str);
      recent.push({ str, value });
      if (recent.length > 16) recent.shift();
      return value;
    };
  }
}

/** (sequence number, write time) pairs of a decoded delta, computed once per shared payload */
const stamps = new WeakMap<Delta, number[]>();
function stampsOf(d: Delta): number[] {
  let s = stamps.get(d);
  if (s) return s;
  s = [];
  for (const e of d.events) {
    const ann = (e.object.metadata as { annotations?: Record<string, string> }).annotations;
    if (ann?.[SEQ] === undefined || e.type === 'DELETED') continue;
    s.push(Number(ann[SEQ]), Number(ann[TS]));
  }
  stamps.set(d, s);
  return s;
}

const hist = new Uint32Array(60_000); // 1 ms buckets up to 60 s
/** per client, one byte per sequence number */
const seen: Uint8Array[] = [];
let snapshots = 0;
let measuring = false;
/** warm-up events (lower sequence numbers) that arrive late are not measured */
let measureFrom = 0;
let cpu = process.cpuUsage();
const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 10 });

for (let c = 0; c < n; c++) {
  seen.push(new Uint8Array(1 << 14));
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(url, {
    path: '/socket.io',
    transports: ['websocket'],
    forceNew: true,
    parser: { Encoder, Decoder: SharedDecoder },
  });
  sockets.push(s);
  s.on('connect', () => s.emit('subscribe', { cluster, group: '', version: 'v1', resource: 'pods', namespace }, () => undefined));
  s.on('snapshot', (frame: { more?: boolean }) => {
    // a snapshot comes in pages: the subscription is ready after the last one
    if (frame?.more) return;
    snapshots++;
    if (snapshots === n) process.send!({ type: 'ready' });
  });
  s.on('delta', (d: Delta) => {
    if (!measuring) return;
    const now = Date.now();
    const st = stampsOf(d);
    for (let i = 0; i < st.length; i += 2) {
      const q = st[i];
      if (q >= seen[c].length) {
        const grown = new Uint8Array(Math.max(q + 1, seen[c].length * 2));
        grown.set(seen[c]);
        seen[c] = grown;
      }
      if (q < measureFrom || seen[c][q]) continue;
      seen[c][q] = 1;
      hist[Math.min(hist.length - 1, Math.max(0, now - st[i + 1]))]++;
    }
  });
}

process.on('message', (m: { type: string; firstSeq?: number; lastSeq?: number }) => {
  if (m.type === 'measure') {
    measuring = true;
    measureFrom = m.firstSeq ?? 0;
    loopDelay.enable();
    cpu = process.cpuUsage();
  } else if (m.type === 'count') {
    // how many clients have every sequence number in [firstSeq, lastSeq]
    const { firstSeq = 0, lastSeq = -1 } = m;
    let complete = 0;
    let delivered = 0;
    for (const got of seen) {
      let k = 0;
      for (let q = firstSeq; q <= lastSeq; q++) k += got[q] ?? 0;
      delivered += k;
      if (k === lastSeq - firstSeq + 1) complete++;
    }
    const d = process.cpuUsage(cpu);
    const sparse: [number, number][] = [];
    hist.forEach((v, i) => v && sparse.push([i, v]));
    process.send!({
      type: 'count',
      complete,
      delivered,
      hist: sparse,
      cpuMs: (d.user + d.system) / 1000,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    });
  } else if (m.type === 'stop') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
