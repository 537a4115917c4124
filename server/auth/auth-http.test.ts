// The auth gate over real HTTP: login, 401s, cookie flags, idle/absolute expiry on an injected clock,
// logout, CSRF and Origin on mutations, login rate limit, token login with the sandbox's real bearer token, and the
// socket.io handshake — against the production Fastify instance with a data plane on a sandbox cluster.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, serviceAccountToken, sessionSetCookie, startAuthHarness, USERS, type AuthHarness } from './testing';
import { authSession } from '../../lib/auth-types';
import { io as ioClient } from 'socket.io-client';

let h: AuthHarness;
let cluster = '';
beforeAll(async () => {
  h = await startAuthHarness();
  cluster = h.dp.registry.list()[0].id;
}, 30_000);
afterAll(() => h?.close());

const nsPath = () => `/api/clusters/${cluster}/resources/core/v1/namespaces`;
const unique = (p: string) => `${p}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

describe('password login', () => {
  it('logs in, sets a HttpOnly SameSite=Lax cookie (not Secure over plain HTTP), and opens the API', async () => {
    const b = new Browser(h.url);
    const res = await b.login('alice', USERS.alice.password);
    expect(res.status).toBe(200);
    const s = authSession.parse(await res.json());
    expect(s).toMatchObject({ authenticated: true, authMode: 'local', user: { username: 'alice', groups: ['wheelhouse:viewers'], kind: 'local', admin: false } });
    const set = sessionSetCookie(res)!;
    expect(set).toMatch(/; HttpOnly/);
    expect(set).toMatch(/; SameSite=Lax/);
    expect(set).toMatch(/; Path=\//);
    expect(set).not.toMatch(/; Secure/);
    expect(set).not.toContain('alice'); // sealed
    expect((await b.fetch('/api/clusters')).status).toBe(200);
    expect(await (await b.fetch('/api/auth/session')).json()).toMatchObject({ authenticated: true, csrfToken: b.csrf });
    // X-Forwarded-Proto from an untrusted peer is ignored
    const spoofed = await new Browser(h.url).fetch('/api/auth/login', { method: 'POST', body: { username: 'carol', password: USERS.carol.password }, headers: { 'x-forwarded-proto': 'https' } });
    expect(sessionSetCookie(spoofed)).not.toMatch(/; Secure/);
  });

  it('answers the same 401 for a wrong password and an unknown user, and audits both without the password', async () => {
    const wrong = await new Browser(h.url).login('alice', 'not-the-password');
    const unknown = await new Browser(h.url).login('nobody', 'not-the-password');
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const body = await wrong.json();
    expect(body).toEqual({ status: 401, reason: 'Unauthorized', message: 'invalid username or password' });
    expect(await unknown.json()).toEqual(body);
    expect(sessionSetCookie(wrong)).toBeUndefined();
    const failed = h.audit().filter((e) => e.verb === 'login-failed');
    expect(failed.map((e) => e.user)).toEqual(expect.arrayContaining(['alice', 'nobody']));
    expect(failed[0]).toMatchObject({ cluster: '', object: { group: 'wheelhouse.dev', version: 'v1', resource: 'sessions' }, result: 'failure' });
    expect(JSON.stringify(h.audit())).not.toContain('not-the-password');
    expect(JSON.stringify(h.audit())).not.toContain(USERS.alice.password);
  });

  it('answers 401 on every /api route without a session, but not on health, readiness and the session probe', async () => {
    const anon = new Browser(h.url);
    for (const p of ['/api/clusters', `/api/clusters/${cluster}/discovery`, '/api/no-such-route', `${nsPath()}?x=1`]) {
      const r = await anon.fetch(p);
      expect(r.status, p).toBe(401);
      expect(await r.json()).toEqual({ status: 401, reason: 'Unauthorized', message: 'log in first' });
    }
    expect((await anon.fetch('/api/healthz')).status).toBe(200);
    expect((await anon.fetch('/api/readyz')).status).toBe(200);
    expect(await (await anon.fetch('/api/auth/session')).json()).toEqual({ authenticated: false, authMode: 'local' });
    // a forged cookie is no session (and is cleared)
    anon.cookie = 'Fe26.2**forged';
    const forged = await anon.fetch('/api/clusters');
    expect(forged.status).toBe(401);
    expect(sessionSetCookie(forged)).toMatch(/^wh_session=;/);
  });
});

describe('session lifetime (injected clock)', () => {
  it('slides the idle timeout while in use and ends it after 30 idle minutes', async () => {
    const b = new Browser(h.url);
    await b.login('bob', USERS.bob.password);
    const first = b.cookie;
    h.advance(29 * 60_000);
    const r = await b.fetch('/api/clusters');
    expect(r.status).toBe(200);
    expect(b.cookie).not.toBe(first); // re-sealed: lastSeen moved
    h.advance(29 * 60_000);
    expect((await b.fetch('/api/clusters')).status).toBe(200);
    h.advance(31 * 60_000);
    expect((await b.fetch('/api/clusters')).status).toBe(401);
  });

  it('ends a session at its absolute limit (12 h) however active it is', async () => {
    const b = new Browser(h.url);
    await b.login('bob', USERS.bob.password);
    let elapsed = 0;
    while (elapsed + 25 * 60_000 < 12 * 3_600_000) {
      h.advance(25 * 60_000);
      elapsed += 25 * 60_000;
      expect((await b.fetch('/api/auth/session').then((r) => r.json())).authenticated).toBe(true);
    }
    h.advance(12 * 3_600_000 - elapsed);
    expect((await b.fetch('/api/clusters')).status).toBe(401);
  });

  it('logout clears the cookie, and the old cookie is refused afterwards', async () => {
    const b = new Browser(h.url);
    await b.login('carol', USERS.carol.password);
    const kept = b.cookie;
    const out = await b.fetch('/api/auth/logout', { method: 'POST' });
    expect(out.status).toBe(204);
    expect(sessionSetCookie(out)).toMatch(/^wh_session=;.*Expires=Thu, 01 Jan 1970/);
    b.cookie = kept;
    expect((await b.fetch('/api/clusters')).status).toBe(401);
    expect(h.audit().filter((e) => e.user === 'carol').map((e) => e.verb)).toEqual(expect.arrayContaining(['login', 'logout']));
  });
});

describe('CSRF and Origin on mutations', () => {
  it('needs x-csrf-token on mutations, also on the data plane’s routes', async () => {
    const b = new Browser(h.url);
    await b.login('root', USERS.root.password);
    const csrf = b.csrf;
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: unique('csrf') } };
    b.csrf = '';
    const missing = await b.fetch(nsPath(), { method: 'POST', body: ns });
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ reason: 'Forbidden', message: expect.stringContaining('CSRF') });
    b.csrf = 'x'.repeat(csrf.length);
    expect((await b.fetch(nsPath(), { method: 'POST', body: ns })).status).toBe(403);
    b.csrf = csrf;
    expect((await b.fetch(nsPath(), { method: 'POST', body: ns })).status).toBe(201);
  });

  it('refuses a cross-origin, Origin-less or null-Origin mutation (login included)', async () => {
    const b = new Browser(h.url);
    await b.login('root', USERS.root.password);
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: unique('origin') } };
    for (const origin of ['http://evil.example', 'null', undefined]) {
      const headers: Record<string, string> = origin === undefined ? {} : { origin };
      const r = await fetch(`${h.url}${nsPath()}`, { method: 'POST', headers: { ...headers, cookie: `wh_session=${b.cookie}`, 'x-csrf-token': b.csrf, 'content-type': 'application/json' }, body: JSON.stringify(ns) });
      expect(r.status, String(origin)).toBe(403);
      expect((await r.json()).reason).toBe('Forbidden');
    }
    for (const origin of [null, 'http://evil.example']) {
      expect((await new Browser(h.url, origin).login('root', USERS.root.password)).status).toBe(403);
    }
  });

  it('limits login attempts to 10 a minute per client and username (429 in the API error shape)', async () => {
    const name = unique('mallory');
    const codes: number[] = [];
    for (let i = 0; i < 11; i++) codes.push((await new Browser(h.url).login(name, 'guess')).status);
    expect(codes.slice(0, 10).every((c) => c === 401)).toBe(true);
    const limited = await new Browser(h.url).login(name, 'guess');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(await limited.json()).toMatchObject({ status: 429, reason: 'TooManyRequests' });
    expect((await new Browser(h.url).login(unique('other'), 'guess')).status).toBe(401);
  });
});

describe('token login', () => {
  it('accepts a bearer token the cluster accepts (SelfSubjectReview names the user) and keeps it sealed', async () => {
    const b = new Browser(h.url);
    const res = await b.fetch('/api/auth/token', { method: 'POST', body: { token: h.sandbox.token } });
    expect(res.status).toBe(200);
    const s = authSession.parse(await res.json());
    expect(s).toMatchObject({ authenticated: true, user: { username: 'sandbox-admin', kind: 'token', admin: false } });
    if (s.authenticated) b.csrf = s.csrfToken;
    expect(b.cookie).not.toContain(h.sandbox.token);
    const name = unique('tok');
    expect((await b.fetch(nsPath(), { method: 'POST', body: { apiVersion: 'v1', kind: 'Namespace', metadata: { name } } })).status).toBe(201);
    expect(h.audit().some((e) => e.verb === 'login' && e.user === 'sandbox-admin')).toBe(true);
    expect(JSON.stringify(h.audit())).not.toContain(h.sandbox.token);
  });

  it('refuses a token no cluster accepts', async () => {
    const res = await new Browser(h.url).fetch('/api/auth/token', { method: 'POST', body: { token: 'not-a-real-token-0123456789' } });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ reason: 'Unauthorized', message: 'no connected cluster accepts this token' });
    expect(h.audit().some((e) => e.verb === 'login-failed' && e.user === '(token)')).toBe(true);
  });

  it('accepts a ServiceAccount token from the TokenRequest API', async () => {
    const sa = unique('sa');
    const token = await serviceAccountToken(h, sa);
    const res = await new Browser(h.url).fetch('/api/auth/token', { method: 'POST', body: { token } });
    expect(res.status).toBe(200);
    expect((await res.json()).user.username).toBe(`system:serviceaccount:default:${sa}`);
  });
});

describe('socket.io handshake', () => {
  it('needs the session cookie, with or without Origin; cross-origin stays refused', async () => {
    expect(await new Browser(h.url).handshake()).toBe('unauthorized');
    expect(await new Browser(h.url, null).handshake()).toBe('unauthorized');
    const b = new Browser(h.url);
    await b.login('alice', USERS.alice.password);
    expect(await b.handshake()).toBe('connected');
    const noOrigin = new Browser(h.url, null);
    noOrigin.cookie = b.cookie;
    expect(await noOrigin.handshake()).toBe('connected');
    const evil = new Browser(h.url, 'http://evil.example');
    evil.cookie = b.cookie;
    expect(await evil.handshake()).not.toBe('connected');
  });

  it('disconnects the sockets of a session that logs out', async () => {
    const b = new Browser(h.url);
    await b.login('alice', USERS.alice.password);
    const socket = ioClient(h.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { cookie: `wh_session=${b.cookie}` } });
    await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
    const gone = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    expect((await b.fetch('/api/auth/logout', { method: 'POST' })).status).toBe(204);
    expect(await gone).toBe('io server disconnect');
  });
});
