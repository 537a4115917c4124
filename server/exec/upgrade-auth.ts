/**
 * Who opens a terminal WebSocket: the same rules as the socket.io handshake (server/origin.ts, server/auth/socket.ts).
 * A browser handshake must come from the console's own origin (or WHEELHOUSE_ALLOWED_ORIGINS); with login on it
 * needs a valid `wh_session` cookie. A refused handshake is answered with a plain HTTP error before any upgrade.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import cookie from '@fastify/cookie';
import { originAllowed } from '../origin';
import { SESSION_COOKIE } from '../../lib/auth-types';
import { SERVICE_IDENTITY, type Identity } from '../auth/identity';
import { identityOf } from '../auth/session';
import type { AuthContext } from '../auth/context';
import type { SessionRef } from '../auth/revocations';

export interface UpgradeCaller {
  identity: Identity;
  /** the login session (local mode): its revocation (logout, "Sign out everywhere") and absolute expiry end the terminal */
  session?: SessionRef;
  expiresAt?: number;
}

export async function authenticateUpgrade(req: IncomingMessage, auth: AuthContext): Promise<UpgradeCaller | { status: number; message: string }> {
  if (!originAllowed(req.headers, auth.allowedOrigins)) return { status: 403, message: 'origin not allowed' };
  if (auth.mode === 'none') return { identity: SERVICE_IDENTITY };
  const header = req.headers.cookie;
  const value = header ? cookie.parse(header)[SESSION_COOKIE] : undefined;
  const s = await auth.sessions!.open(value).catch(() => undefined);
  if (!s) return { status: 401, message: 'log in first' };
  return { identity: identityOf(s), session: { sid: s.sid, username: s.username, issuedAt: s.issuedAt }, expiresAt: auth.sessions!.absoluteExpiry(s) };
}

/** Answers a handshake with an HTTP error and closes the socket (no upgrade happened). */
export function refuseUpgrade(socket: Duplex, status: number, message: string): void {
  const body = JSON.stringify({ status, reason: status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 503 ? 'ServiceUnavailable' : 'BadRequest', message });
  const text = status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : status === 503 ? 'Service Unavailable' : 'Bad Request';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}
