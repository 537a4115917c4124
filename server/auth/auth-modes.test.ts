// The two other auth set-ups over real HTTP: `--auth none` (service identity for everyone, CSRF + Origin still
// enforced, sockets without cookies) and a console behind a trusted TLS-terminating proxy (Secure cookies).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, sessionSetCookie, startAuthHarness, USERS, type AuthHarness } from './testing';
import { authSession } from '../../lib/auth-types';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { ClusterRegistry } from '../clusters/registry';
import { createAuditLog } from '../audit';
import { quietLogger } from '../watch/testing';
import { registerAuth } from './plugin';
import { upsertUser } from './users';

describe('--auth none', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuthHarness({ mode: 'none' });
  }, 30_000);
  afterAll(() => h?.close());

  it('serves everyone as the single local user, with a per-process CSRF token', async () => {
    const b = new Browser(h.url);
    const s = authSession.parse(await (await b.fetch('/api/auth/session')).json());
    expect(s).toMatchObject({ authenticated: true, authMode: 'none', user: { username: 'local', groups: [], kind: 'none', admin: true } });
    expect((await b.fetch('/api/clusters')).status).toBe(200);
    expect(await b.handshake()).toBe('connected');
    expect(await new Browser(h.url, null).handshake()).toBe('connected');
    expect((await b.login('alice', USERS.alice.password)).status).toBe(400);
  });

  it('keeps the CSRF and Origin checks on mutations', async () => {
    const b = new Browser(h.url);
    const s = authSession.parse(await (await b.fetch('/api/auth/session')).json());
    const path = `/api/clusters/${h.dp.registry.list()[0].id}/resources/core/v1/namespaces`;
    const ns = (n: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: `none-${n}-${Date.now().toString(36)}` } });
    expect((await b.fetch(path, { method: 'POST', body: ns('a') })).status).toBe(403);
    b.csrf = s.authenticated ? s.csrfToken : '';
    expect((await b.fetch(path, { method: 'POST', body: ns('b') })).status).toBe(201);
    const noOrigin = new Browser(h.url, null);
    noOrigin.csrf = b.csrf;
    expect((await noOrigin.fetch(path, { method: 'POST', body: ns('c') })).status).toBe(403);
  });
});

describe('behind a trusted TLS-terminating proxy', () => {
  let h: AuthHarness;
  beforeAll(async () => {
    h = await startAuthHarness({ trustProxy: ['loopback'] });
  }, 30_000);
  afterAll(() => h?.close());

  it('marks the cookie Secure when X-Forwarded-Proto says https, and only then', async () => {
    const viaTls = await new Browser(h.url).fetch('/api/auth/login', {
      method: 'POST',
      body: { username: 'alice', password: USERS.alice.password },
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(viaTls.status).toBe(200);
    expect(sessionSetCookie(viaTls)).toMatch(/; Secure/);
    const plain = await new Browser(h.url).login('alice', USERS.alice.password);
    expect(sessionSetCookie(plain)).not.toMatch(/; Secure/);
  });
});

describe('WHEELHOUSE_SECURE_COOKIES=always', () => {
  it('marks the cookie Secure even on a plain-HTTP request (TLS terminated by something not trusted for headers)', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-secure-'));
    const usersFile = path.join(dataDir, 'users.json');
    await upsertUser(usersFile, { username: 'alice', ...USERS.alice });
    const registry = new ClusterRegistry({ files: [], inCluster: false, logger: quietLogger });
    const app = Fastify();
    const auth = { mode: 'local' as const, usersFile, idleMs: 60_000, maxMs: 3_600_000, secureCookies: 'always' as const };
    await registerAuth(app, { config: { dataDir, allowedOrigins: [], auth }, registry, audit: createAuditLog({ destination: fs.createWriteStream('/dev/null') }), logger: quietLogger });
    const res = await app.inject({ method: 'POST', url: '/api/auth/login', headers: { host: 'wh.test', origin: 'http://wh.test' }, payload: { username: 'alice', password: USERS.alice.password } });
    expect(res.statusCode).toBe(200);
    expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    await app.close();
    registry.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });
});
