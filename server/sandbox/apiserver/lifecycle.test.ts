/** Deletion semantics (finalizers, propagation, GC, namespaces), CRDs and the in-process client. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, openWatch, request, startTestCluster, type TestCluster } from './test-helpers';
import type { WatchEvent } from '../types';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ name: 'life' });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'l' } } });
});
afterAll(async () => {
  await c?.stop();
});

const get = (p: string) => request(c, 'GET', p);

async function owner(name: string) {
  return (await request(c, 'POST', '/api/v1/namespaces/l/configmaps', { body: { metadata: { name } } })).json;
}

async function dependant(name: string, o: { metadata: { name: string; uid: string } }) {
  return (
    await request(c, 'POST', '/api/v1/namespaces/l/configmaps', {
      body: { metadata: { name, ownerReferences: [{ apiVersion: 'v1', kind: 'ConfigMap', name: o.metadata.name, uid: o.metadata.uid, blockOwnerDeletion: true }] } },
    })
  ).json;
}

describe('deletion', () => {
  it('keeps an object with finalizers until they are removed', async () => {
    await request(c, 'POST', '/api/v1/namespaces/l/configmaps', { body: { metadata: { name: 'fin', finalizers: ['example.com/x'] } } });
    const d = await request(c, 'DELETE', '/api/v1/namespaces/l/configmaps/fin');
    // upstream answers 200 with the still-present object (202 only when orphanDependents=false was sent)
    expect(d.status).toBe(200);
    const cur = (await get('/api/v1/namespaces/l/configmaps/fin')).json;
    expect(cur.metadata.deletionTimestamp).toBeTruthy();
    const w = openWatch(c, `/api/v1/namespaces/l/configmaps?watch=true&resourceVersion=${cur.metadata.resourceVersion}`);
    await request(c, 'PUT', '/api/v1/namespaces/l/configmaps/fin', { body: { ...cur, metadata: { ...cur.metadata, finalizers: [] } } });
    const ev = await w.waitFor((e) => e.some((x) => x.type === 'DELETED'));
    expect(ev.map((e) => e.type)).toEqual(['MODIFIED', 'DELETED']);
    w.close();
    expect((await get('/api/v1/namespaces/l/configmaps/fin')).status).toBe(404);
  });

  it('garbage-collects dependants after a Background delete', async () => {
    const o = await owner('bg-owner');
    await dependant('bg-dep', o);
    expect((await request(c, 'DELETE', '/api/v1/namespaces/l/configmaps/bg-owner')).status).toBe(200);
    await eventually(async () => (await get('/api/v1/namespaces/l/configmaps/bg-dep')).status === 404);
  });

  it('orphans dependants with propagationPolicy=Orphan', async () => {
    const o = await owner('or-owner');
    await dependant('or-dep', o);
    await request(c, 'DELETE', '/api/v1/namespaces/l/configmaps/or-owner', { body: { propagationPolicy: 'Orphan' } });
    await eventually(async () => (await get('/api/v1/namespaces/l/configmaps/or-owner')).status === 404);
    const dep = (await get('/api/v1/namespaces/l/configmaps/or-dep')).json;
    expect(dep.metadata.ownerReferences).toBeUndefined();
  });

  it('deletes dependants first with propagationPolicy=Foreground', async () => {
    const o = await owner('fg-owner');
    await dependant('fg-dep', o);
    const d = await request(c, 'DELETE', '/api/v1/namespaces/l/configmaps/fg-owner?propagationPolicy=Foreground');
    expect(d.status).toBe(200);
    expect(d.json.metadata.finalizers).toContain('foregroundDeletion');
    await eventually(async () => (await get('/api/v1/namespaces/l/configmaps/fg-owner')).status === 404);
    expect((await get('/api/v1/namespaces/l/configmaps/fg-dep')).status).toBe(404);
  });

  it('returns a 409 when delete preconditions fail', async () => {
    await owner('pre');
    const r = await request(c, 'DELETE', '/api/v1/namespaces/l/configmaps/pre', { body: { preconditions: { uid: 'nope' } } });
    expect(r.status).toBe(409);
  });

  it('terminates a namespace: contents first, then the namespace', async () => {
    await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'gone' } } });
    await request(c, 'POST', '/api/v1/namespaces/gone/configmaps', { body: { metadata: { name: 'a' } } });
    const d = await request(c, 'DELETE', '/api/v1/namespaces/gone');
    expect(d.json.status.phase).toBe('Terminating');
    const refused = await request(c, 'POST', '/api/v1/namespaces/gone/configmaps', { body: { metadata: { name: 'b' } } });
    expect([403, 404]).toContain(refused.status);
    await eventually(async () => (await get('/api/v1/namespaces/gone')).status === 404);
    expect((await get('/api/v1/namespaces/gone/configmaps')).json.items).toEqual([]);
  });

  it('deletes a collection by label selector', async () => {
    for (const n of ['dc1', 'dc2', 'dc3']) await request(c, 'POST', '/api/v1/namespaces/l/configmaps', { body: { metadata: { name: n, labels: { dc: n === 'dc3' ? 'no' : 'yes' } } } });
    const r = await request(c, 'DELETE', '/api/v1/namespaces/l/configmaps?labelSelector=dc%3Dyes');
    expect(r.json.items.map((i: { metadata: { name: string } }) => i.metadata.name)).toEqual(['dc1', 'dc2']);
    expect((await get('/api/v1/namespaces/l/configmaps?labelSelector=dc')).json.items.length).toBe(1);
  });
});

const crd = {
  apiVersion: 'apiextensions.k8s.io/v1',
  kind: 'CustomResourceDefinition',
  metadata: { name: 'widgets.example.com' },
  spec: {
    group: 'example.com',
    scope: 'Namespaced',
    names: { plural: 'widgets', singular: 'widget', kind: 'Widget', shortNames: ['wd'] },
    versions: [
      {
        name: 'v1',
        served: true,
        storage: true,
        schema: { openAPIV3Schema: { type: 'object', properties: { spec: { type: 'object', properties: { size: { type: 'integer' }, replicas: { type: 'integer' } } }, status: { type: 'object', x_kubernetes_preserve_unknown_fields: true, properties: { replicas: { type: 'integer' } } } } } },
        subresources: { status: {}, scale: { specReplicasPath: '.spec.replicas', statusReplicasPath: '.status.replicas' } },
        additionalPrinterColumns: [{ name: 'Size', type: 'integer', jsonPath: '.spec.size' }],
      },
    ],
  },
};

describe('custom resources', () => {
  it('serves a CRD as soon as it is created: discovery, CRUD, table, status and scale', async () => {
    const r = await request(c, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd });
    expect(r.status).toBe(201);
    expect(r.json.status.conditions.map((x: { type: string; status: string }) => `${x.type}=${x.status}`)).toEqual(['NamesAccepted=True', 'Established=True']);
    const disc = await get('/apis/example.com/v1');
    expect(disc.json.resources.map((x: { name: string }) => x.name)).toEqual(['widgets', 'widgets/status', 'widgets/scale']);
    const w = await request(c, 'POST', '/apis/example.com/v1/namespaces/l/widgets', {
      body: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1' }, spec: { size: 3, replicas: 1 }, status: { replicas: 5 } },
    });
    expect(w.status).toBe(201);
    expect(w.json.metadata.generation).toBe(1);
    expect(w.json.status).toBeUndefined();
    const t = await request(c, 'GET', '/apis/example.com/v1/namespaces/l/widgets', { accept: 'application/json;as=Table;v=v1;g=meta.k8s.io' });
    expect(t.json.columnDefinitions.map((x: { name: string }) => x.name)).toEqual(['Name', 'Size']);
    expect(t.json.rows[0].cells).toEqual(['w1', 3]);
    const st = await request(c, 'PATCH', '/apis/example.com/v1/namespaces/l/widgets/w1/status', { body: { status: { replicas: 1 } }, contentType: 'application/merge-patch+json' });
    expect(st.json.status.replicas).toBe(1);
    const sc = await request(c, 'PATCH', '/apis/example.com/v1/namespaces/l/widgets/w1/scale', { body: { spec: { replicas: 4 } }, contentType: 'application/merge-patch+json' });
    expect(sc.json).toMatchObject({ kind: 'Scale', spec: { replicas: 4 }, status: { replicas: 1 } });
    expect((await get('/apis/example.com/v1/namespaces/l/widgets/w1')).json.metadata.generation).toBe(2);
    const smp = await request(c, 'PATCH', '/apis/example.com/v1/namespaces/l/widgets/w1', { body: {}, contentType: 'application/strategic-merge-patch+json' });
    expect(smp.status).toBe(415);
  });

  it('stops serving custom resources when the CRD is deleted', async () => {
    await request(c, 'DELETE', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com');
    await eventually(async () => (await get('/apis/example.com/v1/namespaces/l/widgets')).status === 404);
  });
});

describe('in-process client', () => {
  it('shares the semantics and delivers watch events asynchronously in order', async () => {
    const ref = { group: '', version: 'v1', resource: 'configmaps' };
    const events: WatchEvent[] = [];
    let sync = true;
    const stop = c.client.watch(ref, { namespace: 'l' }, (e) => {
      expect(sync).toBe(false);
      events.push(e);
    });
    const created = c.client.create(ref, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'ip', namespace: 'l' } });
    c.client.update(ref, { ...created, data: { a: 'b' } });
    expect(() => c.client.update(ref, created)).toThrowError(/the object has been modified/);
    c.client.delete(ref, 'l', 'ip');
    sync = false;
    await eventually(() => events.some((e) => e.type === 'DELETED' && e.object.metadata.name === 'ip'));
    const mine = events.filter((e) => e.object.metadata.name === 'ip').map((e) => e.type);
    expect(mine).toEqual(['ADDED', 'MODIFIED', 'DELETED']);
    stop();
    expect(c.client.get(ref, 'l', 'ip')).toBeUndefined();
  });
});
