/** HTTP-level semantics of the sandbox API server: auth, discovery, CRUD, conflicts, subresources. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ name: 'crud' });
});
afterAll(async () => {
  await c?.stop();
});

const deploy = (name: string, replicas = 1) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, labels: { app: name } },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27' }] } },
  },
});

describe('transport and discovery', () => {
  it('rejects a missing or wrong token with a 401 Status', async () => {
    for (const token of [null, 'nope']) {
      const r = await request(c, 'GET', '/api/v1/namespaces', { token });
      expect(r.status).toBe(401);
      expect(r.json).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
    }
  });

  it('serves /version, health and discovery', async () => {
    expect((await request(c, 'GET', '/version', { token: null })).json).toMatchObject({ major: '1', minor: '32' });
    expect((await request(c, 'GET', '/readyz')).text).toBe('ok');
    const apis = await request(c, 'GET', '/apis');
    expect(apis.json.groups.map((g: { name: string }) => g.name)).toContain('apps');
    const rl = await request(c, 'GET', '/apis/apps/v1');
    expect(rl.json.resources.find((r: { name: string }) => r.name === 'deployments/scale')).toMatchObject({ kind: 'Scale', group: 'autoscaling' });
  });

  it('answers aggregated discovery with the exact media type and responseKind everywhere', async () => {
    const accept = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json';
    const r = await request(c, 'GET', '/apis', { accept });
    expect(r.headers['content-type']).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
    for (const g of r.json.items) for (const v of g.versions) for (const res of v.resources) expect(res.responseKind.kind).toBeTruthy();
    const core = await request(c, 'GET', '/api', { accept });
    expect(core.json.items[0].metadata.name).toBe('');
  });
});

describe('reviews', () => {
  it('answers access reviews for the cluster-admin token and reports the (impersonated) identity', async () => {
    const r = await request(c, 'POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', {
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'delete', resource: 'pods' } } },
    });
    expect(r.status).toBe(201);
    expect(r.json.status.allowed).toBe(true);
    const who = await request(c, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
      headers: { 'Impersonate-User': 'alice' },
    });
    expect(who.json.status.userInfo.username).toBe('alice');
  });
});

describe('create, get, update', () => {
  it('defaults metadata, rejects duplicates and unknown namespaces like a real server', async () => {
    const r = await request(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: deploy('web') });
    expect(r.status).toBe(201);
    expect(r.json.metadata).toMatchObject({ generation: 1, namespace: 'default' });
    expect(r.json.metadata.uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(r.json.spec.strategy.type).toBe('RollingUpdate');
    const dup = await request(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: deploy('web') });
    expect(dup.status).toBe(409);
    expect(dup.json).toMatchObject({ reason: 'AlreadyExists', message: 'deployments.apps "web" already exists' });
    const nons = await request(c, 'POST', '/api/v1/namespaces/missing/configmaps', { body: { metadata: { name: 'x' } } });
    expect(nons.status).toBe(404);
    expect(nons.json.message).toBe('namespaces "missing" not found');
    const missing = await request(c, 'GET', '/apis/apps/v1/namespaces/default/deployments/nope');
    expect(missing.json).toMatchObject({ code: 404, reason: 'NotFound', details: { name: 'nope', group: 'apps', kind: 'deployments' } });
  });

  it('supports generateName and dryRun=All', async () => {
    const g = await request(c, 'POST', '/api/v1/namespaces/default/configmaps', { body: { metadata: { generateName: 'gen-' } } });
    expect(g.json.metadata.name).toMatch(/^gen-[a-z0-9]{5}$/);
    const d = await request(c, 'POST', '/api/v1/namespaces/default/configmaps?dryRun=All', { body: { metadata: { name: 'dry' } } });
    expect(d.status).toBe(201);
    expect((await request(c, 'GET', '/api/v1/namespaces/default/configmaps/dry')).status).toBe(404);
  });

  it('rejects invalid names with 422 and field causes', async () => {
    const r = await request(c, 'POST', '/api/v1/namespaces/default/configmaps', { body: { metadata: { name: 'Bad_Name' } } });
    expect(r.status).toBe(422);
    expect(r.json.reason).toBe('Invalid');
    expect(r.json.details.causes[0].field).toBe('metadata.name');
    // one cause per error: the OpenAPI module's name rule is the only one
    expect(r.json.details.causes.filter((x: { field: string }) => x.field === 'metadata.name')).toHaveLength(1);
  });

  it('answers 400 for a body that does not decode and for unknown fields under Strict', async () => {
    const bad = { ...deploy('typed'), spec: { ...deploy('typed').spec, replicas: 'three' } };
    const r = await request(c, 'POST', '/apis/apps/v1/namespaces/default/deployments', { body: bad });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ reason: 'BadRequest', code: 400 });
    expect(r.json.message).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    const typo = { ...deploy('typo'), spec: { ...deploy('typo').spec, replicass: 2 } };
    const s = await request(c, 'POST', '/apis/apps/v1/namespaces/default/deployments?fieldValidation=Strict', { body: typo });
    expect(s.status).toBe(400);
    expect(s.json.message).toBe('Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.replicass"');
  });

  it('enforces optimistic concurrency with the real conflict message', async () => {
    const cur = (await request(c, 'GET', '/apis/apps/v1/namespaces/default/deployments/web')).json;
    const ok = await request(c, 'PUT', '/apis/apps/v1/namespaces/default/deployments/web', { body: { ...cur, spec: { ...cur.spec, replicas: 2 } } });
    expect(ok.status).toBe(200);
    expect(ok.json.metadata.generation).toBe(2);
    const stale = await request(c, 'PUT', '/apis/apps/v1/namespaces/default/deployments/web', { body: cur });
    expect(stale.status).toBe(409);
    expect(stale.json.message).toBe(
      'Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it('bumps generation on spec changes only and keeps status out of the main resource', async () => {
    const cur = (await request(c, 'GET', '/apis/apps/v1/namespaces/default/deployments/web')).json;
    const labelled = await request(c, 'PUT', '/apis/apps/v1/namespaces/default/deployments/web', {
      body: { ...cur, metadata: { ...cur.metadata, labels: { x: 'y' } }, status: { replicas: 9 } },
    });
    expect(labelled.json.metadata.generation).toBe(cur.metadata.generation);
    expect(labelled.json.status).toBeUndefined();
    const st = await request(c, 'PUT', '/apis/apps/v1/namespaces/default/deployments/web/status', {
      body: { ...labelled.json, spec: { ...labelled.json.spec, replicas: 7 }, status: { replicas: 3, observedGeneration: 2 } },
    });
    expect(st.status).toBe(200);
    expect(st.json.status.replicas).toBe(3);
    expect(st.json.spec.replicas).toBe(cur.spec.replicas);
    expect(st.json.metadata.generation).toBe(cur.metadata.generation);
  });

  it('does not bump resourceVersion on a no-op update', async () => {
    const cur = (await request(c, 'GET', '/apis/apps/v1/namespaces/default/deployments/web')).json;
    const same = await request(c, 'PUT', '/apis/apps/v1/namespaces/default/deployments/web', { body: cur });
    expect(same.json.metadata.resourceVersion).toBe(cur.metadata.resourceVersion);
  });

  it('serves the scale subresource, including a PUT with no Content-Type', async () => {
    const s = await request(c, 'GET', '/apis/apps/v1/namespaces/default/deployments/web/scale');
    expect(s.json).toMatchObject({ kind: 'Scale', apiVersion: 'autoscaling/v1', spec: { replicas: 2 }, status: { selector: 'app=web' } });
    const put = await request(c, 'PUT', '/apis/apps/v1/namespaces/default/deployments/web/scale', {
      body: JSON.stringify({ ...s.json, spec: { replicas: 5 } }),
      contentType: '',
      headers: {},
    });
    expect(put.status).toBe(200);
    expect(put.json.spec.replicas).toBe(5);
    const patched = await request(c, 'PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale', {
      body: { spec: { replicas: 3 } },
      contentType: 'application/merge-patch+json',
    });
    expect(patched.json.spec.replicas).toBe(3);
    expect((await request(c, 'GET', '/apis/apps/v1/namespaces/default/deployments/web')).json.spec.replicas).toBe(3);
  });

  it('answers Tables with kubectl columns and PartialObjectMetadata rows', async () => {
    await request(c, 'POST', '/api/v1/namespaces/default/pods', {
      body: { metadata: { name: 'p1', labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } },
    });
    const accept = 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json';
    const t = await request(c, 'GET', '/api/v1/namespaces/default/pods', { accept });
    expect(t.json.kind).toBe('Table');
    expect(t.json.columnDefinitions.map((d: { name: string }) => d.name).slice(0, 5)).toEqual(['Name', 'Ready', 'Status', 'Restarts', 'Age']);
    expect(t.json.rows[0].cells.slice(0, 4)).toEqual(['p1', '0/1', 'Pending', '0']);
    expect(t.json.rows[0].object).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { labels: { a: 'b' } } });
  });

  it('rejects bodies over 3 MiB and unknown patch types', async () => {
    const big = await request(c, 'POST', '/api/v1/namespaces/default/configmaps', { body: 'x'.repeat(3 * 1024 * 1024 + 10) });
    expect(big.status).toBe(413);
    const bad = await request(c, 'PATCH', '/api/v1/namespaces/default/pods/p1', { body: '{}', contentType: 'text/plain' });
    expect(bad.status).toBe(415);
  });

  it('validates selectors like a real server', async () => {
    const r = await request(c, 'GET', '/api/v1/pods?fieldSelector=spec.foo%3Dbar');
    expect(r.status).toBe(400);
    expect(r.json.message).toContain('field label not supported: spec.foo');
    const ok = await request(c, 'GET', '/api/v1/pods?fieldSelector=status.phase%3DPending,spec.nodeName%3D&labelSelector=a%20in%20(b,c),!zz');
    expect(ok.json.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toEqual(['p1']);
  });
});

describe('bulk seeding (in-process createSeeded)', () => {
  it('creates objects keeping their status, without managedFields, with ADDED events for watchers', async () => {
    const ref = { group: '', version: 'v1', resource: 'pods' };
    const pod = (name: string) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name, namespace: 'default', labels: { seeded: 'yes' } },
      spec: { nodeName: 'n1', containers: [{ name: 'c', image: 'nginx:1.27' }] },
      status: { phase: 'Running', podIP: '10.0.0.9' },
    });
    const seen: string[] = [];
    const stop = c.client.watch(ref, { namespace: 'default', labelSelector: 'seeded=yes', resourceVersion: String(Number(c.client.list(ref).resourceVersion)) }, (e) => {
      if (e.type === 'ADDED') seen.push(e.object.metadata.name!);
    });
    const out = c.client.createSeeded!(ref, [pod('seed-a'), pod('seed-b')]);
    expect(out.map((o) => o.metadata.name)).toEqual(['seed-a', 'seed-b']);
    const got = (await request(c, 'GET', '/api/v1/namespaces/default/pods/seed-a')).json;
    expect(got.status).toMatchObject({ phase: 'Running', podIP: '10.0.0.9' });
    expect(got.metadata.uid).toBeTruthy();
    expect(got.metadata.managedFields).toBeUndefined();
    expect(got.spec.containers[0].terminationMessagePath).toBe('/dev/termination-log'); // defaulted like create()
    expect(() => c.client.createSeeded!(ref, [pod('seed-a')])).toThrow();
    await eventually(() => (seen.length === 2 ? seen : undefined));
    stop();
  });
});
