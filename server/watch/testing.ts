/**
 * Test support for the data plane (not a test file): a sandbox cluster behind an optional TCP proxy that
 * tests can cut and restore (an API-server restart as the client sees it: connections dropped, then
 * refused, then accepted again on the same address), a data plane on a Fastify + socket.io server on a
 * random loopback port, and socket.io clients.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import pino from 'pino';
import type { AddressInfo } from 'node:net';
import { startSandboxCluster, kubeconfigYaml, type SandboxCluster, type SandboxClusterOptions, type KObject } from '@wheelhouse/sandbox/testing';
import { createDataPlane, type DataPlane, type DataPlaneOptions } from '../data-plane';
import { createAuditLog } from '../audit';
import { plainEventParser } from './plain-encoder';
import { Writable } from 'node:stream';
import type { ClientSocket } from '../../lib/realtime/watch-client';

export const quietLogger = pino({ level: process.env.TEST_LOG || 'silent' });

/** A loopback TCP forwarder that can be stopped (dropping every connection) and restarted on the same port. */
export class CuttableProxy {
  port = 0;
  private server?: net.Server;
  private sockets = new Set<net.Socket>();
  constructor(private readonly targetPort: number) {}

  async start(): Promise<void> {
    const server = net.createServer((c) => {
      const up = net.connect(this.targetPort, '127.0.0.1');
      this.sockets.add(c).add(up);
      c.pipe(up).pipe(c);
      const done = () => {
        c.destroy();
        up.destroy();
        this.sockets.delete(c);
        this.sockets.delete(up);
      };
      c.on('error', done).on('close', done);
      up.on('error', done).on('close', done);
    });
    await new Promise<void>((r, j) => server.once('error', j).listen(this.port, '127.0.0.1', () => r()));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  async stop(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    const s = this.server;
    this.server = undefined;
    if (s) await new Promise<void>((r) => s.close(() => r()));
  }
}

export interface Harness {
  sandbox: SandboxCluster;
  proxy?: CuttableProxy;
  kubeconfigPath: string;
  dir: string;
  dp: DataPlane;
  app: FastifyInstance;
  io: Server;
  url: string;
  clusterId: string;
  client(): ClientSocket;
  close(): Promise<void>;
}

export async function startHarness(
  o: { name?: string; proxy?: boolean; sandbox?: Partial<SandboxClusterOptions>; dataPlane?: Partial<DataPlaneOptions> } = {},
): Promise<Harness> {
  const name = o.name ?? 'sandbox-test';
  const sandbox = await startSandboxCluster({ name, noRuntime: true, logger: process.env.TEST_LOG ? quietLogger : undefined, ...o.sandbox });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-dp-'));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  let proxy: CuttableProxy | undefined;
  if (o.proxy) {
    proxy = new CuttableProxy(Number(new URL(sandbox.server).port));
    await proxy.start();
    fs.writeFileSync(kubeconfigPath, kubeconfigYaml(name, `https://127.0.0.1:${proxy.port}`, sandbox.caPem, sandbox.token));
  } else {
    fs.writeFileSync(kubeconfigPath, sandbox.kubeconfig);
  }
  const dp = await createDataPlane({
    kubeconfigFiles: [kubeconfigPath],
    inCluster: false,
    logger: quietLogger,
    env: {} as NodeJS.ProcessEnv,
    informerBackoff: { initialMs: 100, maxMs: 1_000 },
    kubeconfigPollMs: 100,
    lingerMs: 1_000,
    // audit lines are asserted through audit.recent(), not read from stdout
    audit: createAuditLog({ destination: new Writable({ write: (_c, _e, cb) => cb() }) }),
    ...o.dataPlane,
  });
  await dp.ready;
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024 });
  await dp.registerRoutes(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const io = new Server(app.server, { path: '/socket.io', transports: ['websocket'], parser: plainEventParser });
  dp.attachSocket(io);
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  const clients: ClientSocket[] = [];
  return {
    sandbox,
    proxy,
    kubeconfigPath,
    dir,
    dp,
    app,
    io,
    url,
    clusterId: dp.registry.list()[0]?.id ?? name,
    client() {
      const c: ClientSocket = ioClient(url, { path: '/socket.io', transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 });
      clients.push(c);
      return c;
    },
    async close() {
      for (const c of clients) c.close();
      io.close();
      await dp.stop();
      await app.close();
      await proxy?.stop();
      // bounded: after a restart test the old server's stop() can stay pending (reported to the sandbox owner)
      await Promise.race([sandbox.stop(), new Promise((r) => setTimeout(r, 3_000).unref())]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Poll-with-timeout for eventual state (no fixed sleeps). */
export async function eventually<T>(fn: () => T | Promise<T>, timeoutMs = 10_000, what = 'condition', everyMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * A harness for fault tests: an HTTPS proxy in front of the sandbox and a small upstream history, so a cut of a
 * few hundred changes forces a 410 on resume; resolves once the cluster is connected.
 */
export async function startFaultHarness(): Promise<Harness> {
  const h = await startHarness({ proxy: true, sandbox: { historyLimit: 200, bookmarkIntervalMs: 200 } });
  await eventually(() => h.dp.registry.list()[0]?.state === 'connected', 10_000, 'cluster connected');
  return h;
}

let namespaces = 0;
/** A new namespace in the harness's sandbox, named `<prefix><n>-<time>`. */
export function newNamespace(h: Harness, prefix: string): string {
  const name = `${prefix}${++namespaces}-${Date.now().toString(36)}`;
  h.sandbox.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name } });
  return name;
}

export function configMap(namespace: string, name: string, data: Record<string, string> = {}, labels?: Record<string, string>): KObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, labels }, data };
}
