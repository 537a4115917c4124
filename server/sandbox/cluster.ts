/**
 * One sandbox cluster: object store + API server on a loopback HTTPS port with its own CA and
 * bearer token, plus the simulated control plane (runtime.ts). Everything outside reaches it only
 * through the kubeconfig this returns, exactly like a real cluster.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import tls from 'node:tls';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import path from 'node:path';
import type { Logger } from 'pino';
import YAML from 'yaml';
import type { SandboxClient, SandboxRuntime } from './types';
import { ObjectStore } from './store/store';
import { KindRegistry } from './apiserver/kind-registry';
import { loadHelpers } from './apiserver/helpers';
import { Api } from './apiserver/ops';
import { createSandboxClient } from './apiserver/client';
import { createRequestHandler, type ServerDeps } from './apiserver/server';
import { createUpgradeHandler } from './apiserver/streaming/index';
import { API_AUDIENCES } from './apiserver/auth/tokens';
import { makeServingCert } from './apiserver/tls';
import { seedCluster } from './apiserver/seed';
import { startRuntime } from './runtime';

export interface SandboxClusterOptions {
  name: string;
  scenario?: string;
  speed?: number;
  port?: number;
  host?: string;
  pods?: number;
  kubeconfigPath?: string;
  logger?: Logger;
  /** ms between watch BOOKMARKs (default 30 s; tests shorten it) */
  bookmarkIntervalMs?: number;
  /** events retained per resource for watch resume (default 10,000) */
  historyLimit?: number;
  /** skip the simulated control plane (API server and store only) */
  noRuntime?: boolean;
}

export interface SandboxCluster {
  name: string;
  server: string;
  token: string;
  caPem: string;
  kubeconfig: string;
  client: SandboxClient;
  stop(): Promise<void>;
}

export function kubeconfigYaml(name: string, server: string, caPem: string, token: string): string {
  return YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { server, 'certificate-authority-data': Buffer.from(caPem).toString('base64') } }],
    users: [{ name, user: { token } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
  });
}

export async function startSandboxCluster(opts: SandboxClusterOptions): Promise<SandboxCluster> {
  const speed = opts.speed && opts.speed > 0 ? opts.speed : 1;
  const [helpers, cert] = await Promise.all([loadHelpers(), makeServingCert(opts.name)]);
  for (const e of helpers.errors) opts.logger?.warn({ module: e }, 'sandbox apiserver helper module unavailable');
  const store = new ObjectStore(opts.historyLimit);
  const kinds = new KindRegistry();
  const api = new Api(store, kinds, helpers, { podTerminationMs: Math.max(50, 1000 / speed) });
  seedCluster(api);
  const client = createSandboxClient(api);
  const token = randomBytes(32).toString('base64url');
  const deps: ServerDeps = { api, token, serverAddress: '', logger: opts.logger, bookmarkIntervalMs: opts.bookmarkIntervalMs ?? 30_000 };
  // Go's cipher preference (kube-apiserver's): AES-128-GCM first and honoured, so Node clients (the console, tests)
  // don't negotiate AES-256-GCM, whose encryption costs the watch fan-out ~1/3 more CPU per byte.
  const ciphers = ['TLS_AES_128_GCM_SHA256', 'TLS_CHACHA20_POLY1305_SHA256', 'TLS_AES_256_GCM_SHA384', tls.DEFAULT_CIPHERS].join(':');
  const server = https.createServer({ cert: cert.certPem, key: cert.keyPem, keepAlive: true, ciphers, honorCipherOrder: true }, createRequestHandler(deps));
  // upgraded sockets (exec, attach, port-forward) leave the HTTP server's bookkeeping: stop() ends them here
  const upgraded = new Set<Duplex>();
  const onUpgrade = createUpgradeHandler(deps);
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    upgraded.add(socket);
    socket.once('close', () => upgraded.delete(socket));
    onUpgrade(req, socket, head);
  });
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const serverUrl = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  deps.serverAddress = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  let runtime: SandboxRuntime | undefined;
  if (!opts.noRuntime) {
    try {
      const signer = deps.auth!.signer;
      const issueToken = (ns: string, sa: string, uid: string, exp: number, aud?: string) => signer.issue(ns, sa, uid, exp, aud ? [aud] : API_AUDIENCES).token;
      runtime = await startRuntime(client, { clusterName: opts.name, scenario: opts.scenario ?? 'demo', speed, pods: opts.pods, issueToken });
    } catch (e) {
      server.close();
      api.stop();
      throw e;
    }
    deps.logs = runtime.logs;
    deps.exec = runtime.exec;
    deps.metrics = runtime.metrics;
    deps.ports = runtime.ports;
    kinds.setMetrics(!!runtime.metrics);
  }
  const kubeconfig = kubeconfigYaml(opts.name, serverUrl, cert.caPem, token);
  if (opts.kubeconfigPath) {
    fs.mkdirSync(path.dirname(opts.kubeconfigPath), { recursive: true });
    fs.writeFileSync(opts.kubeconfigPath, kubeconfig, { mode: 0o600 });
  }
  opts.logger?.info({ cluster: opts.name, server: serverUrl }, 'sandbox cluster listening');
  let stopped: Promise<void> | undefined;
  return {
    name: opts.name,
    server: serverUrl,
    token,
    caPem: cert.caPem,
    kubeconfig,
    client,
    stop() {
      stopped ??= (async () => {
        try {
          await runtime?.stop();
        } finally {
          api.stop();
          server.closeAllConnections();
          for (const s of upgraded) s.destroy();
          await new Promise<void>((r) => server.close(() => r()));
        }
      })();
      return stopped;
    },
  };
}
