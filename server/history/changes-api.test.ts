/**
 * GET /api/changes, GET /api/changes/:id and the live 'changes' socket feed over real HTTP and socket.io,
 * against a sandbox's real RBAC: a person sees only records of objects they may read.
 */
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ChangeDetail, ChangePage, ChangeRecord } from '../../lib/history/types';
import type { Identity } from '../auth/identity';
import { installErrorHandler } from '../api/common';
import { AccessReviewer } from '../watch/access';
import { describeEachStore } from '../store/testing';
import { eventually, quietLogger } from '../watch/testing';
import { changesRoutes } from './changes-routes';
import { attachChangesSocket } from './changes-socket';
import { historyDb, type HistoryDb } from './history-store';
import { startHistoryHarness, type HistoryHarness } from './testing';
import type { HistoryService } from './service';

const viewer: Identity = { kind: 'user', username: 'viewer', groups: [], admin: false };

describeEachStore('changes API', (getStore) => {
  let h: HistoryHarness;
  let db: HistoryDb;
  let app: FastifyInstance;
  let io: Server;
  let url = '';
  let svc: HistoryService;
  const sockets: Socket[] = [];
  const get = async <T>(path: string, as?: Identity) => {
    const r = await app.inject({ method: 'GET', url: path, headers: as ? { 'x-test-user': JSON.stringify(as) } : {} });
    return { status: r.statusCode, body: r.json() as T };
  };

  beforeAll(async () => {
    h = await startHistoryHarness('api');
    db = historyDb(getStore());
    const access = new AccessReviewer(h.registry);
    app = Fastify({ logger: false });
    app.addHook('onRequest', async (req) => {
      const u = req.headers['x-test-user'];
      if (typeof u === 'string') (req as { identity?: Identity }).identity = JSON.parse(u) as Identity;
    });
    await app.register(async (scope) => {
      installErrorHandler(scope, h.registry);
      await changesRoutes(scope, { db, registry: h.registry, access });
    });
    await app.listen({ port: 0, host: '127.0.0.1' });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    io = new Server(app.server, { path: '/socket.io', transports: ['websocket'] });
    io.use((socket, next) => {
      const u = (socket.handshake.auth as { testUser?: Identity }).testUser;
      if (u) socket.data.identity = u;
      next();
    });
    attachChangesSocket(io, { db, access, clusters: () => h.registry.list().map((c) => c.id), logger: quietLogger, pollMs: 50 });

    await h.write('POST', '/api/v1/namespaces', { metadata: { name: 'team' } });
    await h.write('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/team/roles', { metadata: { name: 'cm-reader' }, rules: [{ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list'] }] });
    await h.write('POST', '/apis/rbac.authorization.k8s.io/v1/namespaces/team/rolebindings', {
      metadata: { name: 'viewer-cm' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'cm-reader' },
      subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'viewer' }],
    });
    svc = h.service({ db });
    await svc.tick();
    await svc.recorder(h.cluster)!.synced();
    for (const n of ['one', 'two', 'three']) await h.write('POST', '/api/v1/namespaces/team/configmaps', { metadata: { name: n }, data: { n } }, 'frank');
    await h.write('POST', '/api/v1/namespaces/default/configmaps', { metadata: { name: 'hidden' }, data: { x: '1' } }, 'frank');
    await h.write('POST', '/api/v1/namespaces/default/secrets', { metadata: { name: 'creds' }, data: { password: Buffer.from('hunter2').toString('base64') } }, 'frank');
    await eventually(async () => (await get<ChangePage>('/api/changes?limit=500')).body.items.length >= 5, 15_000, 'five changes');
  }, 90_000);

  afterAll(async () => {
    for (const s of sockets) s.close();
    io?.close();
    await svc?.stop();
    await app?.close();
    await h?.close();
  });

  it('pages newest first with an opaque cursor and filters', async () => {
    const first = await get<ChangePage>('/api/changes?namespace=team&limit=2');
    expect(first.status).toBe(200);
    expect(first.body.items.map((r) => r.name)).toEqual(['three', 'two']);
    const next = await get<ChangePage>(`/api/changes?namespace=team&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items.map((r) => r.name)).toEqual(['one']);
    expect(next.body.nextCursor).toBeUndefined();
    expect((await get<ChangePage>('/api/changes?kind=configmap&q=tw')).body.items.map((r) => r.name)).toEqual(['two']);
    expect((await get<ChangePage>('/api/changes?actor=frank&namespace=default')).body.items.map((r) => r.name).sort()).toEqual(['creds', 'hidden']);
    expect((await get<ChangePage>(`/api/changes?since=${new Date(Date.now() + 3600_000).toISOString()}`)).body.items).toEqual([]);
  });

  it('answers one change with its diff and recorded view; a secret only with hashes', async () => {
    const { items } = (await get<ChangePage>('/api/changes?name=creds')).body;
    const d = await get<ChangeDetail>(`/api/changes/${items[0].id}`);
    expect(d.status).toBe(200);
    expect(d.body).toMatchObject({ name: 'creds', type: 'created', actor: { name: 'frank', via: 'manager' } });
    expect(JSON.stringify(d.body)).not.toContain(Buffer.from('hunter2').toString('base64'));
    expect((d.body.object as { data: { password: string } }).data.password).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(d.body.diff).toContainEqual({ path: '/data', op: 'add', after: { password: expect.stringMatching(/^sha256:/) } });
  });

  it('shows a person only what they may read', async () => {
    const mine = await get<ChangePage>('/api/changes?limit=500', viewer);
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((r) => `${r.namespace}/${r.name}`).sort()).toEqual(['team/one', 'team/three', 'team/two']);
    const hidden = (await get<ChangePage>('/api/changes?name=hidden')).body.items[0];
    expect((await get(`/api/changes/${hidden.id}`, viewer)).status).toBe(403);
  });

  it('answers bad input with 400 and unknown ids with 404', async () => {
    expect((await get('/api/changes?cursor=nope')).status).toBe(400);
    expect((await get('/api/changes?limit=0')).status).toBe(400);
    expect((await get('/api/changes/abc')).status).toBe(400);
    expect((await get('/api/changes/999999999')).status).toBe(404);
    expect((await get('/api/changes?cluster=nowhere')).status).toBe(404);
  });

  it('streams new changes to a live subscription, filtered and only what the person may read', async () => {
    const connect = async (as?: Identity) => {
      const s = ioClient(url, { path: '/socket.io', transports: ['websocket'], reconnection: false, auth: as ? { testUser: as } : {} });
      sockets.push(s);
      await new Promise<void>((r, j) => s.once('connect', () => r()).once('connect_error', j));
      return s;
    };
    const s = await connect();
    const v = await connect(viewer);
    const got: ChangeRecord[] = [];
    const viewerGot: ChangeRecord[] = [];
    s.on('changes', (m: { subscription: string; items: ChangeRecord[] }) => m.subscription === 'team' && got.push(...m.items));
    v.on('changes', (m: { subscription: string; items: ChangeRecord[] }) => viewerGot.push(...m.items));
    expect(await s.timeout(5_000).emitWithAck('subscribeChanges', { subscription: 'team', namespace: 'team' })).toEqual({ ok: true });
    expect(await v.timeout(5_000).emitWithAck('subscribeChanges', { subscription: 'all' })).toEqual({ ok: true });
    expect((await s.timeout(5_000).emitWithAck('subscribeChanges', { subscription: 'x', namespace: 'Bad NS' })).ok).toBe(false);
    await h.write('PATCH', '/api/v1/namespaces/default/configmaps/hidden', { data: { x: '2' } }, 'gina');
    await h.write('PATCH', '/api/v1/namespaces/team/configmaps/one', { data: { n: 'uno' } }, 'gina');
    await eventually(() => got.length >= 1 && viewerGot.length >= 1, 15_000, 'a live change');
    expect(got.map((r) => [r.name, r.summary, r.actor.name])).toEqual([['one', 'keys changed: n', 'gina']]);
    // the viewer's unfiltered subscription got the same one change: not the one in "default" they may not read
    expect(viewerGot.map((r) => r.name)).toEqual(['one']);
  });
});
