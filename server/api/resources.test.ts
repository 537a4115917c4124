/**
 * REST contract of the data plane against a sandbox cluster over real HTTPS: clusters, discovery (CRDs
 * included), generic CRUD with typed Status errors, subresources, secrets redaction, and a dead cluster
 * answering 503 quickly without slowing the live one.
 */
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { apiError } from '../../lib/protocol';
import { clusterSummary, clustersResponse, discoveryResponse } from '../../lib/api-types';
import { eventually, startHarness, type Harness } from '../watch/testing';

let h: Harness;
let deadPort = 0;
let base = '';

beforeAll(async () => {
  h = await startHarness({ name: 'rest-test' });
  // a second context pointing at a port nobody listens on
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', () => r()));
  deadPort = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  const kc = YAML.parse(fs.readFileSync(h.kubeconfigPath, 'utf8'));
  kc.clusters.push({ name: 'Dead Cluster', cluster: { ...kc.clusters[0].cluster, server: `https://127.0.0.1:${deadPort}` } });
  kc.contexts.push({ name: 'Dead Cluster', context: { cluster: 'Dead Cluster', user: kc.users[0].name } });
  fs.writeFileSync(h.kubeconfigPath, YAML.stringify(kc));
  await eventually(() => h.dp.registry.list().length === 2, 10_000, 'kubeconfig reload');
  await eventually(() => h.dp.registry.get('rest-test')?.state === 'connected', 10_000, 'connected');
  base = `/api/clusters/rest-test`;
});
afterAll(async () => h?.close());

const req = (method: string, url: string, body?: unknown, contentType = 'application/json') =>
  h.app.inject({
    method: method as 'GET',
    url,
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': contentType } } : {}),
  });

describe('clusters and discovery', () => {
  it('lists every context with state, version and source; picks up kubeconfig edits', async () => {
    const r = clustersResponse.parse((await req('GET', '/api/clusters')).json());
    const live = r.clusters.find((c) => c.id === 'rest-test')!;
    expect(live).toMatchObject({ name: 'rest-test', state: 'connected', source: h.kubeconfigPath });
    expect(live.version).toMatch(/^v1\./);
    const dead = r.clusters.find((c) => c.name === 'Dead Cluster')!;
    expect(dead.id).toBe('dead-cluster');
    await eventually(() => h.dp.registry.get('dead-cluster')?.state === 'unreachable', 10_000, 'unreachable');
    expect(h.dp.registry.get('dead-cluster')?.error).toBeTruthy();
  });

  it('answers 503 for an unreachable cluster while the live one answers alongside', async () => {
    const [dead, live] = await Promise.all([req('GET', '/api/clusters/dead-cluster/resources/core/v1/pods'), req('GET', `${base}/resources/core/v1/namespaces`)]);
    expect(dead.statusCode).toBe(503);
    expect(apiError.parse(dead.json())).toMatchObject({ status: 503, reason: 'ServiceUnavailable', cluster: 'dead-cluster' });
    expect(live.statusCode).toBe(200);
    const unknown = await req('GET', '/api/clusters/nope/discovery');
    expect(unknown.statusCode).toBe(404);
  });

  it('serves preferred-version discovery and follows CRDs', async () => {
    const d = discoveryResponse.parse((await req('GET', `${base}/discovery`)).json());
    const deploy = d.resources.find((r) => r.resource === 'deployments')!;
    expect(deploy).toMatchObject({ group: 'apps', version: 'v1', kind: 'Deployment', namespaced: true });
    expect(deploy.subresources).toEqual(expect.arrayContaining(['scale', 'status']));
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: {
        group: 'example.com',
        scope: 'Namespaced',
        names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
        versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }],
      },
    };
    const c = await req('POST', `${base}/resources/apiextensions.k8s.io/v1/customresourcedefinitions`, crd);
    expect(c.statusCode).toBe(201);
    await eventually(async () => {
      const d2 = discoveryResponse.parse((await req('GET', `${base}/discovery`)).json());
      return d2.resources.some((r) => r.group === 'example.com' && r.resource === 'widgets');
    }, 10_000, 'CRD in discovery');
    const w = await req('POST', `${base}/resources/example.com/v1/widgets?namespace=default`, { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3 } });
    expect(w.statusCode).toBe(201);
    const got = await req('GET', `${base}/resources/example.com/v1/widgets/w1?namespace=default`);
    expect(got.json()).toMatchObject({ spec: { size: 3 } });
  });
});

