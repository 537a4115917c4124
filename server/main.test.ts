// The console process as a whole: one port, health/readiness, graceful SIGTERM. Runs the real entry point in a
// child process against the production build (npm test builds before vitest runs).
import { describe, it, expect, afterEach } from 'vitest';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawnConsole } from './auth/testing';

const root = path.resolve(import.meta.dirname, '..');
const hasBuild = fs.existsSync(path.join(root, '.next', 'BUILD_ID'));

function startServer(extraEnv: Record<string, string> = {}, args: string[] = ['--no-sandbox']) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-main-'));
  const emptyKubeconfig = path.join(dataDir, 'empty.kubeconfig');
  fs.writeFileSync(emptyKubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n');
  const { child, url, lines } = spawnConsole({ KUBECONFIG: emptyKubeconfig, WHEELHOUSE_DATA_DIR: dataDir, ...extraEnv }, args);
  return { child, url, lines };
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

async function until<T>(fn: () => Promise<T | undefined>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

let current: ChildProcess | undefined;
afterEach(() => {
  current?.kill('SIGKILL');
  current = undefined;
});

describe.skipIf(!hasBuild)('console process', () => {
  it('answers healthz at once, readyz once loaded, and logs JSON lines', async () => {
    const s = startServer();
    current = s.child;
    const url = await s.url;
    expect((await get(`${url}/api/healthz`)).status).toBe(200);
    await until(async () => ((await get(`${url}/api/readyz`)).status === 200 ? true : undefined));
    const page = await get(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('<html');
    // the server's own log records are JSON lines (Next.js prints a few plain lines of its own while loading)
    const records = () => s.lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as { msg?: string; level?: number });
    await until(async () => (records().some((r) => r.msg === 'ready') ? true : undefined), 10_000);
    expect(records().every((r) => typeof r.level === 'number')).toBe(true);
  });

  it('exits cleanly on SIGTERM (within the test timeout) and refuses new connections', async () => {
    const s = startServer();
    current = s.child;
    const url = await s.url;
    await until(async () => ((await get(`${url}/api/readyz`)).status === 200 ? true : undefined));
    const exited = new Promise<number | null>((resolve) => s.child.once('exit', (code) => resolve(code)));
    s.child.kill('SIGTERM');
    const code = await exited;
    expect(code).toBe(0);
    await expect(get(`${url}/api/healthz`)).rejects.toThrow();
  });

  it('rejects unknown flags with a clear message', async () => {
    const s = startServer({}, ['--bogus']);
    s.url.catch(() => undefined);
    current = s.child;
    const code = await new Promise<number | null>((resolve) => s.child.once('exit', resolve));
    expect(code).toBe(2);
  });
});
