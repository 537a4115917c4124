/**
 * npm run bench:logs [-- --seconds 60 --rate 2000 --cpu-throttle 1]
 * Runs a sandbox cluster in its OWN process (`npm run sandbox -- --scenario empty`, so its log machinery is not
 * counted as the BFF's), then the console (node scripts/start.mjs --no-sandbox, production build, KUBECONFIG =
 * the sandbox's kubeconfig, WHEELHOUSE_AUTH=none) on free loopback ports; creates a pod whose container
 * writes `rate` lines/s (annotation sandbox.wheelhouse.dev/log-rate), opens its Logs tab in Chromium and
 * measures for `seconds`:
 *   linesPerSec  lines that reached the viewer's buffer per second
 *   skipped      lines the BFF reported as skipped (flow control could not keep up)
 *   bffRssMb     peak growth of the console server process's RSS (server/main.ts only) over the measured
 *                window, sampled every second
 *   jsHeapMb     the page's used JS heap at the end
 *   frameP95Ms   95th percentile of requestAnimationFrame intervals during the window
 * --cpu-throttle N slows the page's CPU N times (DevTools emulation): a browser that cannot keep up, so the
 * BFF's flow control has to pause upstream and report skipped lines instead of growing.
 * Targets: frameP95Ms ≤ 50, jsHeapMb ≤ 300, bffRssMb ≤ 50. Prints ONE JSON line.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { freePort, numberArg, rssMb, serverPid, stopChild, until } from './harness';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const seconds = numberArg('seconds', 60);
const rate = numberArg('rate', 2000);
const cpuThrottle = numberArg('cpu-throttle', 1);

const [port, sandboxPort] = [await freePort(), await freePort()];
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-bench-logs-'));
const kubeconfig = path.join(dataDir, 'sandbox.kubeconfig');
const sandbox = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server', 'sandbox', 'cli.ts'), '--port', String(sandboxPort), '--kubeconfig', kubeconfig, '--name', 'sandbox-east', '--scenario', 'empty', '--speed', '5'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
  env: { ...process.env, LOG_LEVEL: 'warn' },
});
const children: ChildProcess[] = [sandbox];
const base = `http://127.0.0.1:${port}`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});
try {
  // the CLI writes the kubeconfig once the cluster listens and its runtime runs
  await until(() => fs.existsSync(kubeconfig), 60_000, 'the sandbox cluster');
  const server = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--no-sandbox'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', WHEELHOUSE_DATA_DIR: dataDir, WHEELHOUSE_AUTH: 'none', KUBECONFIG: kubeconfig },
  });
  children.unshift(server);
  await until(async () => (await fetch(`${base}/api/readyz`)).ok, 240_000, 'the console');
  const bffPid = serverPid(server.pid!);
  const kubectl = (input: string | undefined, ...a: string[]) =>
    execFileSync('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--context', 'sandbox-east', ...a], { encoding: 'utf8', input, timeout: 30_000 });
  kubectl(
    JSON.stringify({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'chatty', namespace: 'default', annotations: { 'sandbox.wheelhouse.dev/log-rate': String(rate) } },
      spec: { containers: [{ name: 'app', image: 'ghcr.io/wheelhouse-demo/chatty:1.0' }] },
    }),
    'apply',
    '-f',
    '-',
  );
  await until(() => kubectl(undefined, 'get', 'pod', 'chatty', '-n', 'default', '-o', 'jsonpath={.status.phase}') === 'Running', 60_000, 'the pod');

  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  if (cpuThrottle > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: cpuThrottle });
  await page.goto(`${base}/c/sandbox-east/r/core/v1/pods/default/chatty?tab=logs`);
  const status = page.getByRole('status', { name: 'Log stream' });
  const count = async () => {
    const t = (await status.textContent()) ?? '';
    return { lines: Number(t.match(/([\d,]+) lines/)?.[1]?.replace(/,/g, '') ?? 0), skipped: Number(t.match(/([\d,]+) lines skipped/)?.[1]?.replace(/,/g, '') ?? 0) };
  };
  await until(async () => (await count()).lines > 0, 60_000, 'log lines in the viewer');
  // warm-up (V8 heaps of the server and the page reach their working size), then measure
  await page.waitForTimeout(10_000);
  // a string, not a function: tsx (esbuild keepNames) would inject a __name helper the page does not have
  await page.evaluate(`(() => {
    window.__frames = [];
    let last = performance.now();
    const tick = (t) => { window.__frames.push(t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const rss0 = rssMb(bffPid);
  const c0 = await count();
  const t0 = Date.now();
  // peak, not end-minus-start: a collection just before the end must not hide what the window needed
  let rssPeak = rss0;
  while (Date.now() - t0 < seconds * 1000) {
    await page.waitForTimeout(Math.min(1000, seconds * 1000 - (Date.now() - t0)));
    rssPeak = Math.max(rssPeak, rssMb(bffPid));
  }
  const c1 = await count();
  const elapsed = (Date.now() - t0) / 1000;
  const frames = (await page.evaluate('window.__frames')) as number[];
  frames.sort((a, b) => a - b);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const metrics = (await cdp.send('Performance.getMetrics')).metrics;
  const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0;
  // the buffer is capped: lines beyond capacity are evicted, and its count stops growing; the status also
  // reports evictions, which we add back
  const dropped = Number(((await status.textContent()) ?? '').match(/\(([\d,]+) oldest dropped/)?.[1]?.replace(/,/g, '') ?? 0);
  const result = {
    linesPerSec: Math.round((c1.lines + dropped - c0.lines) / elapsed),
    skipped: c1.skipped,
    bffRssMb: Math.round((rssPeak - rss0) * 10) / 10,
    jsHeapMb: Math.round((heap / 1024 / 1024) * 10) / 10,
    frameP95Ms: Math.round((frames[Math.floor(frames.length * 0.95)] ?? 0) * 10) / 10,
  };
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  for (const c of children) await stopChild(c);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
