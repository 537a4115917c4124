/**
 * The OpenAPI v3 route against a sandbox cluster over real HTTPS: index, built-in and CRD documents, the
 * per-hash cache (a second read does not go upstream; a new CRD changes the hash and is fetched again),
 * validation of the group-version path, and the conversion into a JSON Schema monaco-yaml can use.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../watch/testing';
import { widgetCrd } from '@wheelhouse/sandbox/testing';
import { buildDocumentSchema, type OpenApiDoc } from '../../lib/yaml/openapi-schema';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ name: 'openapi-test' });
  await eventually(() => h.dp.registry.list()[0]?.state === 'connected', 10_000, 'cluster connected');
});
afterAll(async () => h?.close());

const get = (path: string, headers: Record<string, string> = {}) => h.app.inject({ url: `/api/clusters/${h.clusterId}/openapi/v3${path}`, headers });

describe('GET /api/clusters/:cluster/openapi/v3', () => {
  it('lists group-versions without exposing upstream URLs', async () => {
    const r = await get('');
    expect(r.statusCode).toBe(200);
    const paths = (r.json() as { paths: Record<string, unknown> }).paths;
    expect(Object.keys(paths)).toEqual(expect.arrayContaining(['api/v1', 'apis/apps/v1']));
    expect(r.body).not.toContain('hash=');
  });

  it('serves a group-version document, cached by hash and revalidated by ETag', async () => {
    const r = await get('/apis/apps/v1');
    expect(r.statusCode).toBe(200);
    const doc = r.json() as OpenApiDoc;
    expect(Object.keys(doc.components?.schemas ?? {})).toContain('io.k8s.api.apps.v1.Deployment');
    const etag = String(r.headers.etag);
    expect(etag).toMatch(/^".+"$/);
    const again = await get('/apis/apps/v1', { 'if-none-match': etag });
    expect(again.statusCode).toBe(304);
  });

  it('converts a Deployment schema for the editor with int-or-string and strict objects', async () => {
    const doc = (await get('/apis/apps/v1')).json() as OpenApiDoc;
    const s = buildDocumentSchema([{ gvk: { group: 'apps', version: 'v1', kind: 'Deployment' }, doc }]);
    const defs = s.definitions as Record<string, { properties?: Record<string, unknown>; additionalProperties?: unknown }>;
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec'].properties).toHaveProperty('replicas');
    expect(defs['io.k8s.api.apps.v1.DeploymentSpec'].additionalProperties).toBe(false);
    expect(JSON.stringify(defs['io.k8s.apimachinery.pkg.util.intstr.IntOrString'])).toContain('oneOf');
    expect(JSON.stringify(s)).not.toContain('#/components/');
  });

  it('serves CRD schemas and fetches again when a new CRD changes the index hash', async () => {
    const crds = { group: 'apiextensions.k8s.io', version: 'v1', resource: 'customresourcedefinitions' };
    h.sandbox.client.create(crds, widgetCrd);
    let doc: OpenApiDoc | undefined;
    await eventually(async () => {
      const r = await get('/apis/example.wheelhouse.dev/v1');
      if (r.statusCode !== 200) return false;
      doc = r.json() as OpenApiDoc;
      return true;
    }, 15_000, 'widget document');
    const s = buildDocumentSchema([{ gvk: { group: 'example.wheelhouse.dev', version: 'v1', kind: 'Widget' }, doc: doc! }]);
    expect(JSON.stringify(s)).toContain('"small"');
    const first = (await get('/apis/example.wheelhouse.dev/v1')).headers.etag;

    const gadget = structuredClone(widgetCrd) as typeof widgetCrd & { spec: { names: Record<string, unknown> } };
    gadget.metadata = { name: 'gadgets.example.wheelhouse.dev' };
    gadget.spec.names = { plural: 'gadgets', singular: 'gadget', kind: 'Gadget', listKind: 'GadgetList' };
    h.sandbox.client.create(crds, gadget);
    await eventually(async () => {
      const r = await get('/apis/example.wheelhouse.dev/v1');
      return r.statusCode === 200 && r.headers.etag !== first && r.body.includes('Gadget');
    }, 15_000, 'document with the new kind');
  });

  it('rejects malformed group-version paths with a typed 400 and unknown ones with 404', async () => {
    for (const bad of ['/apis/../v1', '/foo/v1', '/apis/apps', '/api/v1/extra']) {
      const r = await get(bad);
      expect([400, 404]).toContain(r.statusCode);
      expect(r.json()).toMatchObject({ status: r.statusCode });
    }
    const bad = await get('/apis/Apps!/v1');
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ status: 400, reason: 'BadRequest' });
    const missing = await get('/apis/nothing.example.com/v1');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ status: 404, reason: 'NotFound' });
  });
});
