/**
 * Per-person access end to end: the BFF calls the sandbox as the person (impersonation headers the
 * sandbox's RBAC enforces), the watch fan-out admits and revokes subscribers of the shared informers, the access
 * API answers the cluster's verdicts, and the audit API is for console admins only. Real HTTPS sandbox behind the
 * recording proxy; identities come from the harness's test-only `x-test-user` header / socket `auth.testUser`.
 */
import https from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient, type Socket } from 'socket.io-client';
import type { Identity } from '../auth/identity';
import { AccessReviewer } from '../watch/access';
import { actAs, raw, startSecurityHarness, type SecurityHarness } from '../security-testing';

let h: SecurityHarness;
let cl = '';
const NS = 'default';
const vera: Identity = { kind: 'user', username: 'vera', groups: ['wheelhouse:viewers'], admin: false };
const rita: Identity = { kind: 'user', username: 'rita', groups: [], admin: false };
const ada: Identity = { kind: 'user', username: 'ada', groups: ['system:masters'], admin: true };
const sockets: Socket[] = [];

type Json = Record<string, unknown>;
async function call(method: string, path: string, o: { as?: Identity; body?: unknown; ct?: string } = {}) {
  const headers: Record<string, string> = { ...(o.as ? actAs(o.as) : {}) };
  if (o.body !== undefined) headers['content-type'] = o.ct ?? 'application/json';
  const r = await raw(h.url, { method, path, headers, body: o.body === undefined ? undefined : JSON.stringify(o.body) });
  return { status: r.status, body: (r.body ? JSON.parse(r.body) : undefined) as Json };
}
const res = (group: string, version: string, resource: string, name = '', ns?: string) =>
  `/api/clusters/${cl}/resources/${group || 'core'}/${version}/${resource}${name ? `/${name}` : ''}${ns ? `?namespace=${ns}` : ''}`;
async function create(group: string, resource: string, obj: Json, ns?: string): Promise<Json> {
  const r = await call('POST', res(group, 'v1', resource, '', ns), { body: obj });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body;
}

async function connect(id?: Identity): Promise<Socket> {
  const s = ioClient(h.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: id ? { testUser: id } : {} });
  sockets.push(s);
  await new Promise<void>((r, j) => s.once('connect', () => r()).once('connect_error', j));
  return s;
}
type Ack = { ok: true; subId: string } | { ok: false; error: { status: number; reason: string; message: string } };
const subscribe = (s: Socket, resource: string, namespace?: string) =>
  s.timeout(10_000).emitWithAck('subscribe', { cluster: cl, group: '', version: 'v1', resource, namespace }) as Promise<Ack>;

beforeAll(async () => {
  h = await startSecurityHarness('rbac-east', { testIdentities: true });
  cl = h.clusterId;
  // the test's own roles, so the test does not depend on the scenario's bindings
  await create('rbac.authorization.k8s.io', 'clusterroles', {
    metadata: { name: 'wh-test-viewer' },
    rules: [{ apiGroups: ['', 'apps'], resources: ['pods', 'pods/log', 'configmaps', 'deployments', 'replicasets', 'nodes', 'namespaces'], verbs: ['get', 'list', 'watch'] }],
  });
  await create('rbac.authorization.k8s.io', 'clusterrolebindings', {
    metadata: { name: 'wh-test-viewers' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'wh-test-viewer' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'wheelhouse:viewers' }],
  });
  await create('rbac.authorization.k8s.io', 'roles', { metadata: { name: 'cm-reader' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] }] }, NS);
  await create('', 'configmaps', { metadata: { name: 'cm1' }, data: { a: 'b' } }, NS);
  await create('', 'secrets', { metadata: { name: 'creds' }, data: { password: Buffer.from('hunter2').toString('base64') } }, NS);
  await create('', 'nodes', { metadata: { name: 'node-1' } });
  const template = (image: string) => ({ metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image }] } });
  const web = await create('apps', 'deployments', { metadata: { name: 'web' }, spec: { replicas: 1, selector: { matchLabels: { app: 'web' } }, template: template('nginx:2') } }, NS);
  const uid = (web.metadata as Json).uid;
  await create('apps', 'replicasets', {
    metadata: { name: 'web-old', annotations: { 'deployment.kubernetes.io/revision': '1' }, ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid, controller: true }] },
    spec: { replicas: 0, selector: { matchLabels: { app: 'web' } }, template: template('nginx:1') },
  }, NS);
}, 30_000);

afterAll(async () => {
  for (const s of sockets) s.close();
  await h?.close();
});

