/**
 * `npm run bench:overview`: many clusters on one overview, printed as ONE JSON line
 * {"clusters","firstPaintMs","allLiveMs","bffRssMb","liveWithOneDownMs","unreachableShownMs","unreachable"}.
 * Starts BENCH_CLUSTERS (default 20) sandbox clusters with demo content in a process of their own
 * (bench/overview-sandboxes.ts), the built console against their kubeconfig, and drives Chromium:
 *  - firstPaintMs / allLiveMs: navigation to `/` (cold: a fresh browser, and no page has asked the console for a
 *    summary before; the console starts each cluster's summary itself as it connects) → the first card / every
 *    card shows its figures (stamped in the page by a MutationObserver), whether they came in the server-rendered
 *    HTML, a socket frame or a REST answer
 *  - bffRssMb: the console process's RSS with every card live
 * Then one cluster is stopped (its port refuses connections) and the overview is loaded again:
 *  - liveWithOneDownMs: navigation → every OTHER card shows its figures (the dead one must not hold them up)
 *  - unreachableShownMs: stop → the open overview's card of the stopped cluster says it is unreachable
 * Budgets: firstPaintMs ≤ 1000, allLiveMs ≤ 5000. BENCH_DEBUG=1 traces the page's requests and first summary frames;
 * BENCH_OVERVIEW_PROFILE=<dir> writes the console's CPU profile there.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { chromium, type Page } from 'playwright';
import { freePort, waitFor } from './harness';

const CLUSTERS = Number(process.env.BENCH_CLUSTERS ?? 20);
const root = path.resolve(import.meta.dirname, '..');
const DOWN = `sandbox-${Math.min(CLUSTERS, 7)}`;
const debug = (m: string) => process.env.BENCH_DEBUG && process.stderr.write(`${new Date().toISOString()} ${m}\n`);



/** The sandbox host: resolves once its clusters are up; `send` writes a command line, `lines` yields its replies. */
function startSandboxes(kubeconfig: string): { child: ChildProcess; ready: Promise<void>; expect: (line: string) => Promise<void>; send: (l: string) => void } {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'bench', 'overview-sandboxes.ts'), String(CLUSTERS), kubeconfig], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
    env: { ...process.env, LOG_LEVEL: 'warn' },
  });
  const waiters = new Map<string, () => void>();
  readline.createInterface({ input: child.stdout! }).on('line', (l) => {
    waiters.get(l.trim())?.();
    waiters.delete(l.trim());
  });
  const failures = new Set<(e: Error) => void>();
  child.on('exit', (code) => {
    for (const f of failures) f(new Error(`the sandbox clusters' process exited (${code})`));
  });
  const expect = (line: string) =>
    new Promise<void>((resolve, reject) => {
      failures.add(reject);
      waiters.set(line, resolve);
    });
  return { child, ready: expect('ready'), expect, send: (l) => child.stdin!.write(`${l}\n`) };
}

