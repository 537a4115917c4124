/**
 * The cluster client against a sandbox over real HTTPS: like client-go it asks for gzip, so a large list
 * arrives compressed (kube-apiserver gzips whole responses over 128 KiB) and is read back whole; small answers
 * and errors still arrive and parse as plain JSON.
 */
import diagnostics from 'node:diagnostics_channel';
import type http from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { KubeConfig } from '@kubernetes/client-node';
import { startSandboxCluster, type SandboxCluster } from '@wheelhouse/sandbox/testing';
import { K8sClient } from './client';
import { K8sApiError } from './errors';

const CM = { group: '', version: 'v1', resource: 'configmaps' };
let sb: SandboxCluster;
let client: K8sClient;
const encodings: (string | undefined)[] = [];
const onResponse = (m: unknown) => encodings.push((m as { response: http.IncomingMessage }).response.headers['content-encoding']);

beforeAll(async () => {
  sb = await startSandboxCluster({ name: 'client-gzip', noRuntime: true });
  const kc = new KubeConfig();
  kc.loadFromString(sb.kubeconfig);
  client = new K8sClient('client-gzip', kc);
  sb.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'big' } });
  for (let i = 0; i < 60; i++) sb.client.create(CM, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: 'big' }, data: { v: `${'x'.repeat(3000)} é ${i}` } });
  diagnostics.subscribe('http.client.response.finish', onResponse);
});
afterAll(async () => {
  diagnostics.unsubscribe('http.client.response.finish', onResponse);
  client?.close();
  await sb?.stop();
});

it('reads a gzipped list whole, and small answers and errors as plain JSON', async () => {
  encodings.length = 0;
  const list = await client.request<{ items: { metadata: { name: string }; data: { v: string } }[] }>({ path: '/api/v1/namespaces/big/configmaps' });
  expect(encodings).toEqual(['gzip']);
  expect(list.items).toHaveLength(60);
  expect(list.items.find((c) => c.metadata.name === 'cm-7')?.data.v).toBe(`${'x'.repeat(3000)} é 7`);

  encodings.length = 0;
  const one = await client.request<{ data: { v: string } }>({ path: '/api/v1/namespaces/big/configmaps/cm-1' });
  expect(one.data.v.endsWith(' é 1')).toBe(true);
  const missing = await client.request({ path: '/api/v1/namespaces/big/configmaps/nope' }).catch((e: unknown) => e);
  expect(missing).toBeInstanceOf(K8sApiError);
  expect((missing as K8sApiError).status).toBe(404);
  expect(encodings).toEqual([undefined, undefined]);
});
