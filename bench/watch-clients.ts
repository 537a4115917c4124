/**
 * bench:watch child process: N socket.io clients subscribed to the same pod list. Latency of each pod
 * event = receipt time − the sandbox write time the writer put in the pod's annotation. Counts unique
 * (client, sequence number) pairs so duplicates cannot hide losses.
 */
import { io as ioClient, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, Delta, ServerToClientEvents } from '../lib/protocol';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : def;
};
const url = arg('url', '');
const n = Number(arg('clients', '10'));
const cluster = arg('cluster', '');
const namespace = arg('namespace', 'bench');
export const TS = 'bench.wheelhouse.dev/ts';
export const SEQ = 'bench.wheelhouse.dev/seq';

const hist = new Uint32Array(60_000); // 1 ms buckets up to 60 s
let samples = 0;
const seen: Set<number>[] = [];
let snapshots = 0;
let measuring = false;
let cpu = process.cpuUsage();
let since = Date.now();
const sockets: Socket<ServerToClientEvents, ClientToServerEvents>[] = [];

for (let c = 0; c < n; c++) {
  const got = new Set<number>();
  seen.push(got);
  const s: Socket<ServerToClientEvents, ClientToServerEvents> = ioClient(url, { path: '/socket.io', transports: ['websocket'], forceNew: true });
  sockets.push(s);
  s.on('connect', () => s.emit('subscribe', { cluster, group: '', version: 'v1', resource: 'pods', namespace }, () => undefined));
  s.on('snapshot', () => {
    snapshots++;
    if (snapshots === n) process.send!({ type: 'ready' });
  });
  s.on('delta', (d: Delta) => {
    if (!measuring) return;
    const now = Date.now();
    for (const e of d.events) {
      const ann = (e.object.metadata as { annotations?: Record<string, string> }).annotations;
      const seq = ann?.[SEQ];
      if (seq === undefined || e.type === 'DELETED') continue;
      const q = Number(seq);
      if (got.has(q)) continue;
      got.add(q);
      const lat = Math.max(0, now - Number(ann![TS]));
      hist[Math.min(hist.length - 1, Math.floor(lat))]++;
      samples++;
    }
  });
}

function percentile(p: number): number {
  const target = Math.ceil(samples * p);
  let acc = 0;
  for (let i = 0; i < hist.length; i++) {
    acc += hist[i];
    if (acc >= target) return i + 1;
  }
  return hist.length;
}

process.on('message', (m: { type: string; firstSeq?: number; lastSeq?: number }) => {
  if (m.type === 'measure') {
    measuring = true;
    cpu = process.cpuUsage();
    since = Date.now();
  }
  else if (m.type === 'count') {
    // how many clients have every sequence number in [firstSeq, lastSeq]
    const { firstSeq = 0, lastSeq = -1 } = m;
    let complete = 0;
    let delivered = 0;
    for (const got of seen) {
      let k = 0;
      for (let q = firstSeq; q <= lastSeq; q++) if (got.has(q)) k++;
      delivered += k;
      if (k === lastSeq - firstSeq + 1) complete++;
    }
    const d = process.cpuUsage(cpu);
    const cpuPct = ((d.user + d.system) / 1000 / Math.max(1, Date.now() - since)) * 100;
    process.send!({ type: 'count', complete, delivered, p50: percentile(0.5), p99: percentile(0.99), cpuPct });
  } else if (m.type === 'stop') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});
