/* eslint-disable @typescript-eslint/no-explicit-any -- Events are handled as untyped JSON here */
/**
 * events.k8s.io/v1 Events are a converted view of the stored core/v1 Events (events-view.ts): one
 * object, readable, writable and watchable through either API, over real HTTPS and with kubectl.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, kubectl, kubectlStream, openWatch, request, startTestCluster, type TestCluster } from './test-helpers';

const CORE = '/api/v1/namespaces/ev/events';
const NEW = '/apis/events.k8s.io/v1/namespaces/ev/events';
const TABLE = 'application/json;as=Table;v=v1;g=meta.k8s.io';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ name: 'events-view' });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'ev' } } });
});
afterAll(async () => {
  await c?.stop();
});

const pod = (name: string) => ({ apiVersion: 'v1', kind: 'Pod', name, namespace: 'ev', uid: `uid-${name}` });

const coreEvent = (name: string) => ({
  metadata: { name },
  involvedObject: { ...pod('web-1'), fieldPath: 'spec.containers{web}' },
  reason: 'Pulled',
  message: 'Successfully pulled image "nginx:1.27"',
  source: { component: 'kubelet', host: 'node-a' },
  firstTimestamp: '2026-01-01T00:00:00Z',
  lastTimestamp: '2026-01-01T00:01:00Z',
  count: 3,
  type: 'Normal',
  reportingComponent: 'kubelet',
  reportingInstance: 'node-a',
});

const newEvent = (name: string) => ({
  apiVersion: 'events.k8s.io/v1',
  kind: 'Event',
  metadata: { name },
  eventTime: '2026-01-01T00:02:00.123456Z',
  reportingController: 'example.com/operator',
  reportingInstance: 'operator-0',
  action: 'Reconcile',
  reason: 'Synced',
  note: 'synced the widget',
  type: 'Warning',
  regarding: pod('api-2'),
  related: { apiVersion: 'v1', kind: 'Node', name: 'node-b' },
});

const names = (r: { json: any }) => r.json.items.map((i: any) => i.metadata.name).sort();

describe('events.k8s.io/v1 as a view of core/v1 Events', () => {
  it('serves one object through both APIs, converted, for every verb and watch', async () => {
    const rv0 = (await request(c, 'GET', CORE)).json.metadata.resourceVersion;
    const coreWatch = openWatch(c, `${CORE}?watch=true&resourceVersion=${rv0}`);
    const newWatch = openWatch(c, `${NEW}?watch=true&resourceVersion=${rv0}`);

    // created through core/v1, read through events.k8s.io/v1
    const a = await request(c, 'POST', CORE, { body: coreEvent('old-style') });
    expect(a.status).toBe(201);
    const av = await request(c, 'GET', `${NEW}/old-style`);
    expect(av.status).toBe(200);
    expect(av.json).toMatchObject({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'old-style', namespace: 'ev', uid: a.json.metadata.uid, resourceVersion: a.json.metadata.resourceVersion },
      regarding: { kind: 'Pod', name: 'web-1', fieldPath: 'spec.containers{web}' },
      note: 'Successfully pulled image "nginx:1.27"',
      reason: 'Pulled',
      type: 'Normal',
      reportingController: 'kubelet',
      reportingInstance: 'node-a',
      deprecatedSource: { component: 'kubelet', host: 'node-a' },
      deprecatedCount: 3,
      deprecatedFirstTimestamp: '2026-01-01T00:00:00Z',
      deprecatedLastTimestamp: '2026-01-01T00:01:00Z',
      eventTime: null,
    });
    expect(av.json.involvedObject).toBeUndefined();
    expect(av.json.message).toBeUndefined();

    // created through events.k8s.io/v1, read through core/v1; same name through the other API conflicts
    const b = await request(c, 'POST', NEW, { body: newEvent('new-style') });
    expect(b.status).toBe(201);
    expect(b.json).toMatchObject({ apiVersion: 'events.k8s.io/v1', note: 'synced the widget', regarding: { name: 'api-2' } });
    expect((await request(c, 'POST', CORE, { body: coreEvent('new-style') })).status).toBe(409);
    const bc = await request(c, 'GET', `${CORE}/new-style`);
    expect(bc.json).toMatchObject({
      apiVersion: 'v1',
      metadata: { uid: b.json.metadata.uid, resourceVersion: b.json.metadata.resourceVersion },
      involvedObject: { kind: 'Pod', name: 'api-2' },
      related: { kind: 'Node', name: 'node-b' },
      message: 'synced the widget',
      reportingComponent: 'example.com/operator',
      reportingInstance: 'operator-0',
      action: 'Reconcile',
      eventTime: '2026-01-01T00:02:00.123456Z',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
    });
    expect(bc.json.count).toBeUndefined();

    // both lists hold both objects at one resourceVersion
    const lc = await request(c, 'GET', CORE);
    const ln = await request(c, 'GET', '/apis/events.k8s.io/v1/events');
    expect(names(lc)).toEqual(['new-style', 'old-style']);
    expect(names(ln)).toEqual(['new-style', 'old-style']);
    expect(ln.json.items.every((i: any) => i.apiVersion === 'events.k8s.io/v1')).toBe(true);

    // patch through events.k8s.io, update through core: one object changes
    const p = await request(c, 'PATCH', `${NEW}/new-style`, {
      body: { series: { count: 2, lastObservedTime: '2026-01-01T00:03:00.000000Z' } },
      contentType: 'application/merge-patch+json',
    });
    expect(p.status).toBe(200);
    const cur = (await request(c, 'GET', `${CORE}/old-style`)).json;
    const put = await request(c, 'PUT', `${CORE}/old-style`, { body: { ...cur, message: 'edited' } });
    expect(put.status).toBe(200);
    expect((await request(c, 'GET', `${NEW}/old-style`)).json).toMatchObject({ note: 'edited', metadata: { resourceVersion: put.json.metadata.resourceVersion } });
    expect((await request(c, 'GET', `${CORE}/new-style`)).json.series).toEqual({ count: 2, lastObservedTime: '2026-01-01T00:03:00.000000Z' });

    // delete through events.k8s.io: gone from core/v1 as well
    expect((await request(c, 'DELETE', `${NEW}/old-style`)).status).toBe(200);
    expect((await request(c, 'GET', `${CORE}/old-style`)).status).toBe(404);

    // each watch saw every change, in its own form, at the same resourceVersions
    const want = ['ADDED old-style', 'ADDED new-style', 'MODIFIED new-style', 'MODIFIED old-style', 'DELETED old-style'];
    const seen = (evs: any[]) => evs.map((e) => `${e.type} ${e.object.metadata.name}`);
    await coreWatch.waitFor((evs) => evs.length >= want.length);
    await newWatch.waitFor((evs) => evs.length >= want.length);
    expect(seen(coreWatch.events)).toEqual(want);
    expect(seen(newWatch.events)).toEqual(want);
    expect(coreWatch.events.map((e) => e.object.metadata.resourceVersion)).toEqual(newWatch.events.map((e) => e.object.metadata.resourceVersion));
    expect(coreWatch.events.every((e) => e.object.apiVersion === 'v1' && e.object.involvedObject)).toBe(true);
    expect(newWatch.events.every((e) => e.object.apiVersion === 'events.k8s.io/v1' && e.object.regarding)).toBe(true);
    expect(newWatch.events[1].object.note).toBe('synced the widget');
    coreWatch.close();
    newWatch.close();
  });

  it('validates creates and updates through events.k8s.io/v1 like upstream', async () => {
    const fields = (r: { json: any }) => r.json.details.causes.map((x: any) => x.field).sort();
    const old = await request(c, 'POST', NEW, { body: { metadata: { name: 'bare' }, regarding: pod('x'), reason: 'R', type: 'Normal', deprecatedCount: 2 } });
    expect(old.status).toBe(422);
    expect(fields(old)).toEqual(['count', 'eventTime']);
    expect(old.json.message).toMatch(/^Event\.events\.k8s\.io "bare" is invalid: \[/);
    const partial = await request(c, 'POST', NEW, { body: { metadata: { name: 'bare' }, eventTime: '2026-01-01T00:00:00.000000Z', regarding: pod('x'), reason: 'R', type: 'Info' } });
    expect(fields(partial)).toEqual(['action', 'reportingController', 'reportingInstance', 'type']);
    // only series may change through events.k8s.io/v1 (core/v1 writes stay unchecked, as upstream)
    const patch = (base: string, body: unknown) => request(c, 'PATCH', `${base}/new-style`, { body, contentType: 'application/merge-patch+json' });
    const edit = await patch(NEW, { note: 'rewritten', series: { count: 1, lastObservedTime: null } });
    expect(edit.status).toBe(422);
    expect(fields(edit)).toEqual(['message', 'series.count', 'series.lastObservedTime']);
    expect(edit.json.details.causes.find((x: any) => x.field === 'message').message).toBe('Invalid value: "rewritten": field is immutable');
    expect((await patch(CORE, { message: 'rewritten' })).status).toBe(200);
    expect((await patch(NEW, { note: 'synced the widget' })).status).toBe(422);
    expect((await patch(CORE, { message: 'synced the widget' })).status).toBe(200);
  });

  it('applies each API’s field selectors to the same objects, in lists and watches', async () => {
    await request(c, 'POST', CORE, { body: coreEvent('sel-core') });
    await request(c, 'POST', NEW, { body: { ...newEvent('sel-new'), regarding: pod('web-1') } });
    const sel = async (base: string, s: string) => names(await request(c, 'GET', `${base}?fieldSelector=${encodeURIComponent(s)}`));
    expect(await sel(NEW, 'regarding.name=web-1')).toEqual(['sel-core', 'sel-new']);
    expect(await sel(NEW, 'regarding.name=web-1,reportingController=kubelet')).toEqual(['sel-core']);
    expect(await sel(NEW, 'type=Warning,reason=Synced')).toEqual(['new-style', 'sel-new']);
    expect(await sel(CORE, 'involvedObject.name=web-1,reportingComponent=example.com/operator')).toEqual(['sel-new']);
    // core `source` falls back to reportingComponent for events without a source, as upstream
    expect(await sel(CORE, 'source=example.com/operator')).toEqual(['new-style', 'sel-new']);
    expect((await request(c, 'GET', `${NEW}?fieldSelector=involvedObject.name%3Dweb-1`)).status).toBe(400);
    expect((await request(c, 'GET', `${CORE}?fieldSelector=regarding.name%3Dweb-1`)).status).toBe(400);

    const rv = (await request(c, 'GET', NEW)).json.metadata.resourceVersion;
    const w = openWatch(c, `${NEW}?watch=true&resourceVersion=${rv}&fieldSelector=${encodeURIComponent('regarding.name=web-2')}`);
    await request(c, 'POST', CORE, { body: { ...coreEvent('sel-other'), involvedObject: pod('web-9') } });
    await request(c, 'POST', CORE, { body: { ...coreEvent('sel-match'), involvedObject: pod('web-2') } });
    const evs = await w.waitFor((e) => e.length >= 1);
    expect(evs.map((e) => `${e.type} ${e.object.metadata.name} ${e.object.regarding.name}`)).toEqual(['ADDED sel-match web-2']);
    w.close();
  });

  it('prints the same Table columns for both APIs', async () => {
    const t = await request(c, 'GET', `${NEW}/new-style`, { accept: TABLE });
    const cols = t.json.columnDefinitions.map((d: any) => d.name);
    expect(cols).toEqual(['Last Seen', 'Type', 'Reason', 'Object', 'Subobject', 'Source', 'Message', 'First Seen', 'Count', 'Name']);
    const cells = t.json.rows[0].cells;
    expect(cells.slice(1, 7)).toEqual(['Warning', 'Synced', 'pod/api-2', '', 'example.com/operator, operator-0', 'synced the widget']);
    expect(cells[8]).toBe(2); // series.count
    const core = await request(c, 'GET', `${CORE}/new-style`, { accept: TABLE });
    expect(core.json.rows[0].cells.slice(1)).toEqual(cells.slice(1));
  });
});

describe.skipIf(!hasKubectl)('kubectl and events.k8s.io', () => {
  it('get events.v1.events.k8s.io -A lists core events; get events -w sees an events.k8s.io create', async () => {
    const list = await kubectl(c, ['get', 'events.v1.events.k8s.io', '-A']);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^NAMESPACE\s+LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/m);
    expect(list.stdout).toMatch(/^ev\s+\S+\s+Normal\s+Pulled\s+pod\/web-1\s+Successfully pulled image "nginx:1.27"$/m);

    const w = kubectlStream(c, ['get', 'events', '-n', 'ev', '-w'], 15_000);
    try {
      await w.saw(/Pulled\s+pod\/web-1/);
      expect((await request(c, 'POST', NEW, { body: { ...newEvent('from-new-api'), note: 'made through events.k8s.io' } })).status).toBe(201);
      await w.saw(/Warning\s+Synced\s+pod\/api-2\s+made through events\.k8s\.io/);
    } finally {
      w.kill();
    }
  });
});
