/**
 * Compare and Drift over real HTTPS against two sandbox clusters behind one data plane: the same manifest in
 * both reads identical after normalization (uids, resourceVersions, timestamps differ), a changed field differs,
 * a missing object is a typed NotFound side (not an error reply), Secret values never leave the BFF, and the
 * drift report lists objects missing in one cluster and objects that differ.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { compareResponse, driftResponse } from '../../lib/compare/types';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { eventually, startHarness, type Harness } from '../watch/testing';

let h: Harness;
let west: SandboxCluster;
const EAST = 'cmp-east';
const WEST = 'cmp-west';

const inject = (method: 'GET' | 'POST', url: string, body?: unknown) =>
  h.app.inject({ method, url, ...(body !== undefined ? { payload: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });

async function create(cluster: string, group: string, version: string, resource: string, obj: unknown, namespace?: string) {
  const g = group || 'core';
  const r = await inject('POST', `/api/clusters/${cluster}/resources/${g}/${version}/${resource}${namespace ? `?namespace=${namespace}` : ''}`, obj);
  expect(r.statusCode, r.body).toBe(201);
}

const deploy = (name: string, image: string, replicas = 2) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace: 'shop', labels: { app: name } },
  spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image }] } } },
});

beforeAll(async () => {
  h = await startHarness({ name: EAST });
  west = await startSandboxCluster({ name: WEST, noRuntime: true });
  const kc = YAML.parse(fs.readFileSync(h.kubeconfigPath, 'utf8'));
  const wk = YAML.parse(west.kubeconfig);
  kc.clusters.push(...wk.clusters);
  kc.users.push(...wk.users);
  kc.contexts.push(...wk.contexts);
  fs.writeFileSync(h.kubeconfigPath, YAML.stringify(kc));
  await eventually(() => h.dp.registry.get(WEST)?.state === 'connected', 10_000, 'west connected');

  for (const c of [EAST, WEST]) {
    await create(c, '', 'v1', 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } });
    await create(c, 'apps', 'v1', 'deployments', deploy('frontend', 'nginx:1.27'), 'shop');
    await create(c, '', 'v1', 'configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'settings', namespace: 'shop' }, data: { mode: 'fast' } }, 'shop');
  }
  await create(EAST, 'apps', 'v1', 'deployments', deploy('cart', 'cart:1.4', 2), 'shop');
  await create(WEST, 'apps', 'v1', 'deployments', deploy('cart', 'cart:1.5', 3), 'shop');
  await create(EAST, 'apps', 'v1', 'deployments', deploy('only-east', 'busybox'), 'shop');
  await create(EAST, '', 'v1', 'secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data: { password: Buffer.from('hunter2').toString('base64') } }, 'shop');
  await create(WEST, '', 'v1', 'secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: 'shop' }, data: { password: Buffer.from('other').toString('base64') } }, 'shop');
}, 60_000);

afterAll(async () => {
  await h?.close();
  await west?.stop();
});

const compare = async (resource: string, group: string, name: string, right = { cluster: WEST, namespace: 'shop', name }) => {
  const r = await inject('POST', '/api/compare', { group, version: 'v1', resource, left: { cluster: EAST, namespace: 'shop', name }, right });
  expect(r.statusCode, r.body).toBe(200);
  return compareResponse.parse(r.json());
};

describe('POST /api/compare', () => {
  it('reads the same manifest in two clusters as identical, without uid, resourceVersion or timestamps', async () => {
    const r = await compare('deployments', 'apps', 'frontend');
    expect(r.identical).toBe(true);
    const md = r.left.object!.metadata as Record<string, unknown>;
    expect(md).toEqual({ labels: { app: 'frontend' }, name: 'frontend' });
    expect(r.left.object).not.toHaveProperty('status');
  });

  it('shows what differs', async () => {
    const r = await compare('deployments', 'apps', 'cart');
    expect(r.identical).toBe(false);
    expect((r.left.object!.spec as { replicas: number }).replicas).toBe(2);
    expect((r.right.object!.spec as { replicas: number }).replicas).toBe(3);
  });

  it('answers a missing object as a NotFound side, not an error reply', async () => {
    const r = await compare('deployments', 'apps', 'only-east');
    expect(r.left.object).not.toBeNull();
    expect(r.right.object).toBeNull();
    expect(r.right.error).toMatchObject({ status: 404, reason: 'NotFound' });
    expect(r.identical).toBe(false);
  });

  it('compares across namespaces of one cluster', async () => {
    const r = await compare('configmaps', '', 'settings', { cluster: EAST, namespace: 'default', name: 'settings' });
    expect(r.right.error?.reason).toBe('NotFound');
  });

  it('never sends Secret values, only a hash of each', async () => {
    const r = await compare('secrets', '', 'db');
    expect(r.identical).toBe(false);
    const text = JSON.stringify(r);
    expect(text).not.toContain(Buffer.from('hunter2').toString('base64'));
    expect(text).not.toContain('hunter2');
    expect((r.left.object!.data as { password: string }).password).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('rejects a malformed body and an unknown cluster clearly', async () => {
    const bad = await inject('POST', '/api/compare', { group: 'apps', version: 'v1', resource: 'deployments', left: { cluster: EAST, name: 'x' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/right/);
    const unknown = await inject('POST', '/api/compare', { group: 'apps', version: 'v1', resource: 'deployments', left: { cluster: EAST, namespace: 'shop', name: 'x' }, right: { cluster: 'nope', namespace: 'shop', name: 'x' } });
    expect(unknown.statusCode).toBe(404);
  });
});

describe('POST /api/drift', () => {
  it('lists objects missing in one cluster and objects that differ, per kind', async () => {
    const r = await inject('POST', '/api/drift', { namespace: 'shop', clusters: [EAST, WEST] });
    expect(r.statusCode, r.body).toBe(200);
    const d = driftResponse.parse(r.json());
    const deployments = d.kinds.find((k) => k.resource === 'deployments')!;
    expect(deployments.same).toBe(1); // frontend
    expect(deployments.items).toEqual([
      { name: 'cart', presentIn: [EAST, WEST], missingIn: [], differs: true, variants: [[EAST], [WEST]] },
      { name: 'only-east', presentIn: [EAST], missingIn: [WEST], differs: false },
    ]);
    const configmaps = d.kinds.find((k) => k.resource === 'configmaps')!;
    // kube-root-ca.crt (per-cluster CA) is not drift
    expect(configmaps.items).toEqual([]);
    const secrets = d.kinds.find((k) => k.resource === 'secrets')!;
    expect(secrets.items.map((i) => [i.name, i.differs])).toEqual([['db', true]]);
    expect(r.body).not.toContain('hunter2');
  });

  it('needs two clusters', async () => {
    const r = await inject('POST', '/api/drift', { namespace: 'shop', clusters: [EAST] });
    expect(r.statusCode).toBe(400);
  });
});