describe('generic resources', () => {
  const cmUrl = () => `${base}/resources/core/v1/configmaps`;

  it('creates, gets, lists (paged), updates with preconditions, patches (all types) and deletes', async () => {
    for (let i = 0; i < 5; i++) {
      const r = await req('POST', `${cmUrl()}?namespace=default`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `page-${i}`, labels: { set: 'p' } }, data: { i: String(i) } });
      expect(r.statusCode).toBe(201);
    }
    const p1 = (await req('GET', `${cmUrl()}?namespace=default&labelSelector=set%3Dp&limit=2`)).json();
    expect(p1.items).toHaveLength(2);
    expect(p1.metadata.continue).toBeTruthy();
    const p2 = (await req('GET', `${cmUrl()}?namespace=default&labelSelector=set%3Dp&limit=10&continue=${encodeURIComponent(p1.metadata.continue)}`)).json();
    expect(p2.items).toHaveLength(3);

    const obj = (await req('GET', `${cmUrl()}/page-0?namespace=default`)).json();
    expect(obj.metadata.managedFields).toBeDefined(); // GET returns the object whole
    const stale = { ...obj, data: { i: 'x' } };
    expect((await req('PUT', `${cmUrl()}/page-0?namespace=default`, stale)).statusCode).toBe(200);
    const conflict = await req('PUT', `${cmUrl()}/page-0?namespace=default`, stale);
    expect(conflict.statusCode).toBe(409);
    expect(apiError.parse(conflict.json())).toMatchObject({ status: 409, reason: 'Conflict', cluster: 'rest-test' });

    const dry = await req('PATCH', `${cmUrl()}/page-1?namespace=default&dryRun=All`, { data: { i: 'dry' } }, 'application/merge-patch+json');
    expect(dry.json().data.i).toBe('dry');
    expect((await req('GET', `${cmUrl()}/page-1?namespace=default`)).json().data.i).toBe('1');
    expect((await req('PATCH', `${cmUrl()}/page-1?namespace=default`, [{ op: 'replace', path: '/data/i', value: 'j' }], 'application/json-patch+json')).json().data.i).toBe('j');
    expect((await req('PATCH', `${cmUrl()}/page-1?namespace=default`, { data: { s: 's' } }, 'application/strategic-merge-patch+json')).json().data).toEqual({ i: 'j', s: 's' });
    const ssa = await req('PATCH', `${cmUrl()}/page-2?namespace=default&fieldManager=wh-test&force=true`, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: page-2\ndata:\n  a: b\n', 'application/apply-patch+yaml');
    expect(ssa.statusCode).toBe(200);
    expect(ssa.json().data.a).toBe('b');
    const badType = await req('PATCH', `${cmUrl()}/page-1?namespace=default`, { data: {} });
    expect(badType.statusCode).toBe(400);

    expect((await req('DELETE', `${cmUrl()}/page-4?namespace=default`)).statusCode).toBe(200);
    const gone = await req('GET', `${cmUrl()}/page-4?namespace=default`);
    expect(gone.statusCode).toBe(404);
    expect(apiError.parse(gone.json()).reason).toBe('NotFound');
  });

  it('validates tuples and answers typed 400/404 errors', async () => {
    expect((await req('GET', `${base}/resources/core/v1/nothings`)).statusCode).toBe(404);
    const bad = await req('GET', `${base}/resources/core/v1/configmaps/Bad_Name?namespace=default`);
    expect(bad.statusCode).toBe(400);
    expect(apiError.parse(bad.json()).reason).toBe('BadRequest');
    expect((await req('GET', `${base}/resources/core/v1/configmaps/x`)).statusCode).toBe(400); // namespace required
    expect((await req('GET', `${base}/resources/..%2F..%2Fapi/v1/pods`)).statusCode).toBe(400);
  });

  it('reads and writes the scale subresource', async () => {
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web' },
      spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
    };
    expect((await req('POST', `${base}/resources/apps/v1/deployments?namespace=default`, dep)).statusCode).toBe(201);
    const scale = (await req('GET', `${base}/resources/apps/v1/deployments/web/scale?namespace=default`)).json();
    expect(scale).toMatchObject({ kind: 'Scale', spec: { replicas: 1 } });
    const patched = await req('PATCH', `${base}/resources/apps/v1/deployments/web/scale?namespace=default`, { spec: { replicas: 3 } }, 'application/merge-patch+json');
    expect(patched.json().spec.replicas).toBe(3);
    expect((await req('GET', `${base}/resources/apps/v1/deployments/web?namespace=default`)).json().spec.replicas).toBe(3);
  });

  it('redacts secret values everywhere and reveals one key on request', async () => {
    const s = await req('POST', `${base}/resources/core/v1/secrets?namespace=default`, {
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'creds', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"c2VjcmV0"}}' } },
      data: { password: Buffer.from('secret').toString('base64'), user: Buffer.from('admin').toString('base64') },
    });
    expect(s.statusCode).toBe(201);
    expect(s.json().data).toEqual({ password: '', user: '' });
    const one = (await req('GET', `${base}/resources/core/v1/secrets/creds?namespace=default`)).json();
    expect(one.data).toEqual({ password: '', user: '' });
    expect(JSON.stringify(one)).not.toContain('c2VjcmV0');
    const list = (await req('GET', `${base}/resources/core/v1/secrets?namespace=default`)).json();
    expect(JSON.stringify(list)).not.toContain(Buffer.from('secret').toString('base64'));
    const key = await req('GET', `${base}/secrets/default/creds/keys/password`);
    expect(key.json()).toEqual({ value: 'secret' });
    expect((await req('GET', `${base}/secrets/default/creds/keys/nope`)).statusCode).toBe(404);
  });

  it('serves a live cluster summary', async () => {
    h.sandbox.client.create({ group: '', version: 'v1', resource: 'events' }, {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: 'warn-1', namespace: 'default' },
      involvedObject: { kind: 'Pod', name: 'p', namespace: 'default' },
      reason: 'BackOff',
      message: 'Back-off restarting failed container',
      type: 'Warning',
      lastTimestamp: new Date().toISOString(),
      count: 3,
    });
    const DEP = { group: 'apps', version: 'v1', resource: 'deployments' };
    const dep = h.sandbox.client.get(DEP, 'default', 'web')!;
    h.sandbox.client.updateStatus(DEP, {
      ...dep,
      status: {
        replicas: 3,
        unavailableReplicas: 3,
        conditions: [{ type: 'Progressing', status: 'False', reason: 'ProgressDeadlineExceeded', message: 'ReplicaSet "web-1" has timed out progressing.' }],
      },
    });
    const r = await req('GET', `${base}/summary`);
    expect(r.statusCode).toBe(200);
    const s = clusterSummary.parse(r.json());
    expect(s.version).toMatch(/^v1\./);
    expect(s.warningEvents.some((e) => e.reason === 'BackOff')).toBe(true);
    expect(s.problems).toContainEqual(expect.objectContaining({ kind: 'Deployment', name: 'web', reason: 'ProgressDeadlineExceeded', group: 'apps', resource: 'deployments' }));
    expect(s.pods).toEqual({ Running: 0, Pending: 0, Succeeded: 0, Failed: 0, Unknown: 0 });
  });
});

