// Sealed stateless sessions: sealing hides the content, a cookie from another secret or a tampered one is no
// session, idle and absolute expiry on an injected clock, logout denylist, and the shared session secret file.
import { describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadSessionSecret, sameSecret, Sessions } from './session';
import { createUserLimiter } from './limiter';

const SECRET = 'a'.repeat(32);
function clocked(secret = SECRET) {
  let t = 1_000_000;
  const s = new Sessions({ secret, idleMs: 30 * 60_000, maxMs: 12 * 3_600_000, now: () => t });
  return { s, advance: (ms: number) => void (t += ms) };
}
const token = 'secret-token-value-123456';

describe('Sessions', () => {
  it('seals the payload (token included) so the cookie reveals nothing, and opens it again', async () => {
    const { s } = clocked();
    const p = s.create({ kind: 'token', username: 'sa', groups: ['g'], admin: false, token });
    const sealed = await s.seal(p);
    expect(sealed.startsWith('Fe26.2*')).toBe(true);
    expect(sealed).not.toContain(token);
    // Fe26.2*id*salt*iv*CIPHERTEXT*expiry*hmacSalt*hmac
    expect(Buffer.from(sealed.split('*')[4], 'base64url').toString('latin1')).not.toContain('secret-token');
    expect(await s.open(sealed)).toEqual(p);
  });

  it('refuses another secret’s cookie, a tampered one and garbage', async () => {
    const { s } = clocked();
    const other = clocked('b'.repeat(32)).s;
    const sealed = await s.seal(s.create({ kind: 'user', username: 'u', groups: [], admin: true }));
    expect(await other.open(sealed)).toBeUndefined();
    const parts = sealed.split('*');
    parts[4] = parts[4].slice(0, -2) + (parts[4].endsWith('AA') ? 'BB' : 'AA');
    expect(await s.open(parts.join('*'))).toBeUndefined();
    expect(await s.open('garbage')).toBeUndefined();
    expect(await s.open(undefined)).toBeUndefined();
    expect(() => new Sessions({ secret: 'short', idleMs: 1, maxMs: 1 })).toThrow(/32/);
  });

  it('expires after the idle time unless touched, and at the absolute limit regardless', async () => {
    const { s, advance } = clocked();
    let p = s.create({ kind: 'user', username: 'u', groups: [], admin: false });
    advance(29 * 60_000);
    expect(s.needsRefresh(p)).toBe(true);
    p = s.touch(p);
    expect(s.needsRefresh(p)).toBe(false);
    advance(29 * 60_000);
    expect(await s.open(await s.seal(p))).toBeDefined();
    advance(2 * 60_000);
    expect(await s.open(await s.seal(p))).toBeUndefined();
    const q = s.create({ kind: 'user', username: 'u', groups: [], admin: false });
    advance(12 * 3_600_000 - 1);
    expect(await s.open(await s.seal(s.touch(q)))).toBeDefined();
    advance(1);
    expect(await s.open(await s.seal(s.touch(q)))).toBeUndefined();
  });

  it('denylists a logged-out session and tells listeners', async () => {
    const { s } = clocked();
    const p = s.create({ kind: 'user', username: 'u', groups: [], admin: false });
    const sealed = await s.seal(p);
    const other = s.create({ kind: 'user', username: 'u', groups: [], admin: false });
    const told: boolean[][] = [];
    s.onRevoke((matches) => told.push([matches(p), matches(other)]));
    await s.revoke(p);
    expect(await s.open(sealed)).toBeUndefined();
    expect(await s.open(await s.seal(other))).toBeDefined();
    expect(told).toEqual([[true, false]]);
  });

  it('signs a user out everywhere: every session issued until then, not later ones nor other users', async () => {
    const { s, advance } = clocked();
    const a1 = s.create({ kind: 'user', username: 'u', groups: [], admin: false });
    advance(1000);
    const a2 = s.create({ kind: 'user', username: 'u', groups: [], admin: false });
    const b = s.create({ kind: 'user', username: 'v', groups: [], admin: false });
    const told: boolean[][] = [];
    s.onRevoke((matches) => told.push([a1, a2, b].map(matches)));
    advance(1000);
    await s.revokeUser('u');
    expect(told).toEqual([[true, true, false]]);
    advance(1000);
    const a3 = s.create({ kind: 'user', username: 'u', groups: [], admin: false });
    expect(await s.open(await s.seal(a1))).toBeUndefined();
    expect(await s.open(await s.seal(a2))).toBeUndefined();
    expect(await s.open(await s.seal(b))).toBeDefined();
    expect(await s.open(await s.seal(a3))).toBeDefined();
  });

  it('compares CSRF tokens exactly', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abd', 'abc')).toBe(false);
    expect(sameSecret('ab', 'abc')).toBe(false);
    expect(sameSecret(undefined, 'abc')).toBe(false);
    expect(sameSecret(['abc'], 'abc')).toBe(false);
  });
});

describe('session secret', () => {
  it('is created once (0600) in the data dir and shared by every reader; the env value wins', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-secret-'));
    const a = loadSessionSecret(undefined, dir);
    const b = loadSessionSecret(undefined, dir);
    expect(a).toBe(b);
    expect(a.length).toBeGreaterThanOrEqual(32);
    expect(fs.statSync(path.join(dir, 'session.secret')).mode & 0o777).toBe(0o600);
    expect(loadSessionSecret('x'.repeat(40), dir)).toBe('x'.repeat(40));
    fs.writeFileSync(path.join(dir, 'session.secret'), 'short');
    expect(() => loadSessionSecret(undefined, dir)).toThrow(/32 characters/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});

describe('createUserLimiter', () => {
  it('allows max calls per key per window, then refuses until the window ends', () => {
    let t = 0;
    const l = createUserLimiter({ max: 2, windowMs: 1_000, now: () => t });
    expect(l.take('a').ok).toBe(true);
    expect(l.take('a').ok).toBe(true);
    expect(l.take('a')).toEqual({ ok: false, retryAfterMs: 1_000 });
    expect(l.take('b').ok).toBe(true);
    t = 999;
    expect(l.take('a')).toEqual({ ok: false, retryAfterMs: 1 });
    t = 1_000;
    expect(l.take('a').ok).toBe(true);
  });
});
