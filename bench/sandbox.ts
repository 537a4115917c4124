/**
 * `npm run bench:sandbox`: sandbox API server throughput and footprint, printed as ONE JSON line
 * {"writesPerSec","watchers","lost","outOfOrder","list50kMs","rssMbAt50k","scalePods","scaleReadyMs","scaleRssMb"}.
 * Writes go over HTTPS while 100 HTTPS watchers are connected, each checking it got every event in
 * order; then 50,000 pods are stored and listed over HTTPS in pages of 500 (the list client asks for gzip,
 * as client-go does, and parses every page whole). The cluster runs without
 * the simulated control plane so only the API server and store are measured. Last, the `scale` scenario with
 * `--scale-pods` (100,000; 0 skips it) Running pods starts in a process of its own (bench/sandbox-scale.ts).
 */
import { readdirSync, readFileSync } from 'node:fs';
import https from 'node:https';
import { Worker } from 'node:worker_threads';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox';
import { parseArgs } from 'node:util';
import { LIST_WORKER, WATCHER_WORKER, WRITER_WORKER } from './sandbox-clients';
import { measureScale } from './sandbox-scale';

const WATCHERS = Number(process.env.BENCH_WATCHERS ?? 100);
const WRITES = Number(process.env.BENCH_WRITES ?? 10_000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const PODS = Number(process.env.BENCH_PODS ?? 50_000);
const SCALE_PODS = Number(parseArgs({ options: { 'scale-pods': { type: 'string', default: '100000' } } }).values['scale-pods']);

function req(c: SandboxCluster, agent: https.Agent, method: string, path: string, body?: string): Promise<{ status: number; text: string }> {
  const u = new URL(c.server);
  return new Promise((resolve, reject) => {
    const r = https.request(
      {
        host: u.hostname,
        port: u.port,
        path,
        method,
        ca: c.caPem,
        agent,
        headers: {
          Authorization: `Bearer ${c.token}`,
          ...(body ? { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    r.on('error', reject);
    if (body) r.write(body);
    r.end();
  });
}

function writeInWorker(c: SandboxCluster): Promise<{ ms: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(WRITER_WORKER, {
      eval: true,
      workerData: { server: c.server, ca: c.caPem, token: c.token, writes: WRITES, concurrency: CONCURRENCY },
    });
    w.once('message', (m: { ms: number; cpuMs: number; error?: string }) => {
      void w.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

function listInWorker(c: SandboxCluster): Promise<{ ms: number; items: number; bytes: number; wireBytes: number; cpuMs: number }> {
  return new Promise((resolve, reject) => {
    const w = new Worker(LIST_WORKER, { eval: true, workerData: { server: c.server, ca: c.caPem, token: c.token } });
    w.once('message', (m: { ms: number; items: number; bytes: number; wireBytes: number; cpuMs: number; error?: string }) => {
      void w.terminate();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
    });
    w.once('error', reject);
  });
}

interface WatchStats {
  received: number;
  outOfOrder: number;
}

class WatcherPool {
  private worker: Worker;
  private waiters: ((m: { type: string; stats?: WatchStats[]; cpuMs?: number; message?: string }) => void)[] = [];
  /** the watchers' thread CPU ms at the last stats() */
  cpuMs = 0;

  constructor(c: SandboxCluster, path: string, count: number) {
    this.worker = new Worker(WATCHER_WORKER, { eval: true, workerData: { server: c.server, ca: c.caPem, token: c.token, path, count } });
    this.worker.on('message', (m: { type: string; stats?: WatchStats[]; cpuMs?: number; message?: string }) => this.waiters.shift()?.(m));
  }

  next(): Promise<{ type: string; stats?: WatchStats[]; cpuMs?: number; message?: string }> {
    return new Promise((r) => this.waiters.push(r));
  }

  async stats(): Promise<WatchStats[]> {
    const p = this.next();
    this.worker.postMessage('stats');
    const m = await p;
    this.cpuMs = m.cpuMs ?? -1;
    return m.stats ?? [];
  }

  async close(): Promise<void> {
    const p = this.next();
    this.worker.postMessage('close');
    await p;
    await this.worker.terminate();
  }
}

/**
 * CPU ms used so far by the server's own thread (Linux only; -1 elsewhere): on a shared, loaded machine
 * wall-clock rates swing with the load, while the server thread's CPU per write is what the code costs.
 */
function serverThreadCpuMs(): number {
  const t = serverThreadTimes();
  return t.user + t.system;
}

/** CPU ms of every thread of this process by thread name (Linux only), for BENCH_DEBUG's per-thread breakdown. */
function threadsCpuMs(): Map<string, number> {
  const out = new Map<string, number>();
  try {
    for (const tid of readdirSync(`/proc/self/task`)) {
      const raw = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      const name = tid === String(process.pid) ? 'server' : raw.slice(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
      const f = raw.slice(raw.lastIndexOf(') ') + 2).split(' ');
      out.set(`${name}#${tid}`, (Number(f[11]) + Number(f[12])) * 10);
    }
  } catch {
    // not Linux: no breakdown
  }
  return out;
}

/** Per-thread CPU between two threadsCpuMs() samples, grouped by thread name, busiest first. */
function threadsDelta(a: Map<string, number>, b: Map<string, number>): string {
  const byName = new Map<string, number>();
  for (const [k, v] of b) {
    const name = k.slice(0, k.lastIndexOf('#'));
    byName.set(name, (byName.get(name) ?? 0) + v - (a.get(k) ?? 0));
  }
  return [...byName].filter(([, v]) => v > 0).sort((x, y) => y[1] - x[1]).map(([k, v]) => `${k} ${v}`).join(', ');
}

/** utime and stime of the server's thread in ms (kernel time is mostly socket writes and reads). */
function serverThreadTimes(): { user: number; system: number } {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return { user: Number(f[11]) * 10, system: Number(f[12]) * 10 }; // 100 Hz clock ticks
  } catch {
    return { user: -1, system: -1 };
  }
}

function podObject(i: number): object {
  const name = `bench-${String(i).padStart(6, '0')}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: `scale-${i % 10}`, labels: { app: `app-${i % 50}`, 'pod-template-hash': '5d9f8c7b6d' } },
    spec: {
      nodeName: `node-${i % 20}`,
      containers: [{ name: 'app', image: 'registry.example.com/app:1.2.3', ports: [{ containerPort: 8080 }], resources: { requests: { cpu: '100m', memory: '128Mi' } } }],
    },
    status: {
      phase: 'Running',
      podIP: `10.244.${(i >> 8) & 255}.${i & 255}`,
      hostIP: `10.0.0.${i % 20}`,
      startTime: new Date().toISOString(),
      conditions: [
        { type: 'Initialized', status: 'True' },
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
        { type: 'PodScheduled', status: 'True' },
      ],
      containerStatuses: [{ name: 'app', ready: true, restartCount: 0, image: 'registry.example.com/app:1.2.3', imageID: 'sha256:abc', started: true, state: { running: { startedAt: new Date().toISOString() } } }],
    },
  };
}

async function main(): Promise<void> {
  const c = await startSandboxCluster({ name: 'bench', noRuntime: true });
  const agent = new https.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let stopping: Promise<void> | undefined;
  const stop = () => (stopping ??= c.stop());
  try {
    await req(c, agent, 'POST', '/api/v1/namespaces', JSON.stringify({ metadata: { name: 'bench' } }));
    const list = JSON.parse((await req(c, agent, 'GET', '/api/v1/namespaces/bench/configmaps')).text) as { metadata: { resourceVersion: string } };
    const rv = list.metadata.resourceVersion;
    const pool = new WatcherPool(c, `/api/v1/namespaces/bench/configmaps?watch=true&resourceVersion=${rv}`, WATCHERS);
    const ready = await pool.next();
    if (ready.type !== 'ready') throw new Error(`watchers failed: ${ready.message}`);
    const cpu0 = process.cpuUsage();
    const thread0 = serverThreadCpuMs();
    const times0 = serverThreadTimes();
    const threads0 = threadsCpuMs();
    await pool.stats();
    const watchersCpu0 = pool.cpuMs;
    const { ms: writeMs, cpuMs: writerCpuMs } = await writeInWorker(c);
    const cpu = process.cpuUsage(cpu0);
    // let the watchers drain
    const deadline = Date.now() + 30_000;
    let watchers = await pool.stats();
    while (watchers.some((w) => w.received < WRITES) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      watchers = await pool.stats();
    }
    // the server thread's CPU until every watcher has every event: writes plus their fan-out
    const threadMs = serverThreadCpuMs() - thread0;
    const times1 = serverThreadTimes();
    const threads1 = threadsCpuMs();
    if (process.env.BENCH_DEBUG) {
      process.stderr.write(
        `write phase: ${Math.round(writeMs)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms cpu (all threads), ` +
          `server thread ${threadMs} ms cpu incl. drain = ${Math.round((threadMs * 1000) / WRITES)} us/write ` +
          `(user ${times1.user - times0.user} ms, system ${times1.system - times0.system} ms)\n` +
          `  cpu ms by thread: ${threadsDelta(threads0, threads1)}; writer worker ${writerCpuMs}, watchers worker ${pool.cpuMs - watchersCpu0}\n`,
      );
    }
    const lost = watchers.reduce((s, w) => s + Math.max(0, WRITES - w.received), 0);
    const outOfOrder = watchers.reduce((s, w) => s + w.outOfOrder, 0);
    await pool.close();

    const ref = { group: '', version: 'v1', resource: 'pods' };
    const nsRef = { group: '', version: 'v1', resource: 'namespaces' };
    for (let n = 0; n < 10; n++) c.client.create(nsRef, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: `scale-${n}` } });
    for (let i = 0; i < PODS; i++) c.client.create(ref, podObject(i) as never);
    agent.destroy();
    globalThis.gc?.();
    const listThread0 = serverThreadCpuMs();
    const listThreads0 = threadsCpuMs();
    const rssBeforeList = process.memoryUsage().rss / (1024 * 1024);
    const listed = await listInWorker(c);
    const listMs = listed.ms;
    if (process.env.BENCH_DEBUG) {
      process.stderr.write(
        `list phase: ${Math.round(listMs)} ms wall, server thread ${serverThreadCpuMs() - listThread0} ms cpu, client thread ${listed.cpuMs} ms cpu, ` +
          `${Math.round(listed.bytes / 1e6)} MB (${Math.round(listed.wireBytes / 1e6)} MB on the wire), RSS before ${Math.round(rssBeforeList)} MB\n` +
          `  cpu ms by thread: ${threadsDelta(listThreads0, threadsCpuMs())}\n`,
      );
    }
    if (listed.items !== PODS) throw new Error(`listed ${listed.items} pods, expected ${PODS}`);
    const rss = process.memoryUsage().rss / (1024 * 1024);
    agent.destroy();
    await stop();
    const scale = SCALE_PODS > 0 ? await measureScale(SCALE_PODS) : {};
    process.stdout.write(
      `${JSON.stringify({
        writesPerSec: Math.round((WRITES / writeMs) * 1000),
        watchers: WATCHERS,
        lost,
        outOfOrder,
        list50kMs: Math.round(listMs),
        rssMbAt50k: Math.round(rss),
        ...scale,
      })}\n`,
    );
  } finally {
    agent.destroy();
    await stop();
  }
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    process.stderr.write(`bench failed: ${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
