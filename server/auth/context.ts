/**
 * The auth state one console process shares between its HTTP hooks (plugin.ts), auth routes (routes.ts) and the
 * socket.io handshake (socket.ts): mode, users, sessions, the none-mode CSRF token. Created once by main.ts
 * BEFORE the listener opens, so the first-start admin password is logged at start and no socket can connect
 * ahead of the handshake check.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Logger } from 'pino';
import type { Config } from '../config';
import type { AuditLog } from '../audit';
import { sessionObject } from '../audit';
import type { ApiError } from '../../lib/protocol';
import { SESSION_COOKIE, type AuthMode, type AuthSession } from '../../lib/auth-types';
import { UserStore } from './users';
import { loadSessionSecret, Sessions, type SessionPayload } from './session';
import { randomSecret } from './files';
import { Revocations } from './revocations';
import type { Store } from '../store';

export interface AuthContext {
  mode: AuthMode;
  /** local mode only */
  users?: UserStore;
  /** local mode only */
  sessions?: Sessions;
  /** --auth none: one CSRF token for the process (CSRF and Origin checks stay on without login) */
  noneCsrf: string;
  allowedOrigins: readonly string[];
  secureCookies: 'auto' | 'always';
  idleMs: number;
  maxMs: number;
  now: () => number;
  audit: AuditLog;
  logger: Logger;
}

export type AuthConfigSlice = Pick<Config, 'auth' | 'dataDir' | 'allowedOrigins'>;

export interface CreateAuthOptions {
  config: AuthConfigSlice;
  audit: AuditLog;
  logger: Logger;
  now?: () => number;
  /** the state store (or its opening): revocations shared by every replica; in memory when absent */
  store?: Store | Promise<Store>;
  /** how often revocations made by other replicas are read (default 1 s) */
  revocationRefreshMs?: number;
}

export async function createAuth(o: CreateAuthOptions): Promise<AuthContext> {
  const { auth } = o.config;
  const now = o.now ?? Date.now;
  const logger = o.logger.child({ part: 'auth' });
  const ctx: AuthContext = {
    mode: auth.mode,
    noneCsrf: randomSecret(24),
    allowedOrigins: o.config.allowedOrigins,
    secureCookies: auth.secureCookies,
    idleMs: auth.idleMs,
    maxMs: auth.maxMs,
    now,
    audit: o.audit,
    logger,
  };
  if (auth.mode === 'local') {
    ctx.users = new UserStore(auth.usersFile, logger);
    await ctx.users.init();
    const revocations = new Revocations({ store: o.store, now, refreshMs: o.revocationRefreshMs, logger });
    ctx.sessions = new Sessions({ secret: loadSessionSecret(auth.sessionSecret, o.config.dataDir), idleMs: auth.idleMs, maxMs: auth.maxMs, now, revocations });
  }
  return ctx;
}

/** Checks the login rate limit; false when it answered 429 already. */
export type LoginGate = (req: FastifyRequest, reply: FastifyReply) => Promise<boolean>;

/** The session of a request, set by the onRequest hook (plugin.ts) when its cookie is valid. */
export const requestSessions = new WeakMap<FastifyRequest, SessionPayload>();

export function deny(reply: FastifyReply, status: number, reason: string, message: string): FastifyReply {
  const body: ApiError = { status, reason, message };
  return reply.code(status).header('cache-control', 'no-store').send(body);
}

export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, ctx: AuthContext, value: string, maxAge: number): void {
  reply.setCookie(SESSION_COOKIE, value, cookieOptions(req, ctx, maxAge));
}

export function clearSessionCookie(req: FastifyRequest, reply: FastifyReply, ctx: AuthContext): void {
  reply.clearCookie(SESSION_COOKIE, cookieOptions(req, ctx, undefined));
}

/** HttpOnly, SameSite=Lax, Path=/; Secure when the request came over HTTPS (trusted proxy) or always if configured. */
function cookieOptions(req: FastifyRequest, ctx: AuthContext, maxAge: number | undefined) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: ctx.secureCookies === 'always' || req.protocol === 'https', ...(maxAge !== undefined ? { maxAge } : {}) };
}

/** The single local user of `--auth none`; the session never ends, so the times slide with each answer. */
export function noneSession(ctx: AuthContext): AuthSession {
  const t = ctx.now();
  return {
    authenticated: true,
    authMode: 'none',
    user: { username: 'local', groups: [], kind: 'none', admin: true },
    csrfToken: ctx.noneCsrf,
    expiresAt: new Date(t + ctx.maxMs).toISOString(),
    idleExpiresAt: new Date(t + ctx.idleMs).toISOString(),
  };
}

/** One audit line for a session event (TEAM contract); never the password or token. */
export function auditSession(ctx: AuthContext, verb: 'login' | 'login-failed' | 'logout' | 'logout-everywhere', user: string, result: 'success' | 'failure', message?: string): void {
  ctx.audit.record({ user, cluster: '', verb, object: sessionObject(user), result, ...(result === 'failure' ? { status: 401 } : {}), ...(message ? { message } : {}) });
}
