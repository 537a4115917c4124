/**
 * Helpers for the sandbox's integration tests: a cluster on a random loopback port, raw HTTPS
 * requests with its CA and token, a line-by-line watch reader and a kubectl runner with its own
 * kubeconfig and discovery cache.
 */
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { startSandboxCluster, type SandboxCluster, type SandboxClusterOptions } from '../cluster';

const agent = new https.Agent({ keepAlive: true, maxSockets: 16 });

export interface TestCluster extends SandboxCluster {
  dir: string;
  kubeconfigPath: string;
}

export async function startTestCluster(opts: Partial<SandboxClusterOptions> = {}): Promise<TestCluster> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sbx-test-'));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  const c = await startSandboxCluster({ name: 'test', noRuntime: true, kubeconfigPath, ...opts });
  return {
    ...c,
    dir,
    kubeconfigPath,
    async stop() {
      await c.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  json: any;
}

export function request(
  c: SandboxCluster,
  method: string,
  urlPath: string,
  opts: { body?: unknown; contentType?: string; accept?: string; token?: string | null; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  const u = new URL(c.server);
  const body = opts.body === undefined ? undefined : typeof opts.body === 'string' || Buffer.isBuffer(opts.body) ? opts.body : JSON.stringify(opts.body);
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.token !== null) headers.Authorization = `Bearer ${opts.token ?? c.token}`;
  if (body !== undefined) {
    if (opts.contentType !== '') headers['Content-Type'] = opts.contentType ?? 'application/json';
    headers['Content-Length'] = String(Buffer.byteLength(body));
  }
  if (opts.accept) headers.Accept = opts.accept;
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: u.hostname, port: u.port, path: urlPath, method, ca: c.caPem, headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
        });
      },
    );
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WatchLine = { type: string; object: any };

/** Opens a watch and collects its events; `waitFor` resolves once a predicate over them holds. */
export function openWatch(c: SandboxCluster, urlPath: string, accept?: string) {
  const events: WatchLine[] = [];
  let ended = false;
  let status = 0;
  const waiters: (() => void)[] = [];
  const notify = () => waiters.splice(0).forEach((w) => w());
  let onReady: () => void = () => {};
  const ready = new Promise<void>((r) => (onReady = r));
  const u = new URL(c.server);
  const req = https.request(
    {
      host: u.hostname,
      port: u.port,
      path: urlPath,
      method: 'GET',
      ca: c.caPem,
      headers: { Authorization: `Bearer ${c.token}`, ...(accept ? { Accept: accept } : {}) },
      agent: false,
    },
    (res) => {
      status = res.statusCode ?? 0;
      onReady();
      let buf = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => {
        buf += d;
        let i: number;
        while ((i = buf.indexOf('\n')) >= 0) {
          const line = buf.slice(0, i);
          buf = buf.slice(i + 1);
          if (line.trim()) events.push(JSON.parse(line) as WatchLine);
        }
        notify();
      });
      res.on('end', () => {
        ended = true;
        notify();
      });
      res.on('error', () => {
        ended = true;
        notify();
      });
    },
  );
  req.on('error', () => {
    ended = true;
    notify();
  });
  req.end();
  return {
    events,
    /** resolves once the response headers arrived (the server registered the watch) */
    ready,
    get ended() {
      return ended;
    },
    get status() {
      return status;
    },
    waitFor(pred: (ev: WatchLine[]) => boolean, timeoutMs = 10_000): Promise<WatchLine[]> {
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`watch wait timed out; got ${JSON.stringify(events.map((e) => e.type))}`)), timeoutMs);
        const check = () => {
          if (pred(events)) {
            clearTimeout(t);
            resolve(events);
          } else if (ended) {
            clearTimeout(t);
            if (pred(events)) resolve(events);
            else reject(new Error(`watch ended; got ${JSON.stringify(events.map((e) => e.type))}`));
          } else waiters.push(check);
        };
        check();
      });
    },
    close() {
      req.destroy();
    },
  };
}

export const KUBECTL = '/usr/bin/kubectl';
export const hasKubectl = fs.existsSync(KUBECTL);

export function kubectl(c: TestCluster, args: string[], input?: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      KUBECTL,
      ['--kubeconfig', c.kubeconfigPath, '--cache-dir', path.join(c.dir, 'cache'), ...args],
      { timeout: 30_000, env: { ...process.env, KUBECONFIG: c.kubeconfigPath, HOME: c.dir } },
      (err, stdout, stderr) => {
        const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
    if (input !== undefined) {
      child.stdin?.write(input);
      child.stdin?.end();
    }
  });
}

/** Polls until fn returns a truthy value (for eventual state), failing after timeoutMs. */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 30_000, stepMs = 25): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`eventually: timed out${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, stepMs));
  }
}

/**
 * A long-running kubectl (e.g. `get -w`): ONE stdout listener collects the output, and saw(re) resolves when
 * the output so far matches (re-checked after every chunk), or rejects after timeoutMs with what was seen.
 */
export function kubectlStream(c: TestCluster, args: string[], timeoutMs = 20_000): { saw(re: RegExp): Promise<void>; output(): string; kill(): void } {
  const child = spawn(KUBECTL, ['--kubeconfig', c.kubeconfigPath, '--cache-dir', path.join(c.dir, 'cache'), ...args], {
    env: { ...process.env, HOME: c.dir },
  });
  let out = '';
  const waiters = new Set<() => void>();
  child.stdout.on('data', (d: Buffer) => {
    out += d.toString();
    for (const w of [...waiters]) w();
  });
  const saw = (re: RegExp) =>
    new Promise<void>((resolve, reject) => {
      const t = setTimeout(() => {
        waiters.delete(check);
        reject(new Error(`timed out waiting for ${re}; got ${out}`));
      }, timeoutMs);
      const check = () => {
        if (!re.test(out)) return;
        clearTimeout(t);
        waiters.delete(check);
        resolve();
      };
      waiters.add(check);
      check();
    });
  return { saw, output: () => out, kill: () => child.kill() };
}
