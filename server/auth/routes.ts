/**
 * The /api/auth/* routes (lib/auth-types.ts): session, login (users file), token (SelfSubjectReview), logout, and
 * logout-everywhere ("Sign out everywhere": every session of the user, on every replica). Every outcome that
 * matters is an audit line (login, login-failed, logout, logout-everywhere) naming the user, never the password or
 * token. Login failures answer the same text whether the username exists or not.
 */
import type { FastifyInstance } from 'fastify';
import type { ClusterRegistry } from '../clusters/registry';
import { loginRequest, tokenLoginRequest, type AuthSession } from '../../lib/auth-types';
import { describeSession, MAX_COOKIE_CHARS, type NewSession } from './session';
import { auditSession, clearSessionCookie, deny, noneSession, requestSessions, setSessionCookie, type AuthContext } from './context';
import { reviewToken } from './token-review';
import type { LoginGate } from './context';

const NONE_LOGIN = 'authentication is off (--auth none): there is nothing to log in to';

export async function authRoutes(app: FastifyInstance, ctx: AuthContext, deps: { registry: ClusterRegistry; loginAllowed: LoginGate }): Promise<void> {
  app.get('/api/auth/session', async (req, reply): Promise<AuthSession> => {
    reply.header('cache-control', 'no-store');
    if (ctx.mode === 'none') return noneSession(ctx);
    const s = requestSessions.get(req);
    return s ? describeSession(s, ctx.sessions!) : { authenticated: false, authMode: 'local' };
  });

  /** Seals a new session into the cookie (replacing any current one) and answers its description. */
  const start = async (req: Parameters<LoginGate>[0], reply: Parameters<LoginGate>[1], who: NewSession, how: string) => {
    const sessions = ctx.sessions!;
    const s = sessions.create(who);
    const sealed = await sessions.seal(s);
    if (sealed.length > MAX_COOKIE_CHARS) {
      return deny(reply, 400, 'BadRequest', 'this token is too long to keep in a session cookie (about 2,500 characters at most)');
    }
    const previous = requestSessions.get(req);
    if (previous) await sessions.revoke(previous);
    setSessionCookie(req, reply, ctx, sealed, sessions.cookieMaxAge(s));
    auditSession(ctx, 'login', who.username, 'success', how);
    reply.header('cache-control', 'no-store');
    return reply.send(describeSession(s, sessions));
  };

  app.post('/api/auth/login', async (req, reply) => {
    if (ctx.mode === 'none') return deny(reply, 400, 'BadRequest', NONE_LOGIN);
    const body = loginRequest.parse(req.body);
    if (!(await deps.loginAllowed(req, reply))) return reply;
    const user = await ctx.users!.authenticate(body.username, body.password);
    if (!user) {
      auditSession(ctx, 'login-failed', body.username, 'failure', 'invalid username or password');
      return deny(reply, 401, 'Unauthorized', 'invalid username or password');
    }
    return start(req, reply, { kind: 'user', username: user.username, groups: user.groups, admin: user.admin }, 'password');
  });

  app.post('/api/auth/token', async (req, reply) => {
    if (ctx.mode === 'none') return deny(reply, 400, 'BadRequest', NONE_LOGIN);
    const body = tokenLoginRequest.parse(req.body);
    if (!(await deps.loginAllowed(req, reply))) return reply;
    const owner = await reviewToken(deps.registry, body.token.trim());
    if (!owner) {
      auditSession(ctx, 'login-failed', '(token)', 'failure', 'no connected cluster accepts the token');
      return deny(reply, 401, 'Unauthorized', 'no connected cluster accepts this token');
    }
    // a token session is not a console admin: the token's rights are the cluster's business
    const who: NewSession = { kind: 'token', username: owner.username, groups: owner.groups, admin: false, token: body.token.trim() };
    return start(req, reply, who, `token, reviewed by cluster ${owner.cluster}`);
  });

  app.post('/api/auth/logout', async (req, reply) => {
    const s = requestSessions.get(req);
    if (s) {
      // answered once stored: a 204 means every replica will refuse the cookie within seconds
      await ctx.sessions!.revoke(s);
      clearSessionCookie(req, reply, ctx);
      auditSession(ctx, 'logout', s.username, 'success');
    }
    return reply.code(204).header('cache-control', 'no-store').send();
  });

  app.post('/api/auth/logout-everywhere', async (req, reply) => {
    if (ctx.mode === 'none') return deny(reply, 400, 'BadRequest', NONE_LOGIN);
    // the onRequest gate answered 401 already when there is no session
    const s = requestSessions.get(req)!;
    await ctx.sessions!.revokeUser(s.username);
    clearSessionCookie(req, reply, ctx);
    auditSession(ctx, 'logout-everywhere', s.username, 'success', 'every session of this user ended');
    return reply.code(204).header('cache-control', 'no-store').send();
  });
}
