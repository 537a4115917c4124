/**
 * `npm run bench:ui [-- --pods <n>]`: the resource browser at scale, printed as ONE JSON line
 * {"pods","firstRowsMs","allLiveMs","sortMs","filterMs","domRows","jsHeapMb","bytesPerPod","overviewJsKbGz"}.
 * Starts the built console (`node scripts/start.mjs`, which builds first if needed) with the sandbox `scale`
 * scenario (`--pods`, else WHEELHOUSE_SANDBOX_PODS, default 10,000 pods), then drives Chromium:
 *  - firstRowsMs: navigation to the all-namespaces pods page → first table row in the DOM (stamped in the page)
 *  - allLiveMs: navigation → the table counts every pod (the snapshot's last page applied: the whole list live)
 *  - bytesPerPod: socket payload bytes of the list's snapshot frames (as received, after any compression is
 *    undone) per pod — lists travel as rows, not objects
 *  - sortMs / filterMs: click on the Name header / typing into Filter → the table shows the new order / rows
 *    (measured in the page from the input event to the next frame after the DOM changed)
 *  - domRows: rows in the DOM with every pod loaded (virtualization keeps it small)
 *  - jsHeapMb: JS heap after GC with every pod loaded
 *  - overviewJsKbGz: gzipped size of the JavaScript `/` loads initially
 * Budgets: at 50,000 pods firstRowsMs ≤ 1000, allLiveMs ≤ 3000, sortMs/filterMs ≤ 150, jsHeapMb ≤ 250,
 * domRows < 200; overviewJsKbGz < 300.
 * BENCH_UI_PROFILE=<dir> also writes Chrome CPU profiles (load.cpuprofile: navigation → all pods in the table;
 * sort.cpuprofile, filter.cpuprofile) for DevTools' Performance panel; profiling slows the timed figures.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type CDPSession, type Page } from 'playwright';
import { freePort, waitFor } from './harness';

function podsOption(): number {
  const i = process.argv.indexOf('--pods');
  const raw = i >= 0 ? process.argv[i + 1] : process.env.WHEELHOUSE_SANDBOX_PODS ?? '10000';
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) {
    process.stderr.write(`--pods must be a positive whole number (got ${JSON.stringify(raw)})\n`);
    process.exit(2);
  }
  return n;
}
const PODS = podsOption();
const CLUSTER = 'sandbox-east';
const root = path.resolve(import.meta.dirname, '..');



function startConsole(port: number, dataDir: string): ChildProcess {
  const child = spawn(process.execPath, [path.join(root, 'scripts', 'start.mjs'), '--sandbox'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // the bench drives the console without logging in (loopback only)
      WHEELHOUSE_AUTH: 'none',
      WHEELHOUSE_DATA_DIR: dataDir,
      WHEELHOUSE_SANDBOX_SCENARIO: 'scale',
      WHEELHOUSE_SANDBOX_PODS: String(PODS),
      // the console's own CPU profile beside the page's (written when it exits)
      ...(process.env.BENCH_UI_PROFILE ? { WHEELHOUSE_CPU_PROF_DIR: path.resolve(process.env.BENCH_UI_PROFILE, 'server') } : {}),
    },
  });
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + String(d)).slice(-4000)));
  child.on('exit', (code) => {
    if (code) process.stderr.write(`console exited with ${code}\n${err}\n`);
  });
  return child;
}

/**
 * Time from running `act` in the page to the first frame after `done` holds, measured in the page. Passed as a
 * string: tsx's keepNames would otherwise inject a `__name` helper that does not exist in the page.
 */
async function timeInPage(page: Page, act: string, done: string): Promise<number> {
  const script = `new Promise((resolve, reject) => {
    const check = () => (${done});
    const t0 = performance.now();
    (() => { ${act} })();
    const deadline = t0 + 10000;
    const poll = () => {
      if (check()) requestAnimationFrame(() => resolve(performance.now() - t0));
      else if (performance.now() > deadline) reject(new Error('never true: ' + ${JSON.stringify(done)}));
      else requestAnimationFrame(poll);
    };
    queueMicrotask(poll);
  })`;
  return (await page.evaluate(script)) as number;
}

