/**
 * `npm run bench:memory [-- --pods <n>]`: the BFF's memory per cached object, printed as ONE JSON line
 * {"objects","bffRssMb","bytesPerObject",...}. A sandbox cluster with the `scale` scenario (50,000 Running pods
 * by default) runs in this process; the BFF runs alone in a child (bench/memory-bff.ts, with --expose-gc). A
 * socket.io client opens what a person at the console would: the all-namespaces pod list (rows) and the
 * cluster's live summary; once the list is whole the child reports its RSS after a GC.
 *  - objects: objects in the BFF's informer caches (the pods, plus the summary's nodes, workloads, events)
 *  - bffRssMb: the BFF's resident set with everything cached
 *  - bytesPerObject: RSS growth since the BFF's start-up, per cached object
 * Target: ≤ 600 MB RSS at 50,000 pods.
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as ioClient } from 'socket.io-client';
import { startSandboxCluster } from '@wheelhouse/sandbox/testing';
import { WatchClient } from '../lib/realtime/watch-client';
import type { ClientSocket } from '../lib/realtime/watch-client';
import { nextMessage } from './harness';

const i = process.argv.indexOf('--pods');
const PODS = Number(i >= 0 ? process.argv[i + 1] : 50_000);
if (!Number.isInteger(PODS) || PODS < 1) {
  process.stderr.write('--pods must be a positive whole number\n');
  process.exit(2);
}
const here = import.meta.dirname;

const next = <T>(cp: ChildProcess, type: string, timeoutMs = 300_000) => nextMessage<T>(cp, type, timeoutMs);

const sandbox = await startSandboxCluster({ name: 'memory', scenario: 'scale', pods: PODS });
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-bench-memory-'));
const kubeconfig = path.join(dir, 'kubeconfig');
fs.writeFileSync(kubeconfig, sandbox.kubeconfig);
const bff = fork(path.join(here, 'memory-bff.ts'), ['--kubeconfig', kubeconfig], { execArgv: ['--import', 'tsx', '--expose-gc'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
try {
  const { port, baselineRssMb } = await next<{ port: number; baselineRssMb: number }>(bff, 'listening');
  const socket: ClientSocket = ioClient(`http://127.0.0.1:${port}`, { path: '/socket.io', transports: ['websocket'] });
  const wc = new WatchClient(socket);
  const params = { cluster: 'memory', group: '', version: 'v1', resource: 'pods', rows: true };
  const whole = new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('the pod list never became whole')), 600_000);
    wc.watch(params, (r) => {
      if (r.state === 'live' && r.items.length >= PODS) {
        clearTimeout(t);
        resolve();
      } else if (r.state === 'error') reject(new Error(r.error?.message ?? 'watch failed'));
    });
  });
  wc.watchSummary('memory', () => undefined);
  await whole;
  bff.send({ type: 'stats' });
  const s = await next<{ objects: number; pods: number; rssMb: number; heapMb: number; rssGrowth: number; heapGrowth: number }>(bff, 'stats');
  socket.close();
  process.stdout.write(
    JSON.stringify({
      objects: s.objects,
      bffRssMb: s.rssMb,
      bytesPerObject: Math.round(s.rssGrowth / s.objects),
      heapBytesPerObject: Math.round(s.heapGrowth / s.objects),
      bffHeapMb: s.heapMb,
      baselineRssMb,
      pods: s.pods,
      loadAvg: Math.round(os.loadavg()[0] * 10) / 10,
    }) + '\n',
  );
} finally {
  bff.send({ type: 'stop' });
  await new Promise((r) => bff.once('exit', r));
  await sandbox.stop();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
