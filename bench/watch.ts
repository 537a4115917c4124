/**
 * npm run bench:watch [-- --clients 500 --rate 200 --seconds 20 --warmup 1 --client-procs 2]
 * npm run bench:watch -- --profile viewers   (many viewers of a big list: 2,000 clients × 20 updates/s on
 *   10,000 pods, no naive baseline; any explicit flag still wins)
 * N socket.io clients subscribe to the same pod list of a sandbox cluster while the sandbox makes `rate`
 * pod updates per second (each stamped with its write time and a sequence number in annotations); first
 * through the real data plane, then through a naive proxy with one upstream watch per client (baseline).
 * Three kinds of process share the 2 cores: this one (sandbox + writer), the BFF (watch-bff.ts, so its
 * CPU/RSS are measured alone) and `--client-procs` client processes (watch-clients.ts). After a warm-up,
 * latency is measured from the sandbox write to the client's receipt, with the stages between
 * (watch-stages.ts) so a slow run says where its time went. Prints one JSON line.
 * BENCH_CPU_PROF=<dir> writes V8 CPU profiles of the children; BENCH_SERIES=1 prints per-second worst
 * sandbox-send latency to stderr.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as yieldLoop } from 'node:timers/promises';
import { startSandboxCluster } from '@wheelhouse/sandbox';
import { recordResponseWrites, SEQ, Stage, TS } from './watch-stages';
import { nextMessage } from './harness';

const here = path.dirname(fileURLToPath(import.meta.url));
const flag = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const profile = flag('profile') ?? 'default';
/** each profile's defaults; flags override them */
const PROFILES: Record<string, Record<string, number>> = {
  default: { clients: 500, rate: 200, seconds: 20, pods: 100, warmup: 1, 'client-procs': 2, baseline: 1 },
  viewers: { clients: 2000, rate: 20, seconds: 20, pods: 10_000, warmup: 2, 'client-procs': 4, baseline: 0 },
};
if (!PROFILES[profile]) throw new Error(`--profile must be one of ${Object.keys(PROFILES).join(', ')}, got "${profile}"`);
const arg = (name: string, def?: number) => {
  const v = flag(name);
  return v !== undefined ? Number(v) : (PROFILES[profile][name] ?? def ?? 0);
};
const clients = arg('clients');
const rate = arg('rate');
const seconds = arg('seconds');
const podCount = arg('pods');
const warmupMs = arg('warmup') * 1000;
/** the simulated browsers are spread over this many processes, so they can use both cores */
const clientProcs = Math.max(1, Math.min(arg('client-procs'), clients));
const PODS = { group: '', version: 'v1', resource: 'pods' };

