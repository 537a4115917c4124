/** Metadata-only reads (PartialObjectMetadata and its List): labels travel, payloads do not. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ name: 'meta-view' });
  for (const n of ['a', 'b']) {
    const r = await request(c, 'POST', '/api/v1/namespaces/default/secrets', {
      body: { apiVersion: 'v1', kind: 'Secret', metadata: { name: `s-${n}`, labels: { owner: 'helm', name: n } }, type: 'helm.sh/release.v1', data: { release: Buffer.from('payload').toString('base64') } },
    });
    expect(r.status).toBe(201);
  }
});
afterAll(async () => {
  await c?.stop();
});

const LIST = 'application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json';
const ONE = 'application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json';

describe('PartialObjectMetadata', () => {
  it('lists metadata only, honouring label selectors and paging', async () => {
    const r = await request(c, 'GET', '/api/v1/namespaces/default/secrets?labelSelector=owner%3Dhelm&limit=1', { accept: LIST });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1');
    expect(r.json).toMatchObject({ kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1' });
    expect(r.json.items).toHaveLength(1);
    expect(r.json.metadata.continue).toBeTruthy();
    expect(r.json.items[0]).toMatchObject({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: { name: 's-a', labels: { owner: 'helm', name: 'a' } } });
    expect(r.text).not.toContain('"data"');
    expect(r.text).not.toContain('"type"');
  });

  it('answers a single object as PartialObjectMetadata, and the full object for plain JSON', async () => {
    const one = await request(c, 'GET', '/api/v1/namespaces/default/secrets/s-b', { accept: ONE });
    expect(one.json).toMatchObject({ kind: 'PartialObjectMetadata', metadata: { name: 's-b' } });
    expect(one.json.data).toBeUndefined();
    const full = await request(c, 'GET', '/api/v1/namespaces/default/secrets/s-b', { accept: 'application/json' });
    expect(full.json).toMatchObject({ kind: 'Secret', data: { release: expect.any(String) } });
  });
});
