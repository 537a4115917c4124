/**
 * The BFF's authentication gate, installed at the ROOT of the Fastify instance before the data plane's
 * routes, so its onRequest hook runs for every /api route (the data plane's encapsulated scope inherits root
 * hooks) and for unknown routes too:
 *
 * 1. Mutations (POST/PUT/PATCH/DELETE) need a same-origin `Origin` (server/origin.ts; absent or `null` → 403).
 * 2. `req.identity`: the session cookie's person (local mode) or the service identity (`--auth none`).
 * 3. Without a valid session every /api route but healthz, readyz, GET /api/auth/session, POST /api/auth/login
 *    and POST /api/auth/token answers 401.
 * 4. Mutations need `x-csrf-token` = the session's CSRF token (login/token endpoints: Origin only) → else 403,
 *    and are rate limited per person (300/min → 429). Login attempts: 10/min per client IP + username.
 * The CSRF token is synchronizer-style (random, inside the sealed cookie, handed out by /api/auth/session); the
 * Origin check alone already stops cross-site writes in current browsers, the token covers older ones.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import cookie from '@fastify/cookie';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import type { ClusterRegistry } from '../clusters/registry';
import type { AuditLog } from '../audit';
import { originAllowed } from '../origin';
import { CSRF_HEADER, SESSION_COOKIE } from '../../lib/auth-types';
import { identityKey, SERVICE_IDENTITY } from './identity';
import { identityOf, sameSecret } from './session';
import { clearSessionCookie, createAuth, deny, requestSessions, setSessionCookie, type AuthConfigSlice, type AuthContext } from './context';
import { authRoutes } from './routes';

export { createAuth, type AuthContext } from './context';
export { createUserLimiter, type UserLimiter } from './limiter';
export { socketAuth } from './socket';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** routes (Fastify route patterns, so no encoding or trailing-slash tricks) that need no session */
const PUBLIC = new Set(['/api/healthz', '/api/readyz', '/api/auth/session', '/api/auth/login', '/api/auth/token']);
const UNGATED = new Set(['/api/healthz', '/api/readyz']);

export interface AuthLimits {
  loginsPerMinute: number;
  mutationsPerMinute: number;
}
export const DEFAULT_LIMITS: AuthLimits = { loginsPerMinute: 10, mutationsPerMinute: 300 };

export interface RegisterAuthOptions {
  config: AuthConfigSlice;
  registry: ClusterRegistry;
  audit: AuditLog;
  logger: Logger;
  /** the process's auth context (main.ts creates it before listening); created here when absent */
  auth?: AuthContext;
  limits?: AuthLimits;
  now?: () => number;
}

export async function registerAuth(app: FastifyInstance, o: RegisterAuthOptions): Promise<AuthContext> {
  const ctx = o.auth ?? (await createAuth({ config: o.config, audit: o.audit, logger: o.logger, now: o.now }));
  const limits = o.limits ?? DEFAULT_LIMITS;
  // both plugins are fastify-plugin wrapped: registered here they decorate the root instance
  await app.register(cookie, { hook: 'onRequest' });
  await app.register(rateLimit, { global: false });
  if (!app.hasRequestDecorator('identity')) app.decorateRequest('identity', null as never);

  const mutationLimit = app.createRateLimit({ max: limits.mutationsPerMinute, timeWindow: 60_000, keyGenerator: (req) => identityKey(req.identity) });
  const loginLimit = app.createRateLimit({
    max: limits.loginsPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => `${req.ip}|${loginName(req.body)}`,
  });

  app.addHook('onRequest', async (req, reply) => {
    const route = req.routeOptions.url;
    if (route !== undefined && UNGATED.has(route)) return;
    const mutating = MUTATING.has(req.method);
    if (mutating && !originAllowed(req.headers, ctx.allowedOrigins, { requireOrigin: true })) {
      return deny(reply, 403, 'Forbidden', 'cross-origin request refused: a change needs the Origin header of the console itself');
    }
    const isPublic = route !== undefined && PUBLIC.has(route);

    let csrf = ctx.noneCsrf;
    if (ctx.mode === 'none') {
      req.identity = SERVICE_IDENTITY;
    } else {
      const sessions = ctx.sessions!;
      const sent = req.cookies[SESSION_COOKIE];
      let session = await sessions.open(sent);
      if (session) {
        if (sessions.needsRefresh(session)) {
          session = sessions.touch(session);
          setSessionCookie(req, reply, ctx, await sessions.seal(session), sessions.cookieMaxAge(session));
        }
        requestSessions.set(req, session);
        req.identity = identityOf(session);
        csrf = session.csrf;
      } else if (sent !== undefined) {
        clearSessionCookie(req, reply, ctx);
      }
      if (isPublic) return;
      if (!session) return deny(reply, 401, 'Unauthorized', 'log in first');
    }
    if (!mutating || isPublic) return;
    if (!sameSecret(req.headers[CSRF_HEADER], csrf)) {
      return deny(reply, 403, 'Forbidden', `CSRF token missing or wrong: send the ${CSRF_HEADER} header from GET /api/auth/session`);
    }
    const limited = await mutationLimit(req);
    if (!limited.isAllowed && limited.isExceeded) return tooMany(reply, limited.ttlInSeconds, 'too many changes');
  });

  await authRoutes(app, ctx, {
    registry: o.registry,
    loginAllowed: async (req, reply) => {
      const r = await loginLimit(req);
      if (r.isAllowed || !r.isExceeded) return true;
      tooMany(reply, r.ttlInSeconds, 'too many login attempts');
      return false;
    },
  });
  return ctx;
}

function loginName(body: unknown): string {
  const u = (body as { username?: unknown } | undefined)?.username;
  return typeof u === 'string' ? u.trim().toLowerCase().slice(0, 128) : '(token)';
}

function tooMany(reply: FastifyReply, seconds: number, what: string): FastifyReply {
  reply.header('retry-after', String(seconds));
  return deny(reply, 429, 'TooManyRequests', `${what}: try again in ${seconds} s`);
}