describe('REST calls act as the person', () => {
  it('lets a viewer read but answers 403 to every write, and the sandbox saw the impersonation', async () => {
    const before = h.upstream.length;
    expect((await call('GET', res('', 'v1', 'configmaps', '', NS), { as: vera })).status).toBe(200);
    const cm = await call('GET', res('', 'v1', 'configmaps', 'cm1', NS), { as: vera });
    expect(cm.status).toBe(200);
    const wl = `/api/clusters/${cl}/workloads/apps/v1/deployments/web`;
    const writes = [
      await call('PUT', res('', 'v1', 'configmaps', 'cm1', NS), { as: vera, body: { ...cm.body, data: { a: 'c' } } }),
      await call('PATCH', res('', 'v1', 'configmaps', 'cm1', NS), { as: vera, body: { data: { a: 'd' } }, ct: 'application/merge-patch+json' }),
      await call('DELETE', res('', 'v1', 'configmaps', 'cm1', NS), { as: vera }),
      await call('POST', res('', 'v1', 'configmaps', '', NS), { as: vera, body: { metadata: { name: 'nope' } } }),
      await call('PATCH', `/api/clusters/${cl}/resources/apps/v1/deployments/web/scale?namespace=${NS}`, { as: vera, body: { spec: { replicas: 3 } }, ct: 'application/merge-patch+json' }),
      await call('POST', `${wl}/rollback?namespace=${NS}`, { as: vera, body: { revision: 1 } }),
      await call('POST', `${wl}/restart?namespace=${NS}`, { as: vera, body: {} }),
      await call('POST', `/api/clusters/${cl}/nodes/node-1/drain`, { as: vera, body: { timeoutSeconds: 5 } }),
      await call('GET', `/api/clusters/${cl}/secrets/${NS}/creds/keys/password`, { as: vera }),
    ];
    for (const w of writes) expect(w, JSON.stringify(w.body)).toMatchObject({ status: 403, body: { reason: 'Forbidden', cluster: cl } });
    // nothing changed
    expect((await call('GET', res('', 'v1', 'configmaps', 'cm1', NS))).body).toMatchObject({ data: { a: 'b' } });
    const mine = h.upstream.slice(before).filter((u) => u.headers['impersonate-user'] === 'vera');
    expect(mine.length).toBeGreaterThanOrEqual(writes.length + 2);
    for (const u of mine) {
      expect(u.headers['impersonate-group']).toBe('wheelhouse:viewers');
      expect(u.headers.authorization).toBe(`Bearer ${h.sandbox.token}`);
    }
    // the service's own calls (setup, informers) carry no impersonation at all
    expect(h.upstream.slice(0, before).some((u) => u.headers['impersonate-user'])).toBe(false);
  });

  it('audits writes and reveals with the person’s name', async () => {
    const r = await call('GET', `/api/clusters/${cl}/secrets/${NS}/creds/keys/password`, { as: ada });
    expect(r).toMatchObject({ status: 200, body: { value: 'hunter2' } });
    const recent = h.dp.audit.recent();
    expect(recent.at(-1)).toMatchObject({ user: 'ada', verb: 'reveal', result: 'success', object: { resource: 'secrets', namespace: NS, name: 'creds' } });
    expect(recent).toContainEqual(expect.objectContaining({ user: 'vera', verb: 'reveal', result: 'failure', status: 403 }));
    expect(recent).toContainEqual(expect.objectContaining({ user: 'vera', verb: 'scale', result: 'failure', status: 403 }));
  });
});

describe('watch subscribers are authorised', () => {
  it('refuses a viewer’s secrets subscription with 403 and serves their configmaps', async () => {
    const s = await connect(vera);
    const denied = await subscribe(s, 'secrets', NS);
    expect(denied).toMatchObject({ ok: false, error: { status: 403, reason: 'Forbidden' } });
    expect(!denied.ok && denied.error.message).toMatch(/secrets/);
    const snap = new Promise<{ items: { metadata: { name: string } }[] }>((r) => s.once('snapshot', r));
    expect(await subscribe(s, 'configmaps', NS)).toMatchObject({ ok: true });
    expect((await snap).items.map((o) => o.metadata.name)).toContain('cm1');
    // all namespaces: needs cluster-wide list+watch (vera has it through the ClusterRoleBinding, rita does not)
    expect(await subscribe(s, 'configmaps')).toMatchObject({ ok: true });
    expect(await subscribe(await connect(rita), 'configmaps')).toMatchObject({ ok: false, error: { status: 403 } });
  });

  it('revokes a subscriber when its RoleBinding is deleted, and sends it nothing more', async () => {
    await create('rbac.authorization.k8s.io', 'rolebindings', {
      metadata: { name: 'rita-cm' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'rita' }],
    }, NS);
    const s = await connect(rita);
    const snap = new Promise((r) => s.once('snapshot', r));
    const ack = await subscribe(s, 'configmaps', NS);
    expect(ack).toMatchObject({ ok: true });
    await snap;
    const deltas: unknown[] = [];
    s.on('delta', (d) => deltas.push(d));
    const revoked = new Promise<{ state: string; message: string }>((r) => s.on('watchStatus', (st) => st.state === 'error' && r(st)));
    expect((await call('DELETE', res('rbac.authorization.k8s.io', 'v1', 'rolebindings', 'rita-cm', NS))).status).toBe(200);
    const st = await revoked;
    expect(st.message).toMatch(/^403 Forbidden: .*configmaps/);
    // a service subscriber of the same feed sees the next change; rita's socket (ordered) must not have
    const svc = await connect();
    const svcSnap = new Promise((r) => svc.once('snapshot', r));
    expect(await subscribe(svc, 'configmaps', NS)).toMatchObject({ ok: true });
    await svcSnap;
    const seen = new Promise((r) => svc.on('delta', r));
    await create('', 'configmaps', { metadata: { name: 'after-revoke' } }, NS);
    await seen;
    await s.timeout(5_000).emitWithAck('subscribe', {}); // a round trip on rita's socket: anything sent before it has arrived
    expect(deltas).toEqual([]);
  }, 15_000);

  it('gives the cluster summary only to people who may list pods cluster-wide', async () => {
    const ok = await (await connect(vera)).timeout(10_000).emitWithAck('subscribeSummary', { cluster: cl });
    expect(ok).toEqual({ ok: true });
    const no = await (await connect(rita)).timeout(10_000).emitWithAck('subscribeSummary', { cluster: cl });
    expect(no).toMatchObject({ ok: false, error: { status: 403, reason: 'Forbidden' } });
    expect((await call('GET', `/api/clusters/${cl}/summary`, { as: rita })).status).toBe(403);
  });
});

