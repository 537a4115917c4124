/**
 * npm run bench:exec [-- --sessions 50 --seconds 10 --mb 50]
 * Runs a sandbox cluster in its own process and the console (production build, --no-sandbox, WHEELHOUSE_AUTH=none)
 * on free loopback ports, creates one busybox pod, then:
 *   1. opens `sessions` terminals (each its own /api/exec WebSocket, like browser tabs; shell mode) and has each
 *      type one key at a time for `seconds`, timing key → echo round trips;
 *   2. pipes `mb` MB through one terminal (`yes | head -c N`) with a client that acknowledges as it reads, like the
 *      browser's renderer does.
 * Prints ONE JSON line: sessions, echoP50Ms, echoP99Ms, bffRssMb (peak RSS of the console process during the run),
 * throughputMBps (of step 2), and bffRssStartMb / bigOutputRssGrowthMb: the console's RSS when step 1 starts, and
 * how much step 2 grew the peak over the RSS just before it.
 * The console opens its embedded state store from the tests' PGlite template (WHEELHOUSE_PGLITE_TEMPLATE, made
 * here first): a fresh data dir would otherwise run PGlite's initdb inside WebAssembly, whose ~600 MB of WASM
 * memory stays in the process's RSS for good and has nothing to do with terminals (a console that started before
 * opens its existing database the same cheap way). The browser side's memory is bounded by the same acknowledgements (at most the
 * BFF's 1 MiB high-water mark unrendered); this benchmark's clients are Node WebSockets speaking that protocol.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import WebSocket from 'ws';
import { terminalPath } from '../lib/exec/protocol';
import { createPglite, defaultTemplatePath } from '../server/store/pglite-template';
import { freePort, numberArg, rssMb, serverPid, stopChild, until } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const sessions = numberArg('sessions', 50);
const seconds = numberArg('seconds', 10);
const mb = numberArg('mb', 50);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : 0;
};

/** One terminal client: acknowledges output as it reads it (what the browser does after rendering). */
class Client {
  ws: WebSocket;
  received = 0;
  private acked = 0;
  text = '';
  onData?: () => void;
  exited: Promise<void>;
  constructor(base: string, target: Parameters<typeof terminalPath>[0]) {
    this.ws = new WebSocket(base.replace(/^http/, 'ws') + terminalPath(target), { perMessageDeflate: false });
    this.exited = new Promise((r) => this.ws.once('close', () => r()));
    this.ws.on('message', (d: Buffer, bin) => {
      if (!bin) return;
      this.received += d.length - 1;
      if (this.text.length < 4096) this.text += d.subarray(1).toString('latin1');
      else this.text = d.subarray(1).toString('latin1');
      if (this.received - this.acked >= 32 * 1024) {
        this.acked = this.received;
        this.ws.send(JSON.stringify({ t: 'ack', n: this.received }));
      }
      this.onData?.();
    });
  }
  opened = () => new Promise<void>((r, j) => (this.ws.once('message', () => r()), this.ws.once('close', () => j(new Error('terminal closed')))));
  type(s: string) {
    this.ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(s)]));
  }
  /** resolves when output containing `marker` arrives */
  waitFor(marker: string) {
    return new Promise<void>((r) => {
      const check = () => {
        if (this.text.includes(marker)) {
          this.text = '';
          this.onData = undefined;
          r();
        }
      };
      this.onData = check;
      check();
    });
  }
}

