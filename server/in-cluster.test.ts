/**
 * In-cluster mode: no kubeconfig, a mounted service account, KUBERNETES_SERVICE_HOST/PORT set
 * (as the kubelet does in a pod) → the console manages its own cluster, over real HTTPS with the service
 * account's token and CA; further clusters come from a kubeconfig file (a mounted Secret); sandboxes stay off.
 * The pod path /var/run/secrets/... cannot be created here, so WHEELHOUSE_SA_DIR points at a temp dir.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { createDataPlane, type DataPlane } from './data-plane';
import { loadConfig } from './config';
import { eventually, quietLogger } from './watch/testing';
import type { ClustersResponse } from '../lib/api-types';

let sandbox: SandboxCluster;
let dir: string;
let saDir: string;
const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
const open: { dp: DataPlane; app: FastifyInstance }[] = [];

beforeAll(async () => {
  sandbox = await startSandboxCluster({ name: 'in-cluster-test', scenario: 'empty', noRuntime: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-incluster-'));
  saDir = path.join(dir, 'serviceaccount');
  fs.mkdirSync(saDir);
  // exactly what the kubelet mounts: the token (no trailing newline), the cluster CA and the pod's namespace
  fs.writeFileSync(path.join(saDir, 'token'), sandbox.token, { mode: 0o600 });
  fs.writeFileSync(path.join(saDir, 'ca.crt'), sandbox.caPem);
  fs.writeFileSync(path.join(saDir, 'namespace'), 'wheelhouse');
  // client-node's loadFromCluster reads these from process.env, as in a pod
  const url = new URL(sandbox.server);
  process.env.KUBERNETES_SERVICE_HOST = url.hostname;
  process.env.KUBERNETES_SERVICE_PORT = url.port;
});

afterAll(async () => {
  for (const o of open) {
    await o.dp.stop();
    await o.app.close();
  }
  if (saved.host === undefined) delete process.env.KUBERNETES_SERVICE_HOST;
  else process.env.KUBERNETES_SERVICE_HOST = saved.host;
  if (saved.port === undefined) delete process.env.KUBERNETES_SERVICE_PORT;
  else process.env.KUBERNETES_SERVICE_PORT = saved.port;
  await sandbox?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** config → data plane → Fastify, the way main.ts wires them (minus Next and socket.io). */
async function consoleFrom(env: NodeJS.ProcessEnv) {
  const config = loadConfig([], env);
  const dp = await createDataPlane({
    kubeconfigFiles: config.kubeconfigFiles,
    inCluster: config.inCluster,
    serviceAccountDir: config.serviceAccountDir,
    logger: quietLogger,
    env,
  });
  const app = Fastify({ logger: false });
  await dp.registerRoutes(app);
  await dp.ready;
  open.push({ dp, app });
  return { config, dp, app };
}

/** The environment of a pod: the service host/port the kubelet sets, the SA dir, nothing else. */
function podEnv(sa: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT } = process.env;
  return { HOME: dir, WHEELHOUSE_SA_DIR: sa, KUBERNETES_SERVICE_HOST, KUBERNETES_SERVICE_PORT, ...extra } as unknown as NodeJS.ProcessEnv;
}

const clusters = async (app: FastifyInstance) => (await app.inject({ url: '/api/clusters' })).json() as ClustersResponse;

describe('in-cluster mode', () => {
  it('manages its own cluster through the mounted service account, with sandboxes off', async () => {
    const env = podEnv(saDir);
    const { config, app } = await consoleFrom(env);
    expect(config.inCluster).toBe(true);
    expect(config.kubeconfigFiles).toEqual([]);
    expect(config.sandbox.enabled).toBe(false);

    const connected = await eventually(async () => {
      const list = (await clusters(app)).clusters;
      return list.length === 1 && list[0].state === 'connected' ? list : undefined;
    }, 10_000, 'the in-cluster cluster to connect');
    expect(connected![0]).toMatchObject({ id: 'in-cluster', name: 'in-cluster', source: 'in-cluster', state: 'connected' });

    // authenticated reads work: the token file and CA are really used (the sandbox rejects other tokens)
    const ns = await app.inject({ url: '/api/clusters/in-cluster/resources/core/v1/namespaces' });
    expect(ns.statusCode).toBe(200);
    expect((ns.json() as { items: { metadata: { name: string } }[] }).items.map((n) => n.metadata.name)).toContain('default');
  });

  it('adds further clusters from a mounted kubeconfig file next to its own', async () => {
    const kubeconfig = path.join(dir, 'kubeconfig-secret', 'config');
    fs.mkdirSync(path.dirname(kubeconfig));
    fs.writeFileSync(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
    const env = podEnv(saDir, { KUBECONFIG: kubeconfig });
    const { config, app } = await consoleFrom(env);
    expect(config.sandbox.enabled).toBe(false);
    const list = await eventually(async () => {
      const l = (await clusters(app)).clusters;
      return l.length === 2 && l.every((c) => c.state === 'connected') ? l : undefined;
    }, 10_000, 'both clusters to connect');
    expect(list!.map((c) => c.source).sort()).toEqual([kubeconfig, 'in-cluster'].sort());
  });

  it('sends the mounted token: a wrong one is rejected by the cluster with 401', async () => {
    const bad = path.join(dir, 'bad-sa');
    fs.mkdirSync(bad);
    fs.writeFileSync(path.join(bad, 'token'), 'not-the-token');
    fs.copyFileSync(path.join(saDir, 'ca.crt'), path.join(bad, 'ca.crt'));
    const env = podEnv(bad);
    const { app } = await consoleFrom(env);
    // /version is public (as on real clusters), so the cluster still connects; reads are refused
    await eventually(async () => (await clusters(app)).clusters[0]?.state === 'connected', 10_000, 'connected');
    const r = await app.inject({ url: '/api/clusters/in-cluster/resources/core/v1/namespaces' });
    expect(r.statusCode).toBe(401);
  });
});
