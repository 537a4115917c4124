/**
 * Browser side of the session: a module-level store of the current AuthSession (so every mutating
 * request can send its CSRF token without React context), the one place that sends the user to /login when the
 * server says the session is gone (an API 401 or the socket's 'unauthorized'), and the `?next=` guard.
 *
 * Kept free of lib/api-client (which imports this) so there is no import cycle: the session is read with a bare
 * fetch and validated with the contract's zod schema. Runtime-neutral: without `window` the redirect is a no-op.
 */
import { authSession, type AuthSession } from './auth-types';

export const LOGIN_PATH = '/login';
/** localStorage flag "this browser had a session": a later 401 then means it expired (not "never signed in"). */
const SIGNED_IN_FLAG = 'wheelhouse.signedIn';

let current: AuthSession | undefined;
let loading: Promise<AuthSession | undefined> | undefined;
let redirecting = false;
let checking = false;
const listeners = new Set<(s: AuthSession | undefined) => void>();

export function currentSession(): AuthSession | undefined {
  return current;
}

/** Stores a session answer (from GET /api/auth/session, login or token login) and tells subscribers. */
export function setSession(s: AuthSession | undefined): void {
  current = s;
  if (typeof window !== 'undefined') {
    try {
      if (s?.authenticated && s.authMode === 'local') window.localStorage.setItem(SIGNED_IN_FLAG, '1');
    } catch {
      // storage disabled: the expiry message is then only shown within one page's life
    }
  }
  for (const cb of listeners) cb(s);
}

export function onSessionChange(cb: (s: AuthSession | undefined) => void): () => void {
  listeners.add(cb);
  return () => listeners.delete(cb);
}

/** GET /api/auth/session (never redirects: unauthenticated is an answer, not an error). */
export async function loadSession(): Promise<AuthSession> {
  const res = await fetch('/api/auth/session', { headers: { accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' });
  if (!res.ok) throw new Error(`GET /api/auth/session answered ${res.status}`);
  const parsed = authSession.safeParse(await res.json());
  if (!parsed.success) throw new Error(`GET /api/auth/session: unexpected answer (${parsed.error.message})`);
  setSession(parsed.data);
  return parsed.data;
}

/** The CSRF token to send on a mutating request; loads the session once when none is known yet. */
export async function csrfToken(refresh = false): Promise<string | undefined> {
  if (!current || refresh) {
    loading ??= loadSession()
      .catch(() => undefined)
      .finally(() => (loading = undefined));
    await loading;
  }
  return current?.authenticated ? current.csrfToken : undefined;
}

/**
 * Only same-origin relative paths survive as the post-login target: "/c/x?ns=a" yes; "//evil", "/\\evil",
 * "https://evil", "javascript:" and anything that resolves to another origin no (they become "/"). /login itself
 * would loop, so it becomes "/" too.
 */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.includes('\\') || [...next].some((c) => c.charCodeAt(0) < 0x20)) return '/';
  try {
    const base = 'http://wheelhouse.invalid';
    const u = new URL(next, base);
    if (u.origin !== base) return '/';
    if (u.pathname === LOGIN_PATH || u.pathname.startsWith(`${LOGIN_PATH}/`)) return '/';
    const out = `${u.pathname}${u.search}${u.hash}`;
    // normalisation can produce a protocol-relative URL ("/.//evil" → "//evil"): check the result again
    return out.startsWith('//') ? '/' : out;
  } catch {
    return '/';
  }
}

/** The /login URL that comes back to `here` afterwards; `expired` adds the "Your session expired" message. */
export function loginHref(here: string, expired: boolean): string {
  const qs = new URLSearchParams();
  const next = safeNext(here);
  if (next !== '/') qs.set('next', next);
  if (expired) qs.set('reason', 'expired');
  const s = qs.toString();
  return s ? `${LOGIN_PATH}?${s}` : LOGIN_PATH;
}

function hadSession(): boolean {
  if (current?.authenticated) return true;
  try {
    return window.localStorage.getItem(SIGNED_IN_FLAG) === '1';
  } catch {
    return false;
  }
}

/**
 * A 401 from /api (or the socket's 'unauthorized'): if the session is really gone, go to /login (a full load, so no
 * cached data or open socket of the old session survives) and come back here afterwards. A 401 can also be a
 * CLUSTER refusing the person's credentials (a pasted token another cluster does not accept) while the console
 * session is fine, so GET /api/auth/session decides. Once per page; a no-op on /login itself.
 */
export function handleUnauthorized(): void {
  if (typeof window === 'undefined' || redirecting || checking || window.location.pathname === LOGIN_PATH) return;
  const expired = hadSession();
  checking = true;
  loadSession().then(
    (s) => {
      checking = false;
      // signing out goes to /login itself (forgetSession): a 401 that raced it must not add ?next=
      if (s.authenticated || s.authMode === 'none' || redirecting) return;
      redirecting = true;
      const { pathname, search, hash } = window.location;
      window.location.assign(loginHref(`${pathname}${search}${hash}`, expired));
    },
    () => (checking = false), // the server is unreachable: the pages show that; nothing to decide here
  );
}

/** After sign out: forget the session and the "had a session" flag (so /login shows no expiry message). */
export function forgetSession(): void {
  current = undefined;
  // the caller navigates to /login next; 401s from requests still in flight must not redirect elsewhere
  redirecting = true;
  try {
    window.localStorage.removeItem(SIGNED_IN_FLAG);
  } catch {
    // nothing stored
  }
  for (const cb of listeners) cb(undefined);
}
