/**
 * Stateless sessions: the whole session lives in the `wh_session` cookie, sealed with @hapi/iron
 * (AES-256-CBC + HMAC-SHA256 under the session secret): the browser can neither read it (a token login's bearer
 * token is inside) nor change it. Nothing is stored server-side, so any replica holding the same secret
 * (WHEELHOUSE_SESSION_SECRET, or a shared data dir's `session.secret`) accepts the cookie.
 *
 * Expiry: idle (lastSeen + WHEELHOUSE_SESSION_IDLE_MINUTES) and absolute (issuedAt + WHEELHOUSE_SESSION_MAX_HOURS).
 * Requests re-seal the cookie when lastSeen is more than 60 s old (sliding refresh), so idle expiry is exact to
 * within a minute. Logout and "Sign out everywhere" write revocations (revocations.ts) to the state store, which
 * every replica honours within seconds; a session id stays revoked until its absolute expiry.
 */
import fs from 'node:fs';
import path from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import * as Iron from '@hapi/iron';
import { z } from 'zod';
import type { Identity } from './identity';
import type { AuthSession } from '../../lib/auth-types';
import { createFileExclusive, randomSecret } from './files';
import { Revocations, type RevocationMatch } from './revocations';

export const sessionPayload = z.object({
  v: z.literal(1),
  kind: z.enum(['user', 'token']),
  username: z.string(),
  groups: z.array(z.string()),
  admin: z.boolean(),
  /** token logins only: the bearer token, sent upstream instead of the kubeconfig's credentials */
  token: z.string().optional(),
  csrf: z.string(),
  sid: z.string(),
  issuedAt: z.number(),
  lastSeen: z.number(),
});
export type SessionPayload = z.infer<typeof sessionPayload>;
export type NewSession = Pick<SessionPayload, 'kind' | 'username' | 'groups' | 'admin' | 'token'>;

/** Browsers keep cookies up to ~4096 bytes (name + value); longer seals (huge tokens) are refused at login. */
export const MAX_COOKIE_CHARS = 4000;
export const REFRESH_AFTER_MS = 60_000;

export interface SessionOptions {
  secret: string;
  idleMs: number;
  maxMs: number;
  /** injectable clock (tests) */
  now?: () => number;
  /** shared revocations (the state store); in memory when absent */
  revocations?: Revocations;
}

export class Sessions {
  readonly now: () => number;
  readonly idleMs: number;
  readonly maxMs: number;
  readonly revocations: Revocations;

  constructor(private readonly o: SessionOptions) {
    if (o.secret.length < 32) throw new Error('session secret must be at least 32 characters');
    this.now = o.now ?? Date.now;
    this.idleMs = o.idleMs;
    this.maxMs = o.maxMs;
    this.revocations = o.revocations ?? new Revocations({ now: this.now });
  }

  create(s: NewSession): SessionPayload {
    const t = this.now();
    return { v: 1, ...s, csrf: randomSecret(24), sid: randomSecret(16), issuedAt: t, lastSeen: t };
  }

  seal(p: SessionPayload): Promise<string> {
    return Iron.seal(p, this.o.secret, Iron.defaults);
  }

  /** The session in a cookie value, or undefined: missing, forged, from another secret, expired or logged out. */
  async open(cookie: string | undefined): Promise<SessionPayload | undefined> {
    if (!cookie || cookie.length > MAX_COOKIE_CHARS) return undefined;
    let raw: unknown;
    try {
      raw = await Iron.unseal(cookie, this.o.secret, Iron.defaults);
    } catch {
      return undefined;
    }
    const p = sessionPayload.safeParse(raw);
    if (!p.success) return undefined;
    if (this.now() >= this.idleExpiry(p.data)) return undefined;
    // revocations stored before this process started must be known before any cookie is believed
    await this.revocations.ready;
    if (this.revocations.isRevoked(p.data)) return undefined;
    return p.data;
  }

  absoluteExpiry(p: SessionPayload): number {
    return p.issuedAt + this.maxMs;
  }

  idleExpiry(p: SessionPayload): number {
    return Math.min(p.lastSeen + this.idleMs, this.absoluteExpiry(p));
  }

  needsRefresh(p: SessionPayload): boolean {
    return this.now() - p.lastSeen > REFRESH_AFTER_MS;
  }

  touch(p: SessionPayload): SessionPayload {
    return { ...p, lastSeen: this.now() };
  }

  /** Seconds the cookie should live in the browser: until the session's idle (or absolute) expiry. */
  cookieMaxAge(p: SessionPayload): number {
    return Math.max(0, Math.ceil((this.idleExpiry(p) - this.now()) / 1000));
  }

  /** Logout: this session ends on every replica (here at once). Resolves once the revocation is stored. */
  revoke(p: SessionPayload): Promise<void> {
    return this.revocations.revokeSession(p, this.absoluteExpiry(p));
  }

  /** "Sign out everywhere": every session of this user issued until now, on every replica. */
  revokeUser(username: string): Promise<number> {
    return this.revocations.revokeUser(username);
  }

  /** Hears every revocation (this replica's and, after a refresh, the others'): end what it matches. */
  onRevoke(cb: (matches: RevocationMatch) => void): () => void {
    return this.revocations.onRevoke(cb);
  }
}

export function identityOf(p: SessionPayload): Identity {
  return p.kind === 'token'
    ? { kind: 'token', username: p.username, groups: p.groups, token: p.token ?? '' }
    : { kind: 'user', username: p.username, groups: p.groups, admin: p.admin };
}

export function describeSession(p: SessionPayload, sessions: Sessions): AuthSession {
  return {
    authenticated: true,
    authMode: 'local',
    user: { username: p.username, groups: p.groups, kind: p.kind === 'token' ? 'token' : 'local', admin: p.admin },
    csrfToken: p.csrf,
    expiresAt: new Date(sessions.absoluteExpiry(p)).toISOString(),
    idleExpiresAt: new Date(sessions.idleExpiry(p)).toISOString(),
  };
}

/** Constant-time comparison of a client-sent secret (CSRF token) with the expected one. */
export function sameSecret(sent: unknown, expected: string): boolean {
  if (typeof sent !== 'string') return false;
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The session secret: WHEELHOUSE_SESSION_SECRET when set, else `<dataDir>/session.secret`, created (0600, 64
 * random characters) at first start. Replicas sharing the env var or the data dir accept each other's cookies.
 */
export function loadSessionSecret(configured: string | undefined, dataDir: string): string {
  if (configured) return configured;
  const file = path.join(dataDir, 'session.secret');
  createFileExclusive(file, randomSecret(48));
  const secret = fs.readFileSync(file, 'utf8').trim();
  if (secret.length < 32) throw new Error(`${file}: the session secret must be at least 32 characters`);
  return secret;
}
