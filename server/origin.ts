/**
 * Cross-site WebSocket hijacking guard for the socket.io handshake (the Lens / Kubetail class of bug): a
 * browser always sends Origin on a WebSocket handshake, so a page on another site that opens a socket to the
 * console is refused unless its origin is the console's own (same host:port as the Host header the browser
 * used) or listed in WHEELHOUSE_ALLOWED_ORIGINS. A handshake WITHOUT Origin is not from a browser page
 * (tests, benchmarks, CLI tools) and passes this check; with login on, the session cookie gates it
 * (server/auth/socket.ts). The HTTP mutation guard (server/auth/plugin.ts) uses the same rule with
 * `requireOrigin`: there an absent Origin is refused too, since every browser sends one on a cross-site POST
 * and non-browser clients can add it.
 */
import type { IncomingMessage } from 'node:http';

/** Normalises an origin ("HTTP://Host:80" → "http://host"); undefined for anything that is not http(s). */
export function normalizeOrigin(value: string): string | undefined {
  try {
    const u = new URL(value);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    return u.origin;
  } catch {
    return undefined;
  }
}

export function originAllowed(headers: IncomingMessage['headers'], allowed: readonly string[], opts: { requireOrigin?: boolean } = {}): boolean {
  const origin = headers.origin;
  if (origin === undefined) return !opts.requireOrigin;
  if (Array.isArray(origin)) return false;
  // "null" (sandboxed iframes, file: pages) is a browser context we cannot place: refuse
  const o = normalizeOrigin(origin);
  if (!o) return false;
  if (allowed.includes(o)) return true;
  const host = headers.host?.toLowerCase();
  if (!host) return false;
  // same origin: the page was loaded from the host:port it now connects to (scheme may differ behind TLS ingress)
  const u = new URL(o);
  const withDefaultPort = (h: string, proto: string) => (/:\d+$/.test(h) && !h.endsWith(']') ? h : `${h}:${proto === 'https:' ? 443 : 80}`);
  return withDefaultPort(u.host, u.protocol) === withDefaultPort(host, u.protocol);
}

/** socket.io `allowRequest` hook. */
export function socketOriginCheck(allowed: readonly string[]) {
  return (req: IncomingMessage, cb: (err: string | null | undefined, success: boolean) => void) => {
    const ok = originAllowed(req.headers, allowed);
    cb(ok ? null : 'origin not allowed', ok);
  };
}