describe('logs act as the person', () => {
  const open = (s: Socket, resource: 'pods' | 'deployments', name: string) =>
    s.timeout(10_000).emitWithAck('logs:open', { cluster: cl, namespace: NS, group: resource === 'pods' ? '' : 'apps', version: 'v1', resource, name, container: '', follow: false }) as Promise<
      { ok: true; streamId: string } | { ok: false; error: { status: number; message: string } }
    >;

  it('opens streams with the person’s rights and rate-limits opens per person', async () => {
    await create('', 'pods', { metadata: { name: 'p1', labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'busybox' }] } }, NS);
    expect(await open(await connect(vera), 'deployments', 'web')).toMatchObject({ ok: true });
    const s = await connect(rita);
    expect(await open(s, 'pods', 'p1')).toMatchObject({ ok: false, error: { status: 403 } });
    expect((await call('GET', `/api/clusters/${cl}/logs/${NS}/p1`, { as: rita })).status).toBe(403);
    // 30 opens a minute per person (one was spent above), then 429 — another person is not affected
    for (let i = 1; i < 30; i++) expect(await open(s, 'deployments', 'web')).toMatchObject({ ok: false, error: { status: 403 } });
    expect(await open(s, 'pods', 'p1')).toMatchObject({ ok: false, error: { status: 429 } });
    expect(await open(await connect(rita), 'pods', 'p1')).toMatchObject({ ok: false, error: { status: 429 } });
    expect(await open(await connect(vera), 'pods', 'p1')).toMatchObject({ ok: true });
  });
});

/** A bound ServiceAccount token, straight from the sandbox's TokenRequest (what `kubectl create token` does). */
function tokenFor(sa: string): Promise<string> {
  const u = new URL(`${h.sandbox.server}/api/v1/namespaces/${NS}/serviceaccounts/${sa}/token`);
  return new Promise((resolve, reject) => {
    const req = https.request(u, { method: 'POST', ca: h.sandbox.caPem, headers: { authorization: `Bearer ${h.sandbox.token}`, 'content-type': 'application/json' } }, (r) => {
      let b = '';
      r.on('data', (c: Buffer) => (b += c.toString()));
      r.on('end', () => (r.statusCode === 201 ? resolve(JSON.parse(b).status.token as string) : reject(new Error(`${r.statusCode} ${b}`))));
    });
    req.on('error', reject);
    req.end(JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: {} }));
  });
}

