/**
 * Trimmed pods in the shared informers (server/k8s/trim.ts) against a sandbox cluster over real HTTPS: the cache
 * drops most of a pod's spec, yet list rows equal a fresh projection of the whole objects, a list of objects
 * (related pods, the terminal's picker) still has what it reads, and a pod followed by name (the detail page)
 * arrives whole from its own by-name informer and stays live.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '@wheelhouse/sandbox/testing';
import { WatchClient, type WatchParams } from '../../lib/realtime/watch-client';
import type { WireObject } from '../../lib/protocol';
import { kindByResource } from '../../lib/k8s/registry';
import { projectRow } from '../../lib/k8s/rows/project';
import type { K8sObject } from '../../lib/k8s/types';
import { eventually, startHarness, type Harness } from './testing';

const POD = { group: '', version: 'v1', resource: 'pods' };
const columns = kindByResource('', 'pods')!.columns;
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await eventually(() => h.dp.registry.list()[0]?.state === 'connected', 10_000, 'cluster connected');
});
afterAll(async () => h?.close());

const container = (name: string) => ({
  name,
  image: `registry.example/${name}:1`,
  command: ['/bin/server', '--port=8080'],
  env: [{ name: 'MODE', value: 'production' }],
  ports: [{ containerPort: 8080, name: 'http' }],
  resources: { requests: { cpu: '100m', memory: '64Mi' }, limits: { memory: '128Mi' } },
  volumeMounts: [{ name: 'data', mountPath: '/data' }],
  readinessProbe: { httpGet: { path: '/healthz', port: 8080 } },
});

const pod = (namespace: string, name: string): KObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels: { app: 'web' }, annotations: { note: 'kept' } },
  spec: {
    containers: [container('app'), container('sidecar')],
    initContainers: [{ ...container('init'), restartPolicy: 'Always' }],
    volumes: [{ name: 'data', emptyDir: {} }],
    tolerations: [{ key: 'dedicated', operator: 'Exists' }],
  },
});

async function get(namespace: string, name: string): Promise<K8sObject> {
  const r = await h.app.inject({ url: `/api/clusters/${h.clusterId}/resources/core/v1/pods/${name}?namespace=${namespace}` });
  expect(r.statusCode).toBe(200);
  return r.json() as K8sObject;
}

async function list(namespace: string): Promise<K8sObject[]> {
  const r = await h.app.inject({ url: `/api/clusters/${h.clusterId}/resources/core/v1/pods?namespace=${namespace}` });
  expect(r.statusCode).toBe(200);
  return (r.json() as { items: K8sObject[] }).items;
}

function track(wc: WatchClient, params: WatchParams) {
  const release = wc.watch(params, () => undefined);
  return { release, get: () => wc.current(params) };
}

const shown = (o: WireObject) => {
  const { resourceVersion: _rv, ...metadata } = o.metadata;
  return JSON.stringify({ ...o, metadata });
};

describe('trimmed pods in the watch cache', () => {
  it('rows equal a fresh projection of the whole pods; object lists get the trimmed pod; GET and a by-name watch get it whole', async () => {
    const n = `trim-${Date.now().toString(36)}`;
    h.sandbox.client.create({ group: '', version: 'v1', resource: 'namespaces' }, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: n } });
    for (const name of ['p1', 'p2', 'p3']) h.sandbox.client.create(POD, pod(n, name));
    const wc = new WatchClient(h.client());
    const rows = track(wc, { cluster: h.clusterId, ...POD, namespace: n, rows: true });
    const objects = track(wc, { cluster: h.clusterId, ...POD, namespace: n, labelSelector: 'app=web' });
    const one = track(wc, { cluster: h.clusterId, ...POD, namespace: n, fieldSelector: 'metadata.name=p2' });

    // rows: computed from the trimmed cache, equal to the rows of the whole objects a fresh GET returns
    await eventually(async () => {
      if (rows.get().state !== 'live') return false;
      const fresh = (await list(n)).map((o) => shown(projectRow(columns, o) as unknown as WireObject)).sort();
      return JSON.stringify(rows.get().items.map(shown).sort()) === JSON.stringify(fresh);
    }, 10_000, 'rows to equal a fresh projection of the whole pods');

    // the shared informer keeps a trimmed pod; an object list gets what its readers use, and nothing else
    await eventually(() => objects.get().state === 'live' && objects.get().items.length === 3, 10_000, 'object list');
    const cached = objects.get().items.find((o) => o.metadata.name === 'p1') as K8sObject;
    const spec = cached.spec as { containers: Record<string, unknown>[]; initContainers: Record<string, unknown>[]; volumes?: unknown; tolerations?: unknown };
    expect(spec.volumes).toBeUndefined();
    expect(spec.tolerations).toBeUndefined();
    expect(spec.containers.map((c) => c.name)).toEqual(['app', 'sidecar']);
    const wholeApp = ((await get(n, 'p1')).spec as { containers: Record<string, unknown>[] }).containers[0];
    expect(Object.keys(spec.containers[0]).sort()).toEqual(['image', 'name', 'ports', 'resources']);
    for (const k of Object.keys(spec.containers[0])) expect(spec.containers[0][k]).toEqual(wholeApp[k]);
    expect(wholeApp.env).toBeDefined();
    expect(spec.initContainers[0]).toMatchObject({ name: 'init', restartPolicy: 'Always' });
    expect(cached.metadata.annotations).toEqual({ note: 'kept' });
    const wholeStatus = (await get(n, 'p1')).status as { phase?: string; conditions?: { type: string; status: string }[] };
    const cachedStatus = cached.status as { phase?: string; podIPs?: unknown; conditions?: { type: string; status: string }[] };
    expect(cachedStatus.phase).toBe(wholeStatus.phase);
    expect(cachedStatus.podIPs).toBeUndefined();
    expect(cachedStatus.conditions?.map((c) => `${c.type}=${c.status}`)).toEqual(wholeStatus.conditions?.map((c) => `${c.type}=${c.status}`));

    // by name: the whole pod, from its own informer (not the trimmed shared one)
    await eventually(() => one.get().state === 'live' && one.get().items.length === 1, 10_000, 'the pod by name');
    const whole = await get(n, 'p2');
    const watched = one.get().items[0] as K8sObject;
    expect(watched.spec).toEqual(whole.spec);
    expect((watched.spec as { volumes: { name: string }[] }).volumes.map((v) => v.name)).toContain('data');
    expect(h.dp.hub.list().some((f) => f.resource === 'pods' && f.name === 'p2')).toBe(true);

    // and live: a change arrives whole
    h.sandbox.client.patch(POD, n, 'p2', 'merge', { metadata: { labels: { app: 'web', tier: 'front' } } });
    await eventually(() => (one.get().items[0] as K8sObject | undefined)?.metadata.labels?.tier === 'front', 10_000, 'the change by name');
    expect((one.get().items[0] as K8sObject).spec).toEqual(whole.spec);
    rows.release();
    objects.release();
    one.release();
  });
});