describe('YAML limits on server-side apply bodies', () => {
  it('refuses an alias bomb and an over-deep document with 400 before anything reaches the cluster', async () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x"]', ...Array.from({ length: 120 }, (_, i) => `k${i}: *a`)].join('\n');
    const r1 = await req('PATCH', `${base}/resources/core/v1/configmaps/bomb?namespace=default&fieldManager=t`, bomb, 'application/apply-patch+yaml');
    expect(r1.statusCode).toBe(400);
    expect(apiError.parse(r1.json()).message).toMatch(/aliases/);
    const deep = '['.repeat(150) + ']'.repeat(150);
    const r2 = await req('PATCH', `${base}/resources/core/v1/configmaps/deep?namespace=default&fieldManager=t`, deep, 'application/apply-patch+yaml');
    expect(r2.statusCode).toBe(400);
    expect(apiError.parse(r2.json()).message).toMatch(/nested|deep/);
  });

  it('still applies a valid YAML body server-side', async () => {
    const doc = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: applied-yaml\n  namespace: default\ndata:\n  a: "1"\n';
    const r = await req('PATCH', `${base}/resources/core/v1/configmaps/applied-yaml?namespace=default&fieldManager=t`, doc, 'application/apply-patch+yaml');
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ data: { a: '1' } });
  });
});
