/**
 * The one security-header policy of the console, used by both halves of the single port: Fastify's /api
 * responses (server/http.ts through @fastify/helmet) and Next's pages (next.config.ts `headers()`).
 * The CSP allows only what the app needs:
 * - script 'unsafe-inline': Next's inline bootstrap/flight scripts and the no-flash theme script in
 *   app/layout.tsx (a nonce would force every page to render dynamically); 'unsafe-eval' only in development,
 *   where React's dev tooling needs eval.
 * - style 'unsafe-inline': Monaco and Recharts set inline styles.
 * - worker-src 'self' blob:: Monaco's editor worker and monaco-yaml's worker (bundled files; blob: for
 *   bundlers that wrap workers).
 * - connect-src 'self': REST and socket.io are same-origin. CSP Level 3 lets 'self' match ws:/wss: on the same
 *   host and port (Chromium since 2022, checked by e2e/smoke.spec.ts); in development Next's HMR socket is
 *   same-origin too.
 */
export interface CspOptions {
  dev: boolean;
}

export function cspDirectives(o: CspOptions): Record<string, string[]> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", "'unsafe-inline'", ...(o.dev ? ["'unsafe-eval'"] : [])],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'worker-src': ["'self'", 'blob:'],
    'connect-src': ["'self'"],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'object-src': ["'none'"],
  };
}

export function cspHeader(o: CspOptions): string {
  return Object.entries(cspDirectives(o))
    .map(([k, v]) => `${k} ${v.join(' ')}`)
    .join('; ');
}

export const REFERRER_POLICY = 'no-referrer';

/** Headers for Next pages (next.config.ts); helmet sends the same set on /api. */
export function securityHeaders(o: CspOptions): { key: string; value: string }[] {
  return [
    { key: 'Content-Security-Policy', value: cspHeader(o) },
    { key: 'X-Content-Type-Options', value: 'nosniff' },
    { key: 'X-Frame-Options', value: 'DENY' },
    { key: 'Referrer-Policy', value: REFERRER_POLICY },
    { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ];
}
