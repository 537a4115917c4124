/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON here */
/**
 * Wire fidelity seen by clients other than kubectl (the Python client's `watch=True`, curl's pretty output,
 * raw DELETE answers) and by kubectl's server-side dry run: query booleans, JSON framing, DELETE codes and
 * bodies, log byte limits, the pre-timeout watch BOOKMARK, unconditional PUT and decode error wording.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { widgetCrd } from '../scenarios/crd';
import { eventually, hasKubectl, kubectl, openWatch, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
const cm = (name: string, extra: Record<string, unknown> = {}) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: { k: 'v' } });
const CMS = '/api/v1/namespaces/default/configmaps';

beforeAll(async () => {
  c = await startTestCluster({ name: 'wire' });
});
afterAll(async () => {
  await c?.stop();
});

describe('query parameters', () => {
  it('watch=True (the Python client) watches; watch=false and watch=0 list', async () => {
    await request(c, 'POST', CMS, { body: cm('w1') });
    const w = openWatch(c, `${CMS}?watch=True&timeoutSeconds=5`);
    await w.waitFor((ev) => ev.some((e) => e.type === 'ADDED' && e.object.metadata.name === 'w1'));
    w.close();
    for (const v of ['false', 'FALSE', '0', 'f']) {
      const r = await request(c, 'GET', `${CMS}?watch=${v}`);
      expect(r.json.kind).toBe('ConfigMapList');
    }
  });

  it('allowWatchBookmarks=True with timeoutSeconds gets a BOOKMARK before the watch ends', async () => {
    const list = await request(c, 'GET', CMS);
    const w = openWatch(c, `${CMS}?watch=1&allowWatchBookmarks=True&timeoutSeconds=3&resourceVersion=${list.json.metadata.resourceVersion}`);
    const events = await w.waitFor((ev) => ev.some((e) => e.type === 'BOOKMARK'));
    expect(w.ended).toBe(false);
    const b = events.find((e) => e.type === 'BOOKMARK')!;
    expect(b.object).toMatchObject({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { resourceVersion: expect.any(String) } });
    await w.waitFor(() => w.ended);
  });

  it('orphanDependents=True orphans; the default (Background) collects the dependents', async () => {
    for (const mode of ['orphan', 'background']) {
      const owner = (await request(c, 'POST', CMS, { body: cm(`owner-${mode}`) })).json;
      const ref = { apiVersion: 'v1', kind: 'ConfigMap', name: owner.metadata.name, uid: owner.metadata.uid };
      await request(c, 'POST', CMS, { body: cm(`child-${mode}`, { ownerReferences: [ref] }) });
      const q = mode === 'orphan' ? '?orphanDependents=True' : '';
      expect((await request(c, 'DELETE', `${CMS}/owner-${mode}${q}`)).status).toBe(200);
      await eventually(async () => (await request(c, 'GET', `${CMS}/owner-${mode}`)).status === 404);
      if (mode === 'orphan') {
        const child = await eventually(async () => {
          const r = await request(c, 'GET', `${CMS}/child-${mode}`);
          return r.json.metadata.ownerReferences === undefined && r.json;
        });
        expect(child.metadata.name).toBe('child-orphan');
      } else await eventually(async () => (await request(c, 'GET', `${CMS}/child-${mode}`)).status === 404);
    }
  });
});

describe('responses', () => {
  it('JSON bodies end with a newline; pretty=true indents like json.MarshalIndent', async () => {
    await request(c, 'POST', CMS, { body: cm('pretty') });
    const plain = await request(c, 'GET', `${CMS}/pretty`);
    expect(plain.text.endsWith('}\n')).toBe(true);
    expect(plain.text.split('\n')).toHaveLength(2);
    const missing = await request(c, 'GET', `${CMS}/nope`);
    expect(missing.text.endsWith('}\n')).toBe(true);
    const pretty = await request(c, 'GET', `${CMS}/pretty?pretty=true`);
    expect(pretty.text).toBe(`${JSON.stringify(plain.json, null, 2)}\n`);
    expect(pretty.text).toMatch(/^\{\n {2}"kind": "ConfigMap",\n|^\{\n {2}"apiVersion": "v1",\n/);
    const curl = await request(c, 'GET', `${CMS}/pretty`, { headers: { 'User-Agent': 'curl/8.5.0' } });
    expect(curl.text).toBe(pretty.text);
    const list = await request(c, 'GET', `${CMS}?pretty=1`);
    expect(list.text).toContain('\n  "items": [\n');
  });

  it('DELETE answers 200 with a Status for a ConfigMap and with the object for a Service or a terminating Namespace', async () => {
    await request(c, 'POST', CMS, { body: cm('gone') });
    const d = await request(c, 'DELETE', `${CMS}/gone`);
    expect(d.status).toBe(200);
    expect(d.json).toMatchObject({ kind: 'Status', status: 'Success', details: { name: 'gone', kind: 'configmaps' } });
    await request(c, 'POST', '/api/v1/namespaces/default/services', { body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } } });
    const s = await request(c, 'DELETE', '/api/v1/namespaces/default/services/s');
    expect(s.status).toBe(200);
    expect(s.json.kind).toBe('Service');
    await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'doomed' } } });
    const ns = await request(c, 'DELETE', '/api/v1/namespaces/doomed');
    expect(ns.status).toBe(200);
    expect(ns.json.status.phase).toBe('Terminating');
  });

  it('DELETE with dryRun=All (query or body) deletes nothing, also for deletecollection', async () => {
    await request(c, 'POST', CMS, { body: cm('keep', { labels: { dry: 'run' } }) });
    expect((await request(c, 'DELETE', `${CMS}/keep?dryRun=All`)).status).toBe(200);
    expect((await request(c, 'DELETE', `${CMS}/keep`, { body: { dryRun: ['All'] } })).status).toBe(200);
    const col = await request(c, 'DELETE', `${CMS}?labelSelector=dry%3Drun`, { body: { kind: 'DeleteOptions', apiVersion: 'v1', dryRun: ['All'] } });
    expect(col.status).toBe(200);
    expect(col.json.items.map((i: any) => i.metadata.name)).toEqual(['keep']);
    expect((await request(c, 'GET', `${CMS}/keep`)).status).toBe(200);
    const bad = await request(c, 'DELETE', `${CMS}/keep`, { body: { dryRun: ['Some'] } });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('dryRun: Unsupported value: "Some": supported values: "All"');
  });

  it.skipIf(!hasKubectl)('kubectl delete --dry-run=server keeps the object; so does delete --all', async () => {
    await request(c, 'POST', CMS, { body: cm('kdry') });
    const r = await kubectl(c, ['delete', 'configmap', 'kdry', '--dry-run=server']);
    expect(r.stdout).toContain('configmap "kdry" deleted (server dry run)');
    const all = await kubectl(c, ['delete', 'configmap', '--all', '--dry-run=server']);
    expect(all.code).toBe(0);
    expect((await request(c, 'GET', `${CMS}/kdry`)).status).toBe(200);
  });

  it('PUT without resourceVersion (or "0") is an unconditional update for built-ins, refused for custom resources', async () => {
    await request(c, 'POST', CMS, { body: cm('uncond') });
    for (const rv of [undefined, '0']) {
      const body = { ...cm('uncond', rv ? { resourceVersion: rv } : {}), data: { k: String(rv) } };
      const r = await request(c, 'PUT', `${CMS}/uncond`, { body });
      expect(r.status).toBe(200);
      expect(r.json.data.k).toBe(String(rv));
    }
    const stale = await request(c, 'PUT', `${CMS}/uncond`, { body: cm('uncond', { resourceVersion: '1' }) });
    expect(stale.status).toBe(409);
    expect((await request(c, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: widgetCrd })).status).toBe(201);
    const W = '/apis/example.wheelhouse.dev/v1/namespaces/default/widgets';
    const w = { apiVersion: 'example.wheelhouse.dev/v1', kind: 'Widget', metadata: { name: 'w' }, spec: { size: 'small' } };
    expect((await eventually(async () => (await request(c, 'POST', W, { body: w })).status === 201)) as boolean).toBe(true);
    const put = await request(c, 'PUT', `${W}/w`, { body: w });
    expect(put.status).toBe(422);
    expect(put.json.message).toBe('widgets.example.wheelhouse.dev "w" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  });
});

describe('malformed bodies are refused in the decoder\'s words', () => {
  it.skipIf(!hasKubectl)('a Pod manifest POSTed raw to /namespaces (kubectl\'s own test)', async () => {
    const f = path.join(c.dir, 'valid-pod.yaml');
    fs.writeFileSync(f, 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: valid-pod\nspec:\n  containers:\n  - name: c\n    image: nginx\n');
    const r = await kubectl(c, ['create', '--raw', '/api/v1/namespaces', '-f', f]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('the object provided is unrecognized (must be of type Namespace)');
    expect(r.stderr).toContain("couldn't get version/kind; json parse error: invalid character 'a' looking for beginning of value");
  });

  it('JSON bodies of the wrong shape or kind', async () => {
    const cases: [unknown, number, string][] = [
      ['"hello"', 400, `the object provided is unrecognized (must be of type ConfigMap): couldn't get version/kind; json parse error: json: cannot unmarshal string into Go value of type struct`],
      ['{"kind": ', 400, "couldn't get version/kind; json parse error: unexpected end of JSON input"],
      ['{"a" 1}', 400, "invalid character '1' after object key"],
      [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: 'x' }, 400, 'ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal string into Go struct field ConfigMap.metadata of type v1.ObjectMeta'],
      [{ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'l', labels: 'x' } }, 400, 'json: cannot unmarshal string into Go struct field ObjectMeta.metadata.labels of type map[string]string'],
      [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } }, 400, 'Pod in version "v1" cannot be handled as a ConfigMap: converting (v1.Pod) to (core.ConfigMap): unknown conversion'],
      [{ apiVersion: 'apps/v1', kind: 'ConfigMap', metadata: { name: 'p' } }, 400, 'the API version in the data (apps/v1) does not match the expected API version (v1)'],
    ];
    for (const [body, code, msg] of cases) {
      const r = await request(c, 'POST', CMS, { body });
      expect(r.status, JSON.stringify(body)).toBe(code);
      expect(r.json.message).toContain(msg);
      expect(r.json.message).not.toMatch(/Unexpected token|is not valid JSON|Cannot (read|create) propert/);
    }
  });

  it('a strategic merge patch putting a string where a map belongs', async () => {
    await request(c, 'POST', CMS, { body: cm('smp') });
    const r = await request(c, 'PATCH', `${CMS}/smp`, { body: { metadata: { labels: 'x' } }, contentType: 'application/strategic-merge-patch+json' });
    expect(r.status).toBe(422);
    expect(r.json.message).toContain('cannot restore map from string');
    const junk = await request(c, 'PATCH', `${CMS}/smp`, { body: 'junk', contentType: 'application/merge-patch+json' });
    expect(junk.status).toBe(400);
    expect(junk.json.message).toBe("invalid character 'j' looking for beginning of value");
  });
});

describe('metrics and discovery', () => {
  it.skipIf(!hasKubectl)('/metrics answers in the Prometheus text format with the sandbox\'s own requests', async () => {
    await request(c, 'GET', `${CMS}/metrics-probe`);
    await request(c, 'GET', CMS);
    const r = await kubectl(c, ['get', '--raw', '/metrics']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# TYPE apiserver_request_total counter');
    expect(r.stdout).toMatch(/\napiserver_request_total\{code="404",component="apiserver",dry_run="",group="",resource="configmaps",scope="resource",subresource="",verb="GET",version="v1"\} [1-9]/);
    expect(r.stdout).toMatch(/\napiserver_request_total\{code="200",component="apiserver",dry_run="",group="",resource="configmaps",scope="namespace",subresource="",verb="LIST",version="v1"\} [1-9]/);
    expect(r.stdout).toMatch(/\napiserver_request_duration_seconds_bucket\{le="0\.005",/);
    expect(r.stdout).toMatch(/\napiserver_storage_objects\{resource="namespaces"\} [1-9]/);
    const raw = await request(c, 'GET', '/metrics');
    expect(raw.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('legacy discovery carries storageVersionHash like upstream (converted views share their storage kind\'s)', async () => {
    const core = (await request(c, 'GET', '/api/v1')).json.resources;
    expect(core.find((r: any) => r.name === 'pods').storageVersionHash).toBe('xPOwRZ+Yhw8=');
    expect(core.find((r: any) => r.name === 'pods/status').storageVersionHash).toBeUndefined();
    const apps = (await request(c, 'GET', '/apis/apps/v1')).json.resources;
    expect(apps.find((r: any) => r.name === 'deployments').storageVersionHash).toBe('8aSe+NMegvE=');
    const ev = (await request(c, 'GET', '/apis/events.k8s.io/v1')).json.resources.find((r: any) => r.name === 'events');
    expect(ev.storageVersionHash).toBe(core.find((r: any) => r.name === 'events').storageVersionHash);
    const reviews = (await request(c, 'GET', '/apis/authorization.k8s.io/v1')).json.resources;
    expect(reviews.every((r: any) => r.storageVersionHash === undefined)).toBe(true);
  });
});
