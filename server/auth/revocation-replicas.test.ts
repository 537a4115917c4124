// Logout and "Sign out everywhere" across replicas: two console replicas (Fastify + the auth gate + socket.io, each
// on its own port) share one state store and one session secret, as behind a Service. A revocation made on one is
// refused by the other after its next refresh of the store — awaited as the other replica's revocation event,
// never slept for. Runs on PGlite (two replicas in one process) and on a real PostgreSQL.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Server } from 'socket.io';
import { io as ioClient, type Socket } from 'socket.io-client';
import { createApi } from '../http';
import { createAuditLog } from '../audit';
import { socketOriginCheck } from '../origin';
import { quietLogger } from '../watch/testing';
import type { ClusterRegistry } from '../clusters/registry';
import { describeEachStore } from '../store/testing';
import { registerAuth, socketAuth, type AuthContext } from './plugin';
import { createAuth, type AuthConfigSlice } from './context';
import { Browser, USERS } from './testing';
import { upsertUser } from './users';
import type { SessionRef } from './revocations';
import { SESSION_COOKIE } from '../../lib/auth-types';

interface Replica {
  url: string;
  auth: AuthContext;
  close(): Promise<void>;
}

describeEachStore('session revocation across replicas', (getStore) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-revoke-'));
  const replicas: Replica[] = [];
  let a: Replica;
  let b: Replica;

  async function startReplica(): Promise<Replica> {
    const config: AuthConfigSlice = {
      dataDir,
      allowedOrigins: [],
      auth: { mode: 'local', usersFile: path.join(dataDir, 'users.json'), idleMs: 30 * 60_000, maxMs: 12 * 3_600_000, secureCookies: 'auto' },
    };
    const audit = createAuditLog({ destination: { write: () => true } as never });
    const auth = await createAuth({ config, audit, logger: quietLogger, store: getStore(), revocationRefreshMs: 100 });
    const server = http.createServer();
    const app = createApi({ logger: quietLogger, state: { ready: true, draining: false }, serverFactory: (h) => server.on('request', h) });
    // no token logins here: the registry is never asked
    await registerAuth(app, { config, registry: {} as ClusterRegistry, audit, logger: quietLogger, auth });
    app.get('/api/private', async () => ({ ok: true }));
    await app.ready();
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const io = new Server(server, { path: '/socket.io', transports: ['websocket'], allowRequest: socketOriginCheck([]) });
    const detach = socketAuth(io, { auth });
    const r: Replica = {
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      auth,
      async close() {
        detach();
        auth.sessions!.revocations.stop();
        io.close();
        await app.close();
      },
    };
    replicas.push(r);
    return r;
  }

  beforeAll(async () => {
    for (const [username, u] of Object.entries(USERS)) await upsertUser(path.join(dataDir, 'users.json'), { username, ...u });
    a = await startReplica();
    b = await startReplica();
  });
  afterAll(async () => {
    await Promise.all(replicas.map((r) => r.close()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  /** the session inside a browser's cookie, as replica `r` reads it */
  async function ref(r: Replica, br: Browser): Promise<SessionRef> {
    const s = await r.auth.sessions!.open(br.cookie);
    if (!s) throw new Error('no session');
    return s;
  }
  /** resolves when replica `r` hears of a revocation that ends `s` */
  const heard = (r: Replica, s: SessionRef) =>
    new Promise<void>((resolve) => {
      const off = r.auth.sessions!.onRevoke((m) => {
        if (m(s)) {
          off();
          resolve();
        }
      });
    });
  /** a cookie-only client of replica `r` (what a stolen or second-tab copy of the cookie would be) */
  const copy = (r: Replica, br: Browser) => Object.assign(new Browser(r.url), { cookie: br.cookie, csrf: br.csrf });
  const connect = (r: Replica, br: Browser) =>
    new Promise<Socket>((resolve, reject) => {
      const s = ioClient(r.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { origin: r.url, cookie: `${SESSION_COOKIE}=${br.cookie}` } });
      s.once('connect', () => resolve(s));
      s.once('connect_error', reject);
    });

  it('a logout on one replica is refused by the other, and its sockets there are closed', async () => {
    const alice = new Browser(a.url);
    expect((await alice.login('alice', USERS.alice.password)).status).toBe(200);
    const onB = copy(b, alice);
    expect((await onB.fetch('/api/private')).status).toBe(200);
    const socket = await connect(b, alice);
    const closed = new Promise<string>((resolve) => socket.once('disconnect', (why) => resolve(why)));

    const session = await ref(b, alice);
    const bHeard = heard(b, session);
    expect((await alice.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    await bHeard;
    expect((await onB.fetch('/api/private')).status).toBe(401);
    expect(await onB.handshake()).toBe('unauthorized');
    expect(await closed).toBe('io server disconnect');
  });

  it('"Sign out everywhere" ends every session of that user on every replica, and no one else’s', async () => {
    const bob1 = new Browser(a.url);
    const bob2 = new Browser(b.url);
    const carol = new Browser(a.url);
    expect((await bob1.login('bob', USERS.bob.password)).status).toBe(200);
    expect((await bob2.login('bob', USERS.bob.password)).status).toBe(200);
    expect((await carol.login('carol', USERS.carol.password)).status).toBe(200);

    const aHeard = heard(a, await ref(a, bob1));
    expect((await bob2.fetch('/api/auth/logout-everywhere', { method: 'POST' })).status).toBe(204);
    await aHeard;
    expect((await bob1.fetch('/api/private')).status).toBe(401);
    expect((await copy(b, bob1).fetch('/api/private')).status).toBe(401);
    expect((await copy(a, bob2).fetch('/api/private')).status).toBe(401);
    expect((await carol.fetch('/api/private')).status).toBe(200);
    expect((await copy(b, carol).fetch('/api/private')).status).toBe(200);
    // a new login after it works
    const again = new Browser(a.url);
    expect((await again.login('bob', USERS.bob.password)).status).toBe(200);
    expect((await copy(b, again).fetch('/api/private')).status).toBe(200);
  });

  it('a replica started after a logout refuses that session from its first request', async () => {
    const carol = new Browser(a.url);
    expect((await carol.login('carol', USERS.carol.password)).status).toBe(200);
    expect((await carol.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    const c = await startReplica();
    expect((await copy(c, carol).fetch('/api/private')).status).toBe(401);
  });

  it('"Sign out everywhere" needs a session and the CSRF token', async () => {
    const nobody = new Browser(a.url);
    expect((await nobody.fetch('/api/auth/logout-everywhere', { method: 'POST' })).status).toBe(401);
    const root = new Browser(a.url);
    await root.login('root', USERS.root.password);
    expect((await Object.assign(new Browser(a.url), { cookie: root.cookie }).fetch('/api/auth/logout-everywhere', { method: 'POST' })).status).toBe(403);
    expect((await root.fetch('/api/private')).status).toBe(200);
  });
});
