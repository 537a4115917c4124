/**
 * npm run bench:watch [-- --clients 500 --rate 200 --seconds 20]
 * N socket.io clients subscribe to the same pod list of a sandbox cluster while the sandbox makes `rate`
 * pod updates per second (each stamped with its write time and a sequence number in annotations); first
 * through the real data plane, then through a naive proxy with one upstream watch per client (baseline).
 * The BFF runs in its own process (watch-bff.ts) so its CPU/RSS are measured alone; the clients run in a
 * third process (watch-clients.ts). Prints one JSON line.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startSandboxCluster } from '../server/sandbox/cluster';

const here = path.dirname(fileURLToPath(import.meta.url));
const arg = (name: string, def: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : def;
};
const clients = arg('clients', 500);
const rate = arg('rate', 200);
const seconds = arg('seconds', 20);
const podCount = arg('pods', 100);
const TS = 'bench.wheelhouse.dev/ts';
const SEQ = 'bench.wheelhouse.dev/seq';
const PODS = { group: '', version: 'v1', resource: 'pods' };

const sandbox = await startSandboxCluster({ name: 'bench', noRuntime: true });
sandbox.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'bench' } });
for (let i = 0; i < podCount; i++) {
  sandbox.client.create(PODS, {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `p-${i}`, namespace: 'bench', labels: { app: 'bench' } },
    spec: { containers: [{ name: 'c', image: 'busybox' }] },
  });
}
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-bench-'));
const kubeconfig = path.join(dir, 'kubeconfig');
fs.writeFileSync(kubeconfig, sandbox.kubeconfig);
let seq = 0;

function child(script: string, args: string[]): ChildProcess {
  return fork(path.join(here, script), args, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

function next<T>(cp: ChildProcess, type: string, timeoutMs = 120_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`timeout waiting for ${type}`)), timeoutMs);
    const on = (m: { type: string }) => {
      if (m.type !== type) return;
      clearTimeout(t);
      cp.off('message', on);
      resolve(m as T);
    };
    cp.on('message', on);
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function run(mode: 'shared' | 'naive') {
  const bff = child('watch-bff.ts', ['--mode', mode, '--kubeconfig', kubeconfig]);
  const { port } = await next<{ port: number }>(bff, 'listening');
  const cl = child('watch-clients.ts', ['--url', `http://127.0.0.1:${port}`, '--clients', String(clients), '--cluster', 'bench', '--namespace', 'bench']);
  await next(cl, 'ready');
  cl.send({ type: 'measure' });
  bff.send({ type: 'reset' });
  await next(bff, 'reset-done');

  const firstSeq = seq;
  const start = Date.now();
  let written = 0;
  while (Date.now() - start < seconds * 1000) {
    const due = Math.floor(((Date.now() - start) / 1000) * rate);
    for (; written < due; written++) {
      const n = seq++;
      sandbox.client.patch(PODS, 'bench', `p-${n % podCount}`, 'merge', {
        metadata: { annotations: { [TS]: String(Date.now()), [SEQ]: String(n) } },
      });
    }
    await sleep(5);
  }
  const lastSeq = seq - 1;
  type Count = { complete: number; delivered: number; p50: number; p99: number; cpuPct: number };
  let count: Count = { complete: 0, delivered: 0, p50: 0, p99: 0, cpuPct: 0 };
  const drainEnd = Date.now() + 15_000;
  while (Date.now() < drainEnd) {
    cl.send({ type: 'count', firstSeq, lastSeq });
    count = await next<Count>(cl, 'count');
    if (count.complete === clients) break;
    await sleep(250);
  }
  bff.send({ type: 'stats' });
  const stats = await next<{ upstreamWatches: number; cpuPct: number; rssMb: number; upstreamP50: number; upstreamP99: number; loopDelayP99Ms: number }>(bff, 'stats');
  cl.send({ type: 'stop' });
  bff.send({ type: 'stop' });
  await Promise.all([new Promise((r) => cl.once('exit', r)), new Promise((r) => bff.once('exit', r))]);
  const expected = (lastSeq - firstSeq + 1) * clients;
  return { ...count, cpuPct2: count.cpuPct, expected, writes: lastSeq - firstSeq + 1, lost: expected - count.delivered, ...stats };
}

const round = (x: number) => Math.round(x * 10) / 10;
try {
  const shared = await run('shared');
  const naive = await run('naive');
  console.log(
    JSON.stringify({
      clients,
      rate,
      upstreamWatches: shared.upstreamWatches,
      delivered: shared.delivered,
      lost: shared.lost,
      p50Ms: shared.p50,
      p99Ms: shared.p99,
      bffCpuPct: round(shared.cpuPct),
      bffRssMb: round(shared.rssMb),
      // the client side (all sockets in one process) is reported so a client-bound run is recognisable
      clientCpuPct: round(shared.cpuPct2),
      writesPerSec: round(shared.writes / seconds),
      // sandbox write → BFF informer receipt: the part of the latency before the fan-out
      upstreamP50Ms: shared.upstreamP50,
      upstreamP99Ms: shared.upstreamP99,
      bffLoopDelayP99Ms: round(shared.loopDelayP99Ms),
      baseline: {
        upstreamWatches: naive.upstreamWatches,
        p99Ms: naive.p99,
        bffCpuPct: round(naive.cpuPct),
        bffRssMb: round(naive.rssMb),
        lost: naive.lost,
        clientCpuPct: round(naive.cpuPct2),
      },
    }),
  );
} finally {
  await sandbox.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