const [port, sandboxPort] = [await freePort(), await freePort()];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-bench-exec-'));
const kubeconfig = path.join(dataDir, 'sandbox.kubeconfig');
const children: ChildProcess[] = [];
const pgliteTemplate = defaultTemplatePath();
if (!fs.existsSync(pgliteTemplate)) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-bench-exec-template-'));
  await (await createPglite(path.join(scratch, 'db'), pgliteTemplate, {})).close();
  fs.rmSync(scratch, { recursive: true, force: true });
}
try {
  children.push(
    spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'sandbox', 'cli.ts'), '--port', String(sandboxPort), '--kubeconfig', kubeconfig, '--name', 'sandbox-east', '--scenario', 'empty', '--speed', '5'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    }),
  );
  await until(() => fs.existsSync(kubeconfig), 60_000, 'the sandbox cluster');
  const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--no-sandbox'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WHEELHOUSE_DATA_DIR: dataDir, WHEELHOUSE_AUTH: 'none', KUBECONFIG: kubeconfig, WHEELHOUSE_EXEC_MAX_PER_USER: String(sessions + 10), WHEELHOUSE_AUDIT_LOG: path.join(dataDir, 'audit.log'), WHEELHOUSE_PGLITE_TEMPLATE: pgliteTemplate },
  });
  children.unshift(server);
  const base = `http://127.0.0.1:${port}`;
  await until(async () => (await fetch(`${base}/api/readyz`)).ok, 240_000, 'the console');
  const bffPid = serverPid(server.pid!);
  const kubectl = (...a: string[]) => execFileSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', 'sandbox-east', ...a], { encoding: 'utf8', timeout: 30_000 });
  kubectl('run', 'bench', '-n', 'default', '--image=busybox:1.36', '--restart=Never', '--', 'sleep', '3600');
  await until(() => kubectl('get', 'pod', 'bench', '-n', 'default', '-o', 'jsonpath={.status.phase}') === 'Running', 120_000, 'the pod');
  const { clusters } = (await (await fetch(`${base}/api/clusters`)).json()) as { clusters: { id: string }[] };
  const cluster = clusters[0]!.id;
  const target = { cluster, namespace: 'default', pod: 'bench', container: 'bench' };

  const rssStart = rssMb(bffPid);
  let rssPeak = rssStart;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, rssMb(bffPid))), 250);

  // 1. typing in many terminals at once
  const clients = Array.from({ length: sessions }, () => new Client(base, target));
  await Promise.all(clients.map((c) => c.opened()));
  await Promise.all(clients.map((c) => c.waitFor('#')));
  const latencies: number[] = [];
  const end = Date.now() + seconds * 1000;
  await Promise.all(
    clients.map(async (c, i) => {
      const keys = 'abcdefghijklmnopqrstuvwxyz';
      for (let k = 0; Date.now() < end; k++) {
        const key = keys[(i + k) % keys.length]!;
        const t0 = performance.now();
        const echoed = c.waitFor(key);
        c.type(key);
        await echoed;
        latencies.push(performance.now() - t0);
        if (k % 40 === 39) c.type('\x15'); // Ctrl-U: keep the edited line short
        await new Promise((r) => setTimeout(r, 50));
      }
    }),
  );
  for (const c of clients) c.ws.close();
  await Promise.all(clients.map((c) => c.exited));

  // 2. a large output through one terminal
  const rssBeforeBig = rssMb(bffPid);
  let bigPeak = rssBeforeBig;
  const bigSampler = setInterval(() => (bigPeak = Math.max(bigPeak, rssMb(bffPid))), 100);
  const bytes = mb * 1024 * 1024;
  const big = new Client(base, { ...target, command: ['sh', '-c', `yes | head -c ${bytes}`] });
  await big.opened();
  const t0 = performance.now();
  await big.exited;
  const throughputMBps = big.received / 1024 / 1024 / ((performance.now() - t0) / 1000);
  clearInterval(sampler);
  clearInterval(bigSampler);
  bigPeak = Math.max(bigPeak, rssMb(bffPid));
  rssPeak = Math.max(rssPeak, bigPeak);
  console.log(
    JSON.stringify({
      sessions,
      echoP50Ms: Math.round(pct(latencies, 50) * 10) / 10,
      echoP99Ms: Math.round(pct(latencies, 99) * 10) / 10,
      bffRssMb: Math.round(rssPeak),
      throughputMBps: Math.round(throughputMBps * 10) / 10,
      bffRssStartMb: Math.round(rssStart),
      bigOutputRssGrowthMb: Math.round(bigPeak - rssBeforeBig),
      receivedMb: Math.round((big.received / 1024 / 1024) * 10) / 10,
      keystrokes: latencies.length,
      loadAvg: Math.round(os.loadavg()[0]! * 10) / 10,
    }),
  );
} finally {
  for (const c of children) await stopChild(c);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
