/**
 * CONTRACT: the BFF's authentication and access API, as zod schemas shared by server and UI.
 *
 * Endpoints (all JSON; errors are lib/protocol.ts `apiError`):
 * - GET  /api/auth/session        → AuthSession (200 always; `authenticated: false` when there is no valid session).
 *                                   Never needs a session, never sets one (except the sliding idle refresh).
 * - POST /api/auth/login          {username, password} → AuthSession + Set-Cookie; 401 Unauthorized "invalid username
 *                                   or password" (same text whether the user exists or not); 429 TooManyRequests.
 * - POST /api/auth/token          {token} → AuthSession + Set-Cookie; 401 when no configured cluster accepts the token.
 * - POST /api/auth/logout         → 204, cookie cleared; the session is refused by every replica within seconds.
 * - POST /api/auth/logout-everywhere → 204, cookie cleared; EVERY session of the current user (all browsers, all
 *                                   replicas) is refused within seconds ("Sign out everywhere").
 * - POST /api/clusters/:cluster/access  AccessRequest → AccessResponse: may the CURRENT user do each check?
 * - GET  /api/audit?…             → AuditResponse, newest first (console admins only: 403 otherwise). Query
 *                                   (auditQuery): limit, user, cluster, verb, namespace, q (text), since, until
 *                                   (ISO times), before (the previous page's `next`).
 *
 * Every other /api route except /api/healthz and /api/readyz answers 401 {reason: 'Unauthorized'} without a session
 * (in `--auth none` mode every request is the single local user). Every mutating request (POST/PUT/PATCH/DELETE)
 * needs a same-origin `Origin` header (absent or `null` → 403) and, once logged in, the header
 * `x-csrf-token: <AuthSession.csrfToken>` (missing/wrong → 403 {reason: 'Forbidden', message: 'CSRF token ...'}).
 * The login/token endpoints need the Origin check only. The socket.io handshake needs the session cookie.
 */
import { z } from 'zod';

export const CSRF_HEADER = 'x-csrf-token';
export const SESSION_COOKIE = 'wh_session';

export const authMode = z.enum(['local', 'none']);
export type AuthMode = z.infer<typeof authMode>;

export const sessionUser = z.object({
  username: z.string(),
  groups: z.array(z.string()),
  /** local: users file; token: a pasted Kubernetes bearer token; none: --auth none (single local user) */
  kind: z.enum(['local', 'token', 'none']),
  /** console admin (may read the audit page) */
  admin: z.boolean(),
});
export type SessionUser = z.infer<typeof sessionUser>;

export const authSession = z.discriminatedUnion('authenticated', [
  z.object({
    authenticated: z.literal(true),
    authMode,
    user: sessionUser,
    csrfToken: z.string(),
    /** ISO times: absolute end of the session, and when it ends if idle from now */
    expiresAt: z.string(),
    idleExpiresAt: z.string(),
  }),
  z.object({ authenticated: z.literal(false), authMode }),
]);
export type AuthSession = z.infer<typeof authSession>;

export const loginRequest = z.object({
  username: z.string().min(1).max(128),
  password: z.string().min(1).max(1024),
});
export const tokenLoginRequest = z.object({ token: z.string().min(10).max(16_384) });

export const accessCheck = z.object({
  verb: z.enum(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'impersonate', 'escalate', 'bind']),
  /** '' for the core group */
  group: z.string().max(253),
  resource: z.string().min(1).max(253),
  subresource: z.string().max(63).optional(),
  namespace: z.string().max(63).optional(),
  name: z.string().max(253).optional(),
});
export type AccessCheck = z.infer<typeof accessCheck>;

export const accessRequest = z.object({ checks: z.array(accessCheck).min(1).max(300) });
export type AccessRequest = z.infer<typeof accessRequest>;

export const accessResult = z.object({
  allowed: z.boolean(),
  /** why not (the cluster's reason, or "not allowed to <verb> <resource> in <namespace>") */
  reason: z.string().optional(),
});
export const accessResponse = z.object({ results: z.array(accessResult) });
export type AccessResponse = z.infer<typeof accessResponse>;

export const auditEntry = z.object({
  /** the record's id in the store (paging cursor) */
  id: z.number().optional(),
  time: z.string(),
  user: z.string(),
  cluster: z.string(),
  /** Kubernetes verbs for mutations; 'login', 'login-failed', 'logout', 'reveal' for the rest */
  verb: z.string(),
  object: z.object({
    group: z.string(),
    version: z.string(),
    resource: z.string(),
    namespace: z.string().optional(),
    name: z.string(),
  }),
  result: z.enum(['success', 'failure']),
  status: z.number().optional(),
  message: z.string().optional(),
  /** of the object in the cluster's answer to the write, when it carried one */
  resourceVersion: z.string().optional(),
  uid: z.string().optional(),
});
export type AuditEntryWire = z.infer<typeof auditEntry>;
/** `next`: pass as `before` for the following (older) page; absent on the last page */
export const auditResponse = z.object({ entries: z.array(auditEntry), next: z.number().optional() });

const isoTime = z.string().max(40).refine((v) => !Number.isNaN(Date.parse(v)), 'must be an ISO time such as 2026-01-02T15:04:05Z');
export const auditQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(200),
  user: z.string().max(256).optional(),
  cluster: z.string().max(256).optional(),
  verb: z.string().max(64).optional(),
  namespace: z.string().max(63).optional(),
  q: z.string().max(256).optional(),
  since: isoTime.optional(),
  until: isoTime.optional(),
  before: z.coerce.number().int().min(1).optional(),
});
/** the query as the browser sends it (numbers travel as text; the server coerces them) */
export type AuditQuery = {
  limit?: number;
  user?: string;
  cluster?: string;
  verb?: string;
  namespace?: string;
  q?: string;
  since?: string;
  until?: string;
  before?: number;
};
