/**
 * Test support for the auth suites (not a test file): the production Fastify instance (server/http.ts) with
 * registerAuth + a data plane on a sandbox cluster + socket.io with the Origin and session handshake checks, wired
 * as main.ts does, on a random loopback port; a users file with known users; an injectable clock; captured audit
 * lines. Also HTTP helpers that keep the session cookie and CSRF token, and a spawner for the real entry point.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { spawn, type ChildProcess } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { createDataPlane, type DataPlane } from '../data-plane';
import { createApi } from '../http';
import { createAuditLog, type AuditEntry } from '../audit';
import { socketOriginCheck } from '../origin';
import { quietLogger } from '../watch/testing';
import type { AuthConfig } from '../config';
import { registerAuth, socketAuth, type AuthContext, type AuthLimits } from './plugin';
import type { AuthConfigSlice } from './context';
import { upsertUser } from './users';
import { defaultTemplatePath } from '../store/pglite-template';
import { CSRF_HEADER, SESSION_COOKIE } from '../../lib/auth-types';

/** users of the harness's users file; tests spread their logins over them (login rate limit: 10/min per name) */
export const USERS = {
  alice: { password: 'alice-password-1', groups: ['wheelhouse:viewers'], admin: false },
  bob: { password: 'bob-password-1', groups: ['wheelhouse:editors'], admin: false },
  carol: { password: 'carol-password-1', groups: ['wheelhouse:viewers'], admin: false },
  root: { password: 'root-password-1', groups: ['system:masters'], admin: true },
};

export interface AuthHarness {
  url: string;
  dataDir: string;
  sandbox: SandboxCluster;
  dp: DataPlane;
  auth: AuthContext;
  audit: () => AuditEntry[];
  /** move the injected clock */
  advance(ms: number): void;
  close(): Promise<void>;
}

export interface HarnessOptions {
  mode?: AuthConfig['mode'];
  trustProxy?: boolean | string[];
  secureCookies?: AuthConfig['secureCookies'];
  limits?: AuthLimits;
  idleMs?: number;
  maxMs?: number;
  /** every part's logger (default: silent); the credential scan captures its lines */
  logger?: import('pino').Logger;
}