function startConsole(port: number, dataDir: string, kubeconfig: string): ChildProcess {
  // BENCH_OVERVIEW_PROFILE=<dir>: the console's V8 CPU profile, written there when it exits
  const prof = process.env.BENCH_OVERVIEW_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_OVERVIEW_PROFILE}`] : [];
  const child = spawn(process.execPath, [...prof, '--import', 'tsx', path.join(root, 'server', 'main.ts'), '--no-sandbox'], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      // the bench drives the console without logging in (loopback only)
      WHEELHOUSE_AUTH: 'none',
      WHEELHOUSE_DATA_DIR: dataDir,
      KUBECONFIG: kubeconfig,
    },
  });
  let err = '';
  child.stderr!.on('data', (d) => (err = (err + String(d)).slice(-4000)));
  child.on('exit', (code) => {
    if (code) process.stderr.write(`console exited with ${code}\n${err}\n`);
  });
  return child;
}

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : -1;
}

/**
 * Stamps (Date.now()) when the first card and when `want` cards show figures (a card's <dl>), skipping the
 * cluster named `skip`. Passed as a string: tsx's keepNames would inject a `__name` helper the page lacks.
 */
function stampScript(want: number, skip: string): string {
  return `(() => {
    const check = () => {
      let live = 0;
      for (const a of document.querySelectorAll('article[aria-label^="Cluster "]')) {
        if (a.getAttribute('aria-label') !== ${JSON.stringify(`Cluster ${skip}`)} && a.querySelector('dl')) live++;
      }
      if (document.querySelector('article')) window.__shellAt ??= Date.now();
      if (live > 0) window.__firstAt ??= Date.now();
      if (live >= ${want}) { window.__allAt = Date.now(); obs.disconnect(); }
    };
    const obs = new MutationObserver(check);
    obs.observe(document, { childList: true, subtree: true });
  })()`;
}

/** BENCH_DEBUG: when each of the page's requests ended and when each cluster's first summary frame arrived */
function traceRequests(page: Page, t0: () => number): void {
  page.on('requestfinished', (r) => debug(`+${Date.now() - t0()} ms ${r.method()} ${new URL(r.url()).pathname}`));
  page.on('websocket', (ws) => {
    debug(`+${Date.now() - t0()} ms socket opened`);
    const seen = new Set<string>();
    ws.on('framereceived', (f) => {
      const m = /^42\["summary",\{"cluster":"([^"]+)"/.exec(String(f.payload));
      if (m && !seen.has(m[1])) {
        seen.add(m[1]);
        debug(`+${Date.now() - t0()} ms first summary frame ${m[1]}`);
      }
    });
  });
}

async function load(page: Page, url: string): Promise<{ firstMs: number; allMs: number }> {
  const t0 = Date.now();
  if (process.env.BENCH_DEBUG) traceRequests(page, () => t0);
  await page.goto(url, { waitUntil: 'commit' });
  // polled with evaluate: waitForFunction evaluates a string with eval, which the console's CSP forbids
  await waitFor('every card live', async () => ((await page.evaluate('window.__allAt !== undefined')) ? true : undefined), 120_000);
  const { first, all, shell } = (await page.evaluate('({ first: window.__firstAt, all: window.__allAt, shell: window.__shellAt })')) as { first: number; all: number; shell: number };
  debug(`load: card shells at ${shell - t0} ms`);
  return { firstMs: first - t0, allMs: all - t0 };
}

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wheelhouse-bench-overview-'));
  const kubeconfig = path.join(dataDir, 'clusters.kubeconfig');
  const sandboxes = startSandboxes(kubeconfig);
  let console_: ChildProcess | undefined;
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    await sandboxes.ready;
    debug('sandboxes ready');
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    console_ = startConsole(port, dataDir, kubeconfig);
    await waitFor('readyz', async () => ((await fetch(`${base}/api/readyz`)).ok ? true : undefined), 600_000);
    await waitFor(
      `${CLUSTERS} connected clusters`,
      async () => {
        const r = (await (await fetch(`${base}/api/clusters`)).json()) as { clusters: { state: string }[] };
        return r.clusters.filter((c) => c.state === 'connected').length >= CLUSTERS ? true : undefined;
      },
      120_000,
    );
    debug('console ready, clusters connected');
    const page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await page.addInitScript(stampScript(CLUSTERS, ''));
    const cold = await load(page, `${base}/`);
    const bffRssMb = rssMb(console_.pid!);
    debug(`cold load ${JSON.stringify(cold)}`);

    // one cluster goes away: the open overview must say so, and a fresh load must not wait for it
    const stopped = Date.now();
    sandboxes.send(`stop ${DOWN}`);
    await sandboxes.expect(`stopped ${DOWN}`);
    debug(`stopped ${DOWN}`);
    await page
      .getByRole('article', { name: `Cluster ${DOWN}` })
      .getByText('unreachable', { exact: true })
      .waitFor({ timeout: 120_000 });
    const unreachableShownMs = Date.now() - stopped;
    debug('unreachable shown');
    const again = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await again.addInitScript(stampScript(CLUSTERS - 1, DOWN));
    const down = await load(again, `${base}/`);
    await again.getByRole('article', { name: `Cluster ${DOWN}` }).getByRole('alert').waitFor({ timeout: 60_000 });

    process.stdout.write(
      `${JSON.stringify({
        clusters: CLUSTERS,
        firstPaintMs: cold.firstMs,
        allLiveMs: cold.allMs,
        bffRssMb,
        liveWithOneDownMs: down.allMs,
        unreachableShownMs,
        unreachable: DOWN,
      })}\n`,
    );
  } finally {
    await browser.close().catch(() => undefined);
    for (const child of [console_, sandboxes.child]) {
      if (!child || child.exitCode !== null) continue;
      if (child === sandboxes.child) child.stdin!.end();
      else child.kill('SIGTERM');
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
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

process.on('exit', (code) => debug(`exit ${code}`));
main().catch((err) => {
  process.stderr.write(`${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
