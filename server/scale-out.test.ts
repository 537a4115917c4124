/**
 * Scale-out: two BFF replicas (data plane + Fastify + socket.io, each on its own loopback
 * port) against the SAME cluster, as behind a Service with 2 endpoints. Replicas share nothing: each runs its
 * own informers, so a browser can land on either and gets the same live data. socket.io runs websocket-only
 * (as main.ts configures it), so no sticky sessions are needed: a reconnect may land on another replica and
 * simply re-subscribes (snapshot, then deltas).
 *
 * Upstream cost, pinned here: ONE informer (one LIST + one long-lived WATCH) per (cluster, resource,
 * namespace-or-all) that any of its clients watches, PER REPLICA, however many browsers share it. N replicas
 * cost each cluster's API server N× the watches of one replica; more browsers cost nothing more upstream.
 *
 * These replicas run without the auth gate (data plane only). Sessions across replicas — log in on one console
 * process, use the cookie on another with the same session secret, REST and socket — are pinned by
 * server/auth/console-process.test.ts against the real entry point.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { createDataPlane, type DataPlane } from './data-plane';
import { WatchClient, type ClientSocket, type WatchParams } from '../lib/realtime/watch-client';
import { eventually, quietLogger } from './watch/testing';

interface Replica {
  dp: DataPlane;
  app: FastifyInstance;
  io: Server;
  url: string;
}

const POD = { group: '', version: 'v1', resource: 'pods' };
let sandbox: SandboxCluster;
let dir: string;
const replicas: Replica[] = [];
const sockets: ClientSocket[] = [];

async function startReplica(kubeconfig: string): Promise<Replica> {
  const dp = await createDataPlane({
    kubeconfigFiles: [kubeconfig],
    inCluster: false,
    logger: quietLogger,
    env: {} as NodeJS.ProcessEnv,
    informerBackoff: { initialMs: 100, maxMs: 1_000 },
    lingerMs: 500,
  });
  await dp.ready;
  const app = Fastify({ logger: false });
  await dp.registerRoutes(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const io = new Server(app.server, { path: '/socket.io', transports: ['websocket'] });
  dp.attachSocket(io);
  return { dp, app, io, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

function client(r: Replica): WatchClient {
  const s: ClientSocket = ioClient(r.url, { path: '/socket.io', transports: ['websocket'], reconnectionDelay: 50 });
  sockets.push(s);
  return new WatchClient(s);
}

beforeAll(async () => {
  sandbox = await startSandboxCluster({ name: 'scale-out', scenario: 'empty', noRuntime: true });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-scale-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  fs.writeFileSync(kubeconfig, sandbox.kubeconfig, { mode: 0o600 });
  replicas.push(await startReplica(kubeconfig), await startReplica(kubeconfig));
  await eventually(() => replicas.every((r) => r.dp.registry.list()[0]?.state === 'connected'), 10_000, 'both replicas connected');
});

afterAll(async () => {
  for (const s of sockets) s.close();
  for (const r of replicas) {
    r.io.close();
    await r.dp.stop();
    await r.app.close();
  }
  await sandbox?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('two replicas against one cluster', () => {
  it('both serve live pod watches; each replica runs one informer however many clients it has', async () => {
    const ns = `scale-${Date.now().toString(36)}`;
    sandbox.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
    const cluster = replicas[0].dp.registry.list()[0].id;
    expect(replicas[1].dp.registry.list()[0].id).toBe(cluster); // same kubeconfig → same cluster id on every replica

    const params: WatchParams = { cluster, ...POD, namespace: ns };
    // two browsers on replica A, one on replica B
    const watchers = [client(replicas[0]), client(replicas[0]), client(replicas[1])];
    for (const w of watchers) w.watch(params, () => {});
    await eventually(() => watchers.every((w) => w.current(params).state === 'live'), 10_000, 'all watches live');

    sandbox.client.create(POD, {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'web-0', namespace: ns },
      spec: { containers: [{ name: 'web', image: 'nginx' }] },
    });
    await eventually(
      () => watchers.every((w) => w.current(params).items.some((p) => p.metadata.name === 'web-0')),
      10_000,
      'the new pod on every client of both replicas',
    );

    // per-replica upstream cost: exactly one pods informer on each replica, shared by its clients
    for (const r of replicas) {
      expect(r.dp.hub.list().filter((f) => f.cluster === cluster && f.resource === 'pods')).toHaveLength(1);
    }

    sandbox.client.delete(POD, ns, 'web-0', { gracePeriodSeconds: 0 });
    await eventually(
      () => watchers.every((w) => !w.current(params).items.some((p) => p.metadata.name === 'web-0')),
      10_000,
      'the deleted pod gone on both replicas',
    );
  });

  it('answers the same REST reads on either replica', async () => {
    const cluster = replicas[0].dp.registry.list()[0].id;
    const reads = await Promise.all(
      replicas.map(async (r) => {
        const res = await fetch(`${r.url}/api/clusters/${cluster}/resources/core/v1/namespaces`);
        expect(res.status).toBe(200);
        return ((await res.json()) as { items: { metadata: { name: string } }[] }).items.map((n) => n.metadata.name).sort();
      }),
    );
    expect(reads[0]).toEqual(reads[1]);
  });
});