const loadAtStart = os.loadavg()[0];
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
  // BENCH_CPU_PROF=<dir>: V8 CPU profiles of the children (open in Chrome DevTools) to see where time goes
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  return fork(path.join(here, script), args, { execArgv: ['--import', 'tsx', ...prof], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

const next = <T>(cp: ChildProcess, type: string, timeoutMs = 120_000) => nextMessage<T>(cp, type, timeoutMs);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Count = { complete: number; delivered: number; hist: [number, number][]; cpuMs: number; loopDelayP99Ms: number };

/** merges the client processes' answers: latency percentiles from their summed 1 ms histograms */
function merge(counts: Count[]) {
  const hist = new Map<number, number>();
  for (const c of counts) for (const [ms, k] of c.hist) hist.set(ms, (hist.get(ms) ?? 0) + k);
  const buckets = [...hist].sort((a, b) => a[0] - b[0]);
  const total = buckets.reduce((a, [, k]) => a + k, 0);
  const pct = (p: number) => {
    let acc = 0;
    for (const [ms, k] of buckets) if ((acc += k) >= Math.ceil(total * p)) return ms + 1;
    return 0;
  };
  return {
    complete: counts.reduce((a, c) => a + c.complete, 0),
    delivered: counts.reduce((a, c) => a + c.delivered, 0),
    p50: pct(0.5),
    p99: pct(0.99),
    clientCpuMs: counts.reduce((a, c) => a + c.cpuMs, 0),
    clientLoopDelayP99Ms: Math.max(0, ...counts.map((c) => c.loopDelayP99Ms)),
  };
}

/**
 * `rate` pod updates per second for `ms`, each stamped with its write time and sequence number. The
 * writer yields to the event loop after every write, as writes arriving over HTTP would: a writer that
 * fell behind and caught up in one synchronous burst held the sandbox's watch dispatch until the burst's
 * end, so its first writes looked seconds late.
 */
async function write(ms: number): Promise<void> {
  const start = Date.now();
  let written = 0;
  while (Date.now() - start < ms) {
    if (written >= Math.floor(((Date.now() - start) / 1000) * rate)) {
      await sleep(2);
      continue;
    }
    const n = seq++;
    written++;
    sandbox.client.patch(PODS, 'bench', `p-${n % podCount}`, 'merge', {
      metadata: { annotations: { [TS]: String(Date.now()), [SEQ]: String(n) } },
    });
    await yieldLoop();
  }
}

async function run(mode: 'shared' | 'naive') {
  const bff = child('watch-bff.ts', ['--mode', mode, '--kubeconfig', kubeconfig]);
  const { port } = await next<{ port: number }>(bff, 'listening');
  const cls = Array.from({ length: clientProcs }, (_, i) => {
    const k = Math.floor(clients / clientProcs) + (i < clients % clientProcs ? 1 : 0);
    return child('watch-clients.ts', ['--url', `http://127.0.0.1:${port}`, '--clients', String(k), '--cluster', 'bench', '--namespace', 'bench']);
  });
  // thousands of viewers each take a snapshot of a big list first
  await Promise.all(cls.map((cl) => next(cl, 'ready', 900_000)));
  // warm-up at the same rate (JIT, schema caches, socket buffers): the figures are the steady state's
  await write(warmupMs);
  await sleep(500);
  for (const cl of cls) cl.send({ type: 'measure', firstSeq: seq });
  bff.send({ type: 'reset', firstSeq: seq });
  await next(bff, 'reset-done');

  // sandbox write → its watch response hands the event to the socket (only the shared run: one watch)
  const sends = new Stage();
  const unhook = mode === 'shared' ? recordResponseWrites(sends) : () => undefined;
  const mainLoop = monitorEventLoopDelay({ resolution: 10 });
  mainLoop.enable();
  const firstSeq = seq;
  const start = Date.now();
  const mainCpu = process.cpuUsage();
  await write(seconds * 1000);
  const lastSeq = seq - 1;
  const writeMs = Date.now() - start;
  let count = merge([]);
  const drainEnd = Date.now() + 15_000;
  while (Date.now() < drainEnd) {
    for (const cl of cls) cl.send({ type: 'count', firstSeq, lastSeq });
    count = merge(await Promise.all(cls.map((cl) => next<Count>(cl, 'count'))));
    if (count.complete === clients) break;
    await sleep(250);
  }
  // CPU figures are CPU time from the first write until every client has every event (or the drain
  // ends), per second of writing: a BFF that falls behind cannot look cheap by doing its work later
  const mc = process.cpuUsage(mainCpu);
  const sandboxCpuPct = (mc.user + mc.system) / 10 / writeMs;
  unhook();
  mainLoop.disable();
  if (process.env.BENCH_SERIES) console.error(mode, 'worst send latency per second', JSON.stringify(sends.series()));
  bff.send({ type: 'stats' });
  const stats = await next<{ upstreamWatches: number; cpuMs: number; deltaWrites: number; rssMb: number; upstreamP50: number; upstreamP99: number; emitP50: number; emitP99: number; loopDelayP99Ms: number }>(bff, 'stats');
  const exits = [bff, ...cls].map((cp) => new Promise((r) => cp.once('exit', r)));
  for (const cp of [bff, ...cls]) cp.send({ type: 'stop' });
  await Promise.all(exits);
  const expected = (lastSeq - firstSeq + 1) * clients;
  return { ...count, ...stats, cpuPct: (stats.cpuMs / writeMs) * 100, clientCpuPct: (count.clientCpuMs / writeMs) * 100, expected, writes: lastSeq - firstSeq + 1, lost: expected - count.delivered, sandboxCpuPct,
    sendP50: sends.pct(0.5), sendP99: sends.pct(0.99), sandboxLoopDelayMaxMs: mainLoop.max / 1e6 };
}

const round = (x: number) => Math.round(x * 10) / 10;
try {
  const shared = await run('shared');
  // --baseline 0 skips the naive proxy (quicker runs while profiling the real data plane)
  const naive = arg('baseline') ? await run('naive') : undefined;
  console.log(
    JSON.stringify({
      profile,
      clients,
      rate,
      upstreamWatches: shared.upstreamWatches,
      delivered: shared.delivered,
      lost: shared.lost,
      p50Ms: shared.p50,
      p99Ms: shared.p99,
      bffCpuPct: round(shared.cpuPct),
      bffRssMb: round(shared.rssMb),
      // the client processes (sum) are reported so a client-bound run is recognisable
      clientCpuPct: round(shared.clientCpuPct),
      clientLoopDelayP99Ms: round(shared.clientLoopDelayP99Ms),
      writesPerSec: round(shared.writes / seconds),
      // socket.io delta frames per second over all sockets (one per member per batch)
      deltaFramesPerSec: Math.round(shared.deltaWrites / seconds),
      // BFF CPU (µs) per delta frame delivered to a socket: the per-viewer cost of the fan-out
      cpuUsPerFrame: shared.deltaWrites ? round((shared.cpuMs * 1000) / shared.deltaWrites) : null,
      // sandbox write → the sandbox's watch response writes it to the socket
      sendP50Ms: shared.sendP50,
      sendP99Ms: shared.sendP99,
      // sandbox write → BFF informer receipt: the part of the latency before the fan-out
      upstreamP50Ms: shared.upstreamP50,
      upstreamP99Ms: shared.upstreamP99,
      // sandbox write → fan-out broadcast: adds the BFF's batching and informer work
      emitP50Ms: shared.emitP50,
      emitP99Ms: shared.emitP99,
      bffLoopDelayP99Ms: round(shared.loopDelayP99Ms),
      // the sandbox and the writer share the orchestrator process
      sandboxCpuPct: round(shared.sandboxCpuPct),
      // max, not p99: one long synchronous stretch delays every event written during it
      sandboxLoopDelayMaxMs: round(shared.sandboxLoopDelayMaxMs),
      // 1-minute load average before the bench started: latency on a shared 2-core machine depends on it
      loadAvg: round(loadAtStart),
      baseline: naive && {
        upstreamWatches: naive.upstreamWatches,
        p99Ms: naive.p99,
        bffCpuPct: round(naive.cpuPct),
        bffRssMb: round(naive.rssMb),
        lost: naive.lost,
        clientCpuPct: round(naive.clientCpuPct),
      },
    }),
  );
} finally {
  await sandbox.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
