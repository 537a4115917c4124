/**
 * ServiceAccount tokens as JWTs. Bound tokens (TokenRequest, `kubectl create token`) are HS256-signed with
 * a key generated per cluster and never leaves the process (upstream signs with the service-account RSA
 * key; the sandbox has a single verifier, so a symmetric key is enough). Legacy tokens in
 * kubernetes.io/service-account-token Secrets are written by the token controller, which has no key: they
 * are verified by comparing with the Secret's data.token, the check upstream's legacy validator also does.
 */
import { createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
export const API_AUDIENCES = [ISSUER];
export const LEGACY_ISSUER = 'kubernetes/serviceaccount';

export interface BoundClaims {
  iss: string;
  sub: string;
  aud: string[];
  exp: number;
  iat: number;
  nbf: number;
  jti: string;
  'kubernetes.io': { namespace: string; serviceaccount: { name: string; uid: string } };
}

export interface LegacyClaims {
  iss: typeof LEGACY_ISSUER;
  sub: string;
  'kubernetes.io/serviceaccount/namespace': string;
  'kubernetes.io/serviceaccount/secret.name': string;
  'kubernetes.io/serviceaccount/service-account.name': string;
  'kubernetes.io/serviceaccount/service-account.uid': string;
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const HEADER = b64({ alg: 'HS256', typ: 'JWT' });

/** The claims of a JWT-shaped token without verifying it, or undefined when it is not one. */
export function peekClaims(token: string): Record<string, unknown> | undefined {
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const c = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as unknown;
    return c && typeof c === 'object' && !Array.isArray(c) ? (c as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

export class TokenSigner {
  private readonly key = randomBytes(32);

  private sign(data: string): string {
    return createHmac('sha256', this.key).update(data).digest('base64url');
  }

  issue(ns: string, name: string, uid: string, expirationSeconds: number, audiences: string[], now = Date.now()): { token: string; exp: number } {
    const iat = Math.floor(now / 1000);
    const claims: BoundClaims = {
      iss: ISSUER,
      sub: `system:serviceaccount:${ns}:${name}`,
      aud: audiences,
      exp: iat + expirationSeconds,
      iat,
      nbf: iat,
      jti: randomUUID(),
      'kubernetes.io': { namespace: ns, serviceaccount: { name, uid } },
    };
    const body = `${HEADER}.${b64(claims)}`;
    return { token: `${body}.${this.sign(body)}`, exp: claims.exp };
  }

  /** Verified, unexpired bound-token claims for one of the API audiences, else undefined. */
  verify(token: string, now = Date.now()): BoundClaims | undefined {
    const i = token.lastIndexOf('.');
    if (i < 0) return undefined;
    const want = Buffer.from(this.sign(token.slice(0, i)));
    const got = Buffer.from(token.slice(i + 1));
    if (want.length !== got.length || !timingSafeEqual(want, got)) return undefined;
    const c = peekClaims(token) as BoundClaims | undefined;
    if (!c || c.iss !== ISSUER || typeof c.exp !== 'number' || c.exp * 1000 <= now) return undefined;
    if (!Array.isArray(c.aud) || !c.aud.some((a) => API_AUDIENCES.includes(a))) return undefined;
    return c;
  }
}

/** A legacy Secret token: JWT-shaped claims with a random signature (it is checked against the Secret). */
export function legacyToken(ns: string, secretName: string, saName: string, saUid: string): string {
  const claims: LegacyClaims = {
    iss: LEGACY_ISSUER,
    sub: `system:serviceaccount:${ns}:${saName}`,
    'kubernetes.io/serviceaccount/namespace': ns,
    'kubernetes.io/serviceaccount/secret.name': secretName,
    'kubernetes.io/serviceaccount/service-account.name': saName,
    'kubernetes.io/serviceaccount/service-account.uid': saUid,
  };
  return `${HEADER}.${b64(claims)}.${randomBytes(32).toString('base64url')}`;
}

export function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
