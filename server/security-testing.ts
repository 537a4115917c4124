/**
 * Test support for the security suites (not a test file): a sandbox cluster reached through a recording
 * TLS-terminating proxy (so tests see every header the BFF actually sends upstream), a data plane on the
 * production Fastify instance (server/http.ts: body limit, helmet, error handler) with socket.io, and a pino
 * logger whose every line is captured.
 * `testIdentities`: requests may name the identity they act for in the TEST-ONLY header `x-test-user` (JSON
 * Identity), sockets in `auth.testUser` of the handshake — standing in for server/auth's session lookup so the
 * suites can act as several people without logging in. This exists only here, never in production code.
 */
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import pino from 'pino';
import YAML from 'yaml';
import { Server } from 'socket.io';
import { startSandboxCluster, kubeconfigYaml, makeServingCert, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { createDataPlane, type DataPlane } from './data-plane';
import { createApi } from './http';
import { createAuditLog } from './audit';
import { socketOriginCheck } from './origin';
import type { Identity } from './auth/identity';

/** The test-only header naming the identity a harness request acts for (see testIdentities). */
export const TEST_USER_HEADER = 'x-test-user';

/** Headers that make a harness request act for `id`. */
export function actAs(id: Identity): Record<string, string> {
  return { [TEST_USER_HEADER]: JSON.stringify(id) };
}

export interface UpstreamRequest {
  method: string;
  url: string;
  /** as Node joins them (repeated headers become one "a, b" string) */
  headers: http.IncomingHttpHeaders;
  /** every header line as sent (repeated Impersonate-Group lines stay separate) */
  distinct: NodeJS.Dict<string[]>;
}

export interface SecurityHarness {
  sandbox: SandboxCluster;
  kubeconfig: string;
  dp: DataPlane;
  url: string;
  clusterId: string;
  /** every request the sandbox received from the BFF (through the proxy) */
  upstream: UpstreamRequest[];
  /** every log line the BFF (data plane, API, audit) wrote */
  logs: string[];
  close(): Promise<void>;
}

/** `clientCert`: the kubeconfig also carries client-certificate-data / client-key-data (a fresh key pair), so scans can look for it. */
export async function startSecurityHarness(
  name: string,
  o: { clientCert?: boolean; testIdentities?: boolean; accessTtlMs?: number } = {},
): Promise<SecurityHarness & { clientKeyPem?: string }> {
  const sandbox = await startSandboxCluster({ name, scenario: 'empty', noRuntime: true });
  const upstream: UpstreamRequest[] = [];
  const sandboxUrl = new URL(sandbox.server);
  const proxyCert = await makeServingCert(`${name}-proxy`);
  const agent = new https.Agent({ ca: sandbox.caPem, keepAlive: true });
  const proxy = https.createServer({ cert: proxyCert.certPem, key: proxyCert.keyPem }, (req, res) => {
    upstream.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers }, distinct: { ...req.headersDistinct } });
    // raw header lines: forwarding the joined object would merge repeated Impersonate-Group lines into one group
    const up = https.request(
      { hostname: sandboxUrl.hostname, port: sandboxUrl.port, path: req.url, method: req.method, headers: req.rawHeaders, agent },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => res.destroy());
    req.pipe(up);
    res.on('close', () => up.destroy());
  });
  await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', () => r()));
  const proxyUrl = `https://127.0.0.1:${(proxy.address() as AddressInfo).port}`;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-sec-'));
  const kubeconfigPath = path.join(dir, 'kubeconfig');
  let kubeconfig = kubeconfigYaml(name, proxyUrl, proxyCert.caPem, sandbox.token);
  let clientKeyPem: string | undefined;
  if (o.clientCert) {
    const client = await makeServingCert(`${name}-client`);
    clientKeyPem = client.keyPem;
    const kc = YAML.parse(kubeconfig);
    kc.users[0].user['client-certificate-data'] = Buffer.from(client.certPem).toString('base64');
    kc.users[0].user['client-key-data'] = Buffer.from(client.keyPem).toString('base64');
    kubeconfig = YAML.stringify(kc);
  }
  fs.writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });

  const logs: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      logs.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      cb();
    },
  });
  const logger = pino({ level: 'trace' }, sink);
  const dp = await createDataPlane({
    kubeconfigFiles: [kubeconfigPath],
    inCluster: false,
    logger,
    env: {} as NodeJS.ProcessEnv,
    informerBackoff: { initialMs: 100, maxMs: 1_000 },
    lingerMs: 1_000,
    audit: createAuditLog({ destination: sink }),
    accessTtlMs: o.accessTtlMs,
  });
  await dp.ready;
  const server = http.createServer();
  const app = createApi({
    logger: logger.child({ part: 'api' }),
    state: { ready: true, draining: false },
    serverFactory: (handler) => {
      server.on('request', handler);
      return server;
    },
  });
  if (o.testIdentities) {
    app.addHook('onRequest', async (req) => {
      const h = req.headers[TEST_USER_HEADER];
      if (typeof h === 'string') (req as { identity?: Identity }).identity = JSON.parse(h) as Identity;
    });
  }
  await dp.registerRoutes(app);
  await app.ready();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const io = new Server(server, { path: '/socket.io', transports: ['websocket'], allowRequest: socketOriginCheck([]) });
  if (o.testIdentities) {
    io.use((socket, next) => {
      const u = (socket.handshake.auth as { testUser?: Identity } | undefined)?.testUser;
      if (u) (socket.data as { identity?: Identity }).identity = u;
      next();
    });
  }
  dp.attachSocket(io);
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    sandbox,
    kubeconfig,
    dp,
    url,
    clusterId: dp.registry.list()[0]?.id ?? name,
    clientKeyPem,
    upstream,
    logs,
    async close() {
      io.close();
      await dp.stop();
      server.closeAllConnections();
      await app.close();
      proxy.closeAllConnections();
      await new Promise<void>((r) => proxy.close(() => r()));
      agent.destroy();
      await Promise.race([sandbox.stop(), new Promise((r) => setTimeout(r, 3_000).unref())]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One HTTP request with the path sent byte-for-byte as given (no URL normalisation) and a hang guard. */
export function raw(
  base: string,
  o: { method?: string; path: string; headers?: Record<string, string | string[]>; body?: string | Buffer; timeoutMs?: number },
): Promise<RawResponse> {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    let answered = false;
    const req = http.request(
      { hostname: u.hostname, port: u.port, method: o.method ?? 'GET', path: o.path, headers: o.headers, agent: false },
      (res) => {
        answered = true;
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(o.timeoutMs ?? 10_000, () => req.destroy(new Error(`no answer within ${o.timeoutMs ?? 10_000} ms: ${o.method ?? 'GET'} ${o.path}`)));
    req.on('error', (e) => {
      // the server may answer (413) and close before the whole oversized body was written
      if ((e as NodeJS.ErrnoException).code === 'EPIPE' || (e as NodeJS.ErrnoException).code === 'ECONNRESET') return;
      reject(e);
    });
    req.on('close', () => {
      if (!answered) reject(new Error(`connection closed without an answer: ${o.method ?? 'GET'} ${o.path}`));
    });
    req.end(o.body);
  });
}
