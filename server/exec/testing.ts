/**
 * Test support for the exec plane (not a test file): a sandbox cluster WITH its simulated kubelets, the production
 * Fastify instance with the auth gate and the data plane, and the exec plane wired to the HTTP server's `upgrade`
 * events as main.ts does — with a ManualScheduler for the keep-alive pings and an optional small high-water mark.
 * `terminal()` opens a browser-like terminal WebSocket (cookie, Origin) and records what it receives.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import WebSocket from 'ws';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { createDataPlane, type DataPlane } from '../data-plane';
import { createApi } from '../http';
import { createAuditLog, type AuditEntry } from '../audit';
import { eventually, quietLogger } from '../watch/testing';
import { registerAuth } from '../auth/plugin';
import { upsertUser } from '../auth/users';
import { USERS, listenConnected } from '../auth/testing';
import { SESSION_COOKIE } from '../../lib/auth-types';
import { serverFrame, terminalPath, type ServerFrame, type TerminalTargetInput } from '../../lib/exec/protocol';
import { createExecPlane, type ExecPlane } from './index';
import { ManualScheduler } from './heartbeat';

export interface ExecHarness {
  url: string;
  sandbox: SandboxCluster;
  dp: DataPlane;
  exec: ExecPlane;
  scheduler: ManualScheduler;
  audit: () => AuditEntry[];
  /** the cluster id the registry gave the sandbox */
  cluster: string;
  close(): Promise<void>;
}

export async function startExecHarness(o: { highWaterBytes?: number; maxPerUser?: number; maxSessions?: number; mode?: 'local' | 'none' } = {}): Promise<ExecHarness> {
  const sandbox = await startSandboxCluster({ name: 'exec-test', scenario: 'empty', speed: 20 });
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-exec-'));
  const kubeconfig = path.join(dataDir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
  const usersFile = path.join(dataDir, 'users.json');
  for (const [username, u] of Object.entries(USERS)) await upsertUser(usersFile, { username, ...u });
  const lines: string[] = [];
  const audit = createAuditLog({
    destination: new Writable({
      write(chunk: Buffer, _e, cb) {
        lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        cb();
      },
    }),
  });
  const logger = quietLogger;
  const dp = await createDataPlane({ kubeconfigFiles: [kubeconfig], inCluster: false, logger, env: {} as NodeJS.ProcessEnv, audit, lingerMs: 500 });
  await dp.ready;
  const server = http.createServer();
  const app = createApi({ logger, state: { ready: true, draining: false }, serverFactory: (handler) => (server.on('request', handler), server) });
  const auth = await registerAuth(app, {
    config: { dataDir, allowedOrigins: [], auth: { mode: o.mode ?? 'local', usersFile, idleMs: 30 * 60_000, maxMs: 12 * 3_600_000, secureCookies: 'auto' } },
    registry: dp.registry,
    audit,
    logger,
  });
  await dp.registerRoutes(app);
  const scheduler = new ManualScheduler();
  const exec = createExecPlane({
    registry: dp.registry,
    access: dp.guard.reviewer,
    audit,
    auth,
    logger,
    scheduler,
    highWaterBytes: o.highWaterBytes,
    config: { maxPerUser: o.maxPerUser ?? 10, maxSessions: o.maxSessions ?? 200, pingMs: 25_000, portForward: true },
  });
  await exec.registerRoutes(app);
  await app.ready();
  server.on('upgrade', (req, socket, head) => {
    if (!exec.handleUpgrade(req, socket, head)) socket.destroy();
  });
  const url = await listenConnected(server, dp);
  return {
    url,
    sandbox,
    dp,
    exec,
    scheduler,
    cluster: dp.registry.list()[0]!.id,
    audit: () => lines.map((l) => JSON.parse(l) as AuditEntry),
    async close() {
      await exec.stop();
      server.closeAllConnections();
      await dp.stop();
      await app.close();
      await sandbox.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A browser-like terminal client: output as text, control frames, and the raw socket. */
export class TestTerminal {
  readonly ws: WebSocket;
  output = '';
  received = 0;
  frames: ServerFrame[] = [];
  closed: Promise<number>;
  private waiters: (() => void)[] = [];

  constructor(url: string, target: TerminalTargetInput, o: { cookie?: string; origin?: string | null; autoAck?: boolean } = {}) {
    const headers: Record<string, string> = {};
    if (o.cookie) headers.cookie = `${SESSION_COOKIE}=${o.cookie}`;
    if (o.origin !== null) headers.origin = o.origin ?? url;
    this.ws = new WebSocket(url.replace(/^http/, 'ws') + terminalPath(target), { headers, perMessageDeflate: false });
    this.closed = new Promise((r) => this.ws.once('close', (code) => r(code)));
    this.ws.on('error', () => undefined);
    this.ws.on('message', (data: Buffer, isBinary) => {
      if (isBinary) {
        this.received += data.length - 1;
        // bounded: a flood test only counts bytes
        if (this.output.length < 1_000_000) this.output += data.subarray(1).toString('utf8');
        if (o.autoAck !== false) this.ack();
      } else {
        this.frames.push(serverFrame.parse(JSON.parse(data.toString('utf8'))));
      }
      for (const w of this.waiters.splice(0)) w();
    });
    this.ws.on('close', () => {
      for (const w of this.waiters.splice(0)) w();
    });
  }

  ack(n = this.received): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(JSON.stringify({ t: 'ack', n }));
  }

  type(text: string): void {
    this.ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(text)]));
  }

  resize(cols: number, rows: number): void {
    this.ws.send(JSON.stringify({ t: 'resize', cols, rows }));
  }

  /** Resolves when `pred` holds after some message (or rejects when the socket closes first). */
  async until(pred: () => boolean, what: string, timeoutMs = 30_000): Promise<void> {
    // the timeout only turns a hang into a failure that shows the output; nothing asserts on time
    const timer = setTimeout(() => {
      this.timedOut = what;
      for (const w of this.waiters.splice(0)) w();
    }, timeoutMs);
    try {
      while (!pred()) {
        if (this.timedOut === what) throw new Error(`no ${what}; output: ${JSON.stringify(this.output.slice(-500))} frames: ${JSON.stringify(this.frames)}`);
        if (this.ws.readyState === WebSocket.CLOSED) throw new Error(`terminal closed before ${what}; output: ${JSON.stringify(this.output.slice(-500))} frames: ${JSON.stringify(this.frames)}`);
        await new Promise<void>((r) => this.waiters.push(r));
      }
    } finally {
      clearTimeout(timer);
    }
  }
  private timedOut?: string;

  frame<T extends ServerFrame['t']>(t: T): Extract<ServerFrame, { t: T }> | undefined {
    return this.frames.find((f) => f.t === t) as Extract<ServerFrame, { t: T }> | undefined;
  }
}

/** Creates a pod through the harness's cluster client and waits until its first container runs. */
export async function runPod(h: Pick<ExecHarness, 'dp' | 'cluster'>, namespace: string, pod: { metadata: { name: string }; spec: object }): Promise<void> {
  const c = h.dp.registry.client(h.cluster);
  const name = pod.metadata.name;
  await c.request({ method: 'POST', path: `/api/v1/namespaces/${namespace}/pods`, body: { apiVersion: 'v1', kind: 'Pod', ...pod } });
  await eventually(async () => {
    const p = await c.request<{ status?: { containerStatuses?: { state?: { running?: unknown } }[] } }>({ path: `/api/v1/namespaces/${namespace}/pods/${name}` });
    return Boolean(p.status?.containerStatuses?.[0]?.state?.running);
  }, 30_000, `pod ${name} running`);
}