describe('token logins act with their own token', () => {
  it('calls the cluster with the person’s bearer token (no impersonation) and reviews with SelfSubjectAccessReview', async () => {
    await create('', 'serviceaccounts', { metadata: { name: 'robot' } }, NS);
    await create('rbac.authorization.k8s.io', 'rolebindings', {
      metadata: { name: 'robot-cm' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-reader' },
      subjects: [{ kind: 'ServiceAccount', name: 'robot', namespace: NS }],
    }, NS);
    const token = await tokenFor('robot');
    const robot: Identity = { kind: 'token', username: `system:serviceaccount:${NS}:robot`, groups: ['system:serviceaccounts', `system:serviceaccounts:${NS}`], token };
    const before = h.upstream.length;
    expect((await call('GET', res('', 'v1', 'configmaps', '', NS), { as: robot })).status).toBe(200);
    expect((await call('DELETE', res('', 'v1', 'configmaps', 'cm1', NS), { as: robot })).status).toBe(403);
    const mine = h.upstream.slice(before).filter((u) => u.headers.authorization === `Bearer ${token}`);
    expect(mine.length).toBe(2);
    for (const u of mine) expect(Object.keys(u.headers).filter((n) => n.startsWith('impersonate-'))).toEqual([]);
    const access = await call('POST', `/api/clusters/${cl}/access`, {
      as: robot,
      body: { checks: [{ verb: 'watch', group: '', resource: 'configmaps', namespace: NS }, { verb: 'delete', group: '', resource: 'configmaps', namespace: NS }] },
    });
    expect(access.body.results).toMatchObject([{ allowed: true }, { allowed: false }]);
    expect(h.upstream.slice(before).some((u) => u.url.includes('selfsubjectaccessreviews') && u.headers.authorization === `Bearer ${token}`)).toBe(true);
    const s = await connect(robot);
    expect(await subscribe(s, 'configmaps', NS)).toMatchObject({ ok: true });
    expect(await subscribe(s, 'secrets', NS)).toMatchObject({ ok: false, error: { status: 403 } });
  });
});

describe('access review cache', () => {
  it('keeps an answer for 60 s per person and question, and forgets a cluster on invalidate', async () => {
    let t = 0;
    const r = new AccessReviewer(h.dp.registry, { now: () => t });
    const q = { verb: 'list' as const, group: '', resource: 'pods', namespace: NS };
    expect(await r.can(vera, cl, q)).toEqual({ allowed: true });
    expect(await r.can(vera, cl, q)).toEqual({ allowed: true });
    expect(r.reviews).toBe(1);
    await r.can(rita, cl, q); // another person: another review
    expect(r.reviews).toBe(2);
    t += 59_999;
    await r.can(vera, cl, q);
    expect(r.reviews).toBe(2);
    t += 2;
    await r.can(vera, cl, q);
    expect(r.reviews).toBe(3);
    r.invalidate(cl);
    await r.can(vera, cl, q);
    expect(r.reviews).toBe(4);
    expect(await r.can({ kind: 'service' }, cl, q)).toEqual({ allowed: true });
    expect(r.reviews).toBe(4);
  });
});

describe('access and audit APIs', () => {
  const checks = [
    { verb: 'list', group: '', resource: 'pods', namespace: NS },
    { verb: 'delete', group: '', resource: 'pods', namespace: NS },
    { verb: 'get', group: '', resource: 'secrets', namespace: NS, name: 'creds' },
    { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', namespace: NS },
  ];

  it('answers each check with the cluster’s verdict, and a reason when denied', async () => {
    const r = await call('POST', `/api/clusters/${cl}/access`, { as: vera, body: { checks } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const results = r.body.results as { allowed: boolean; reason?: string }[];
    expect(results.map((x) => x.allowed)).toEqual([true, false, false, false]);
    expect(results[1].reason).toMatch(/delete/);
    expect(results[1].reason).toMatch(/pods/);
    // answers are cached per person: the same question again costs no review
    const reviews = h.dp.guard.reviewer.reviews;
    expect((await call('POST', `/api/clusters/${cl}/access`, { as: vera, body: { checks } })).body).toEqual(r.body);
    expect(h.dp.guard.reviewer.reviews).toBe(reviews);
    const admin = await call('POST', `/api/clusters/${cl}/access`, { as: ada, body: { checks } });
    expect((admin.body.results as { allowed: boolean }[]).every((x) => x.allowed)).toBe(true);
    const svc = await call('POST', `/api/clusters/${cl}/access`, { body: { checks } });
    expect((svc.body.results as { allowed: boolean }[]).every((x) => x.allowed)).toBe(true);
    expect((await call('POST', `/api/clusters/${cl}/access`, { as: vera, body: { checks: [] } })).status).toBe(400);
    expect((await call('POST', `/api/clusters/nope/access`, { as: vera, body: { checks } })).status).toBe(404);
  });

  it('serves the audit log newest first to console admins only', async () => {
    expect((await call('GET', '/api/audit', { as: vera })).status).toBe(403);
    expect((await call('GET', '/api/audit', { as: { kind: 'token', username: 'sa', groups: [], token: 'x'.repeat(20) } })).status).toBe(403);
    const r = await call('GET', '/api/audit?limit=3', { as: ada });
    expect(r.status).toBe(200);
    const entries = r.body.entries as { time: string }[];
    expect(entries).toHaveLength(3);
    expect(entries[0].time >= entries[2].time).toBe(true);
    expect((await call('GET', '/api/audit')).status).toBe(200); // the service identity (--auth none)
    expect((await call('GET', '/api/audit?limit=1001', { as: ada })).status).toBe(400);
  });
});
