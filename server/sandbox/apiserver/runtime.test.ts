/**
 * The API server wired to the simulated control plane (runtime.ts): pods/log from the kubelets'
 * LogProvider, metrics.k8s.io, eviction and graceful pod deletion. Also field validation modes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, openWatch, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ name: 'rt', noRuntime: false, scenario: 'empty', speed: 20 });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'rt' } } });
  const pod = (name: string, containers: string[]) => ({
    metadata: { name, labels: { app: 'rt' } },
    spec: { containers: containers.map((n) => ({ name: n, image: 'busybox:1.37' })) },
  });
  await request(c, 'POST', '/api/v1/namespaces/rt/pods', { body: pod('one', ['main']) });
  await request(c, 'POST', '/api/v1/namespaces/rt/pods', { body: pod('two', ['a', 'b']) });
  await eventually(async () => {
    const r = await request(c, 'GET', '/api/v1/namespaces/rt/pods?fieldSelector=status.phase%3DRunning');
    return r.json.items.length === 2;
  }, 30_000);
}, 90_000);
afterAll(async () => {
  await c?.stop();
});

describe('with the simulated control plane', () => {
  it('serves pods/log and its container errors like a real server', async () => {
    await eventually(async () => (await request(c, 'GET', '/api/v1/namespaces/rt/pods/one/log')).text.length > 0, 20_000);
    const r = await request(c, 'GET', '/api/v1/namespaces/rt/pods/one/log?tailLines=1&timestamps=true');
    expect(r.headers['content-type']).toBe('text/plain');
    expect(r.text.trimEnd().split('\n')).toHaveLength(1);
    expect(r.text).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z /);
    const need = await request(c, 'GET', '/api/v1/namespaces/rt/pods/two/log');
    expect(need.status).toBe(400);
    expect(need.json.message).toBe('a container name must be specified for pod two, choose one of: [a b]');
    const wrong = await request(c, 'GET', '/api/v1/namespaces/rt/pods/one/log?container=zz');
    expect(wrong.json.message).toBe('container zz is not valid for pod one');
    const limited = await request(c, 'GET', '/api/v1/namespaces/rt/pods/one/log?limitBytes=5');
    expect(Buffer.byteLength(limited.text)).toBeLessThanOrEqual(5);
  });

  it('follows a log stream', async () => {
    const w = openWatch(c, '/api/v1/namespaces/rt/pods/one/log?follow=true&tailLines=0');
    await w.ready;
    expect(w.status).toBe(200);
    w.close();
  });

  it('serves metrics.k8s.io from the runtime', async () => {
    const disc = await request(c, 'GET', '/apis/metrics.k8s.io/v1beta1');
    expect(disc.json.resources.map((r: { name: string }) => r.name).sort()).toEqual(['nodes', 'pods']);
    const nodes = await request(c, 'GET', '/apis/metrics.k8s.io/v1beta1/nodes');
    expect(nodes.json.kind).toBe('NodeMetricsList');
  });

  it('rejects unknown fields under Strict and warns under Warn', async () => {
    const body = { metadata: { name: 'fv' }, data: { a: 'b' }, bogus: 1 };
    const strict = await request(c, 'POST', '/api/v1/namespaces/rt/configmaps?fieldValidation=Strict', { body });
    expect(strict.status).toBe(400);
    expect(strict.json.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"');
    const warn = await request(c, 'POST', '/api/v1/namespaces/rt/configmaps?fieldValidation=Warn', { body });
    expect(warn.status).toBe(201);
    expect(String(warn.headers.warning)).toContain('unknown field \\"bogus\\"');
  });

  it('evicts a pod and deletes running pods gracefully', async () => {
    const w = openWatch(c, '/api/v1/namespaces/rt/pods?watch=true&fieldSelector=metadata.name%3Done');
    await w.ready;
    const ev = await request(c, 'POST', '/api/v1/namespaces/rt/pods/one/eviction', {
      body: { apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'one', namespace: 'rt' } },
    });
    expect(ev.status).toBe(201);
    const events = await w.waitFor((e) => e.some((x) => x.type === 'DELETED'), 20_000);
    // Terminating first (deletionTimestamp set), then gone
    expect(events.some((e) => e.type === 'MODIFIED' && e.object.metadata.deletionTimestamp)).toBe(true);
    w.close();
  });
});