export async function startAuthHarness(o: HarnessOptions = {}): Promise<AuthHarness> {
  const sandbox = await startSandboxCluster({ name: 'auth-test', scenario: 'empty', noRuntime: true });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-auth-'));
  const kubeconfig = path.join(dataDir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
  const usersFile = path.join(dataDir, 'users.json');
  for (const [username, u] of Object.entries(USERS)) await upsertUser(usersFile, { username, ...u });

  let offset = 0;
  const now = () => Date.now() + offset;
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const audit = createAuditLog({ destination: sink });
  const config: AuthConfigSlice = {
    dataDir,
    allowedOrigins: [],
    auth: { mode: o.mode ?? 'local', usersFile, idleMs: o.idleMs ?? 30 * 60_000, maxMs: o.maxMs ?? 12 * 3_600_000, secureCookies: o.secureCookies ?? 'auto' },
  };
  const logger = o.logger ?? quietLogger;
  const dp = await createDataPlane({ kubeconfigFiles: [kubeconfig], inCluster: false, logger, env: {} as NodeJS.ProcessEnv, audit, lingerMs: 500 });
  await dp.ready;
  const server = http.createServer();
  const app = createApi({
    logger,
    state: { ready: true, draining: false },
    trustProxy: o.trustProxy,
    serverFactory: (handler) => {
      server.on('request', handler);
      return server;
    },
  });
  const auth = await registerAuth(app, { config, registry: dp.registry, audit, logger, limits: o.limits, now });
  await dp.registerRoutes(app);
  await app.ready();
  const io = new Server(server, { path: '/socket.io', transports: ['websocket'], allowRequest: socketOriginCheck([]) });
  const detach = socketAuth(io, { auth });
  dp.attachSocket(io);
  const url = await listenConnected(server, dp);
  return {
    url,
    dataDir,
    sandbox,
    dp,
    auth,
    audit: () => lines.map((l) => JSON.parse(l) as AuditEntry),
    advance: (ms) => void (offset += ms),
    async close() {
      detach();
      io.close();
      await dp.stop();
      await app.close();
      await sandbox.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client of one console: keeps the session cookie, sends Origin, and the CSRF token once known. */
export class Browser {
  cookie = '';
  csrf = '';
  constructor(
    readonly url: string,
    readonly origin: string | null = url,
  ) {}

  async fetch(p: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Response> {
    const headers: Record<string, string> = { ...(this.origin !== null ? { origin: this.origin } : {}), ...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}) };
    if (this.csrf) headers[CSRF_HEADER] = this.csrf;
    if (init.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.url}${p}`, { method: init.method ?? 'GET', headers: { ...headers, ...init.headers }, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
    const set = sessionSetCookie(res);
    if (set !== undefined) this.cookie = /^wh_session=([^;]*)/.exec(set)?.[1] ?? '';
    return res;
  }

  async login(username: string, password: string): Promise<Response> {
    const res = await this.fetch('/api/auth/login', { method: 'POST', body: { username, password } });
    if (res.ok) this.csrf = ((await res.clone().json()) as { csrfToken: string }).csrfToken;
    return res;
  }

  /** socket.io handshake with this browser's cookie: 'connected' or the connect_error message */
  handshake(): Promise<string> {
    const socket = ioClient(this.url, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      extraHeaders: { ...(this.origin !== null ? { origin: this.origin } : {}), ...(this.cookie ? { cookie: `${SESSION_COOKIE}=${this.cookie}` } : {}) },
    });
    return new Promise((resolve) => {
      socket.once('connect', () => {
        socket.close();
        resolve('connected');
      });
      socket.once('connect_error', (e) => {
        socket.close();
        resolve(e.message);
      });
    });
  }
}

/** The Set-Cookie header for wh_session, if the answer has one. */
export function sessionSetCookie(res: Response): string | undefined {
  return res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
}

/** The real entry point (server/main.ts) in a child process; resolves its URL once it listens. */
export function spawnConsole(env: Record<string, string>, args: string[] = ['--no-sandbox']) {
  const root = path.resolve(import.meta.dirname, '..', '..');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'server/main.ts'), ...args], {
    cwd: root,
    // a fresh data dir's embedded store starts from a cached empty cluster instead of running initdb each time
    env: { ...process.env, NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', WHEELHOUSE_PGLITE_TEMPLATE: defaultTemplatePath(), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = new Promise<string>((resolve, reject) => {
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        lines.push(buf.slice(0, i));
        buf = buf.slice(i + 1);
        const m = /"url":"(http:\/\/[^"]+)".*"msg":"listening"/.exec(lines[lines.length - 1]);
        if (m) resolve(m[1]);
      }
    });
    void exited.then((code) => reject(new Error(`console exited ${code}: ${stderr}`)));
  });
  url.catch(() => undefined);
  return { child, url, lines, exited, stderr: () => stderr, stop: () => child.kill('SIGKILL') };
}

/** Straight to a harness sandbox's API server with its admin token (over its own CA), bypassing the console. */
export function sandboxPost(h: AuthHarness, p: string, body: unknown): Promise<{ status: number; body: unknown }> {
  const u = new URL(h.sandbox.server);
  return new Promise((resolve, reject) => {
    const req = https.request(
      { hostname: u.hostname, port: u.port, path: p, method: 'POST', ca: h.sandbox.caPem, headers: { authorization: `Bearer ${h.sandbox.token}`, 'content-type': 'application/json' } },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/** A ServiceAccount in `default` and a TokenRequest token for it (the sandbox signs it like a real cluster). */
export async function serviceAccountToken(h: AuthHarness, name: string): Promise<string> {
  const created = await sandboxPost(h, '/api/v1/namespaces/default/serviceaccounts', { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name } });
  if (created.status !== 201) throw new Error(`ServiceAccount ${name}: ${created.status}`);
  const tr = await sandboxPost(h, `/api/v1/namespaces/default/serviceaccounts/${name}/token`, { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} });
  if (tr.status !== 201) throw new Error(`TokenRequest for ${name}: ${tr.status}`);
  return (tr.body as { status: { token: string } }).status.token;
}

/** Listens on a free loopback port once the data plane's (first) sandbox cluster is connected; the base URL. */
export async function listenConnected(server: http.Server, dp: Pick<DataPlane, 'registry'>): Promise<string> {
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const deadline = Date.now() + 10_000;
  while (dp.registry.list()[0]?.state !== 'connected') {
    if (Date.now() > deadline) throw new Error('sandbox never connected');
    await new Promise((r) => setTimeout(r, 50));
  }
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
