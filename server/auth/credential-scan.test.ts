/**
 * The credential scan, for what login adds: passwords, password hashes, ServiceAccount tokens used for token
 * login, the session secret and the console's own cluster token never appear in any HTTP answer (headers included:
 * the session cookie is sealed), socket frame, log line or audit line — across password login, a failed login,
 * token login, the session, access and audit APIs, a live subscription and logout.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { io as ioClient } from 'socket.io-client';
import { Browser, serviceAccountToken, startAuthHarness, USERS, type AuthHarness } from './testing';
import { CSRF_HEADER, SESSION_COOKIE } from '../../lib/auth-types';

let h: AuthHarness;
const logLines: string[] = [];
const captured: { where: string; text: string }[] = [];

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _e, cb) {
      logLines.push(chunk.toString('utf8'));
      cb();
    },
  });
  h = await startAuthHarness({ logger: pino({ level: 'trace' }, sink) });
}, 30_000);
afterAll(() => h?.close());

/** Records the whole answer (status line, every header, body) of each request a browser makes. */
async function record(b: Browser, p: string, init: Parameters<Browser['fetch']>[1] = {}): Promise<Response> {
  const res = await b.fetch(p, init);
  const text = await res.clone().text();
  captured.push({ where: `${init.method ?? 'GET'} ${p}`, text: `${res.status}\n${JSON.stringify([...res.headers])}\n${text}` });
  return res;
}

describe('credential scan (auth)', () => {
  it('no answer, frame, log or audit line carries a password, hash, token or the session secret', async () => {
    const cluster = h.dp.registry.list()[0].id;
    const token = await serviceAccountToken(h, 'scan-bot');

    // password logins (a viewer, an admin) and a failed one
    const alice = new Browser(h.url);
    expect((await record(alice, '/api/auth/login', { method: 'POST', body: { username: 'alice', password: USERS.alice.password } })).status).toBe(200);
    alice.csrf = ((await (await record(alice, '/api/auth/session')).json()) as { csrfToken: string }).csrfToken;
    const root = new Browser(h.url);
    await root.login('root', USERS.root.password);
    expect((await record(new Browser(h.url), '/api/auth/login', { method: 'POST', body: { username: 'root', password: `${USERS.root.password}-wrong` } })).status).toBe(401);

    // token login, then the token session's own requests
    const bot = new Browser(h.url);
    const tl = await record(bot, '/api/auth/token', { method: 'POST', body: { token } });
    expect(tl.status).toBe(200);
    bot.csrf = ((await tl.json()) as { csrfToken: string }).csrfToken;
    await record(bot, '/api/auth/session');
    await record(bot, '/api/clusters');
    await record(bot, `/api/clusters/${cluster}/access`, { method: 'POST', body: { checks: [{ verb: 'list', group: '', resource: 'pods', namespace: 'default' }] } });

    for (const b of [alice, root]) {
      await record(b, '/api/clusters');
      await record(b, `/api/clusters/${cluster}/resources/core/v1/pods?namespace=default`);
      await record(b, `/api/clusters/${cluster}/access`, { method: 'POST', body: { checks: [{ verb: 'delete', group: 'apps', resource: 'deployments', namespace: 'default' }] } });
    }
    expect((await record(root, '/api/audit?limit=1000')).status).toBe(200);
    expect((await record(alice, '/api/audit')).status).toBe(403);

    // a live subscription of the admin: every frame recorded
    const socket = ioClient(h.url, { path: '/socket.io', transports: ['websocket'], reconnection: false, extraHeaders: { origin: h.url, cookie: `${SESSION_COOKIE}=${root.cookie}` } });
    socket.onAny((event: string, ...args: unknown[]) => captured.push({ where: `socket ${event}`, text: JSON.stringify(args) }));
    const ack = await new Promise<{ ok: boolean }>((resolve) => socket.emit('subscribe', { cluster, group: '', version: 'v1', resource: 'serviceaccounts', namespace: 'default' }, resolve));
    expect(ack.ok).toBe(true);
    await new Promise<void>((resolve) => socket.once('snapshot', () => resolve()));
    socket.close();

    for (const b of [alice, root, bot]) expect((await record(b, '/api/auth/logout', { method: 'POST', headers: { [CSRF_HEADER]: b.csrf } })).status).toBe(204);

    const usersFile = JSON.parse(fs.readFileSync(path.join(h.dataDir, 'users.json'), 'utf8')) as { users: { username: string; passwordHash: string }[] };
    const needles: [string, string][] = [
      ...Object.entries(USERS).map(([u, v]): [string, string] => [`password of ${u}`, v.password]),
      ...usersFile.users.map((u): [string, string] => [`password hash of ${u.username}`, u.passwordHash]),
      ...usersFile.users.map((u): [string, string] => [`hash salt/digest of ${u.username}`, u.passwordHash.split('$').pop()!]),
      ['ServiceAccount token (token login)', token],
      ['ServiceAccount token signature', token.split('.').pop()!],
      ['session secret', fs.readFileSync(path.join(h.dataDir, 'session.secret'), 'utf8').trim()],
      ["the console's cluster token", h.sandbox.token],
    ];
    const audit = h.audit().map((e) => JSON.stringify(e));
    expect(audit.some((l) => l.includes('"login-failed"'))).toBe(true);
    expect(captured.length).toBeGreaterThan(15);
    expect(logLines.length).toBeGreaterThan(0);
    const haystacks = [...captured, ...logLines.map((text) => ({ where: 'log', text })), ...audit.map((text) => ({ where: 'audit', text }))];
    const leaks = needles.flatMap(([name, needle]) => haystacks.filter((x) => x.text.includes(needle)).map((x) => `${name} in ${x.where}`));
    expect(leaks).toEqual([]);
  }, 60_000);
});