const PROFILE_DIR = process.env.BENCH_UI_PROFILE;
/** BENCH_UI_TRACE=1: the trace line without profiling (the profiler slows the page ~1.5-2x) */
const TRACE = Boolean(PROFILE_DIR || process.env.BENCH_UI_TRACE);

/** Starts a CPU profile when BENCH_UI_PROFILE is set; the returned function writes it as <name>.cpuprofile. */
async function profile(page: Page, name: string): Promise<() => Promise<void>> {
  if (!PROFILE_DIR) return async () => undefined;
  const cdp: CDPSession = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  return async () => {
    const { profile: p } = await cdp.send('Profiler.stop');
    fs.mkdirSync(PROFILE_DIR, { recursive: true });
    fs.writeFileSync(path.join(PROFILE_DIR, `${name}.cpuprofile`), JSON.stringify(p));
    await cdp.detach();
  };
}

async function main() {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wheelhouse-bench-ui-'));
  const base = `http://127.0.0.1:${port}`;
  const child = startConsole(port, dataDir);
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await waitFor('readyz', async () => ((await fetch(`${base}/api/readyz`)).ok ? true : undefined), 600_000, 500);
    // every scale pod stored and Running before measuring
    await waitFor(
      `${PODS} running pods`,
      async () => {
        const r = await fetch(`${base}/api/clusters/${CLUSTER}/summary`);
        if (!r.ok) return undefined;
        const s = (await r.json()) as { pods?: { Running?: number } };
        return (s.pods?.Running ?? 0) >= PODS ? true : undefined;
      },
      600_000,
      500,
    );

    // ---- initial JavaScript of the overview, gzipped
    const overview = await browser.newPage();
    const scripts = new Map<string, Promise<Buffer>>();
    overview.on('response', (r) => {
      if (r.request().resourceType() === 'script' && r.ok()) scripts.set(r.url(), r.body());
    });
    await overview.goto(`${base}/`, { waitUntil: 'load' });
    let gz = 0;
    for (const body of scripts.values()) gz += zlib.gzipSync(await body, { level: 9 }).length;
    const overviewJsKbGz = Math.round(gz / 102.4) / 10;
    await overview.close();

    // ---- the pods page with every pod
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // The first row is noticed in the page (a MutationObserver, in the same task as React's commit) and stamped
    // with the wall clock: Playwright's own waitFor polls at up to 1 s intervals, which quantized firstRowsMs.
    if (TRACE) {
      // trace only: the socket's lifecycle as User Timing marks (creation, open, first message received)
      await page.addInitScript(`(() => {
        const W = window.WebSocket;
        window.WebSocket = class extends W {
          constructor(...a) {
            super(...a);
            performance.mark('ws:new');
            this.addEventListener('open', () => performance.mark('ws:open'), { once: true });
            this.addEventListener('message', () => performance.mark('ws:first-message'), { once: true });
          }
        };
      })()`);
    }
    await page.addInitScript(`(() => {
      const obs = new MutationObserver(() => {
        if (!window.__firstRowAt && document.querySelector('tbody tr[data-index]')) window.__firstRowAt = Date.now();
        const grid = document.querySelector('[role=grid][aria-rowcount]');
        if (grid && Number(grid.getAttribute('aria-rowcount')) - 1 >= ${PODS}) {
          window.__allLiveAt = Date.now();
          obs.disconnect();
        }
      });
      obs.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ['aria-rowcount'] });
    })()`);
    // the snapshot's bytes as the page receives them (socket.io text frames: 42["snapshot",...])
    const frames = await page.context().newCDPSession(page);
    await frames.send('Network.enable');
    let snapshotBytes = 0;
    frames.on('Network.webSocketFrameReceived', (e: { response: { payloadData: string } }) => {
      const d = e.response.payloadData;
      if (d.startsWith('42["snapshot"')) snapshotBytes += Buffer.byteLength(d);
    });
    await page.goto(`${base}/api/readyz`); // same site: the profiler's renderer process survives the navigation
    const stopLoad = await profile(page, 'load');
    const t0 = Date.now();
    await page.goto(`${base}/c/${CLUSTER}/r/core/v1/pods`, { waitUntil: 'commit' });
    await page.locator('tbody tr[data-index]').first().waitFor({ timeout: 300_000 });
    const firstRowsMs = ((await page.evaluate('window.__firstRowAt')) as number) - t0;
    if (TRACE) {
      // where the load time went, in ms since navigation start (marks from lib/realtime/watch-client.ts)
      const trace = await page.evaluate(`(() => {
        const nav = performance.getEntriesByType('navigation')[0];
        const out = { responseStart: nav.responseStart, responseEnd: nav.responseEnd, domContentLoaded: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, now: performance.now() };
        for (const m of performance.getEntriesByType('mark')) if (/^(wh|ws):/.test(m.name)) out[m.name] ??= m.startTime;
        out.firstRow = window.__firstRowAt - performance.timeOrigin;
        const res = performance.getEntriesByType('resource');
        const scripts = res.filter((r) => r.initiatorType === 'script').sort((a, b) => b.responseEnd - a.responseEnd);
        out.scriptsEnd = scripts.length ? scripts[0].responseEnd : 0;
        out.lastScripts = scripts.slice(0, 3).map((r) => Math.round(r.startTime) + '-' + Math.round(r.responseEnd) + ' ' + r.name.split('/').pop() + ' ' + r.transferSize);
        for (const k in out) if (typeof out[k] === 'number') out[k] = Math.round(out[k]);
        // requests the page started before its first row, other than scripts/styles (compete with the socket)
        out.requestsBeforeFirstRow = res
          .filter((r) => r.startTime < out.firstRow && !['script', 'link', 'css'].includes(r.initiatorType))
          .map((r) => Math.round(r.startTime) + '-' + Math.round(r.responseEnd) + ' ' + r.name.replace(location.origin, ''));
        return out;
      })()`);
      process.stderr.write(`trace ${JSON.stringify({ ...(trace as object), firstRowsMs })}\n`);
    }
    const grid = page.getByRole('grid', { name: 'Pods' });
    await waitFor('all pods in the table', async () => (Number(await grid.getAttribute('aria-rowcount')) - 1 >= PODS ? true : undefined), 300_000, 500);
    const pods = Number(await grid.getAttribute('aria-rowcount')) - 1;
    const allLiveMs = ((await page.evaluate('window.__allLiveAt')) as number) - t0;
    await frames.detach();
    const bytesPerPod = Math.round(snapshotBytes / pods);
    await stopLoad();
    await page.waitForTimeout(1000); // let the snapshot settle

    const firstName = `document.querySelector('tbody tr[data-index="0"] td:nth-child(2)')?.textContent`;
    const before = await page.evaluate(firstName);
    const stopSort = await profile(page, 'sort');
    const sortMs = await timeInPage(
      page,
      `[...document.querySelectorAll('thead th button')].find((b) => b.textContent.trim() === 'Name').click()`,
      `${firstName} !== ${JSON.stringify(before)}`,
    );

    await stopSort();

    const needle = 'zz-no-such-pod-';
    const stopFilter = await profile(page, 'filter');
    const filterMs = await timeInPage(
      page,
      `const el = document.querySelector('input[aria-label="Filter"]');
       Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set.call(el, ${JSON.stringify(needle)});
       el.dispatchEvent(new Event('input', { bubbles: true }));`,
      `document.querySelectorAll('tbody tr[data-index]').length === 0`,
    );
    await stopFilter();
    // clear the filter again: the DOM-size and heap figures are for the full list
    await page.getByRole('textbox', { name: 'Filter' }).fill('');
    await page.locator('tbody tr[data-index]').first().waitFor();
    await page.mouse.wheel(0, 40_000);
    await page.waitForTimeout(500);
    const domRows = await page.locator('tbody tr').count();

    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const heap = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
    const jsHeapMb = Math.round(heap.usedSize / 1024 / 102.4) / 10;

    const round = (n: number) => Math.round(n);
    process.stdout.write(
      JSON.stringify({ pods, firstRowsMs, allLiveMs, sortMs: round(sortMs), filterMs: round(filterMs), domRows, jsHeapMb, bytesPerPod, overviewJsKbGz, loadAvg: Math.round(os.loadavg()[0] * 10) / 10 }) + '\n',
    );
  } finally {
    await browser.close().catch(() => undefined);
    child.kill('SIGTERM');
    await new Promise((r) => {
      const t = setTimeout(() => {
        child.kill('SIGKILL');
        r(undefined);
      }, 15_000);
      child.once('exit', () => {
        clearTimeout(t);
        r(undefined);
      });
    });
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
