// The console process's own defences, end to end against the real entry point in a child process (no sandbox,
// no clusters): security headers on /api answers, and the socket.io handshake's Origin check (a cross-site
// WebSocket from another origin is refused; same origin, the allowlist and non-browser clients connect).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { io as ioClient } from 'socket.io-client';

const root = path.resolve(import.meta.dirname, '..');
let child: ChildProcess;
let url = '';
let dataDir = '';

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-sec-'));
  const kubeconfig = path.join(dataDir, 'empty.kubeconfig');
  fs.writeFileSync(kubeconfig, 'apiVersion: v1\nkind: Config\nclusters: []\nusers: []\ncontexts: []\n');
  child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts'), '--no-sandbox'], {
    cwd: root,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      KUBECONFIG: kubeconfig,
      WHEELHOUSE_DATA_DIR: dataDir,
      WHEELHOUSE_ALLOWED_ORIGINS: 'https://console.example.com',
      // the handshake and header checks, not login (server/auth has its own suites)
      WHEELHOUSE_AUTH: 'none',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  url = await new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      const m = /"url":"(http:\/\/[^"]+)"/.exec(buf);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`console exited ${code}`)));
  });
  // the Fastify API is installed before Next prepares (Next is not needed here and may have no build)
  const end = Date.now() + 30_000;
  while (!(await fetch(`${url}/api/clusters`).then((r) => r.status === 200, () => false))) {
    if (Date.now() > end) throw new Error('API never came up');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 40_000);

afterAll(() => {
  child?.kill('SIGKILL');
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

/** Resolves 'connected' or 'refused' for a websocket handshake with the given Origin (undefined = none). */
function handshake(origin: string | undefined): Promise<'connected' | 'refused'> {
  const socket = ioClient(url, {
    path: '/socket.io',
    transports: ['websocket'],
    reconnection: false,
    timeout: 5_000,
    ...(origin !== undefined ? { extraHeaders: { Origin: origin } } : {}),
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.close();
      resolve('connected');
    });
    socket.once('connect_error', () => {
      socket.close();
      resolve('refused');
    });
  });
}

describe('socket.io handshake Origin check', () => {
  it('refuses a browser handshake from another origin', async () => {
    expect(await handshake('http://evil.example')).toBe('refused');
    // same host, other port = other origin
    const u = new URL(url);
    expect(await handshake(`http://${u.hostname}:${Number(u.port) + 1}`)).toBe('refused');
    expect(await handshake('null')).toBe('refused');
  });

  it('accepts the console’s own origin, the allowlist, and clients that send no Origin', async () => {
    expect(await handshake(url)).toBe('connected');
    expect(await handshake('https://console.example.com')).toBe('connected');
    expect(await handshake(undefined)).toBe('connected');
  });
});

describe('security headers on /api', () => {
  it('sends the CSP, nosniff, frame and referrer policies on answers and errors alike', async () => {
    for (const p of ['/api/healthz', '/api/clusters', '/api/no-such-route', '/api/clusters/nope/discovery']) {
      const r = await fetch(`${url}${p}`);
      const csp = r.headers.get('content-security-policy') ?? '';
      expect(csp, p).toContain("default-src 'self'");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(csp).toContain("object-src 'none'");
      expect(csp).not.toContain('unsafe-eval'); // production
      expect(r.headers.get('x-content-type-options')).toBe('nosniff');
      expect(r.headers.get('x-frame-options')).toBe('DENY');
      expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
