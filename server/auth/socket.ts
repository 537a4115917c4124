/**
 * socket.io handshake authentication: the handshake's Cookie header must carry a valid session
 * (the browser sends it on the same-origin WebSocket upgrade); the socket then carries `socket.data.identity`
 * (server/auth/identity.ts) for every subscription. Refused handshakes fail with Error('unauthorized') — the client
 * sees connect_error 'unauthorized'. The Origin check stays in `allowRequest` (server/origin.ts); a handshake
 * without Origin (not a browser) still needs the cookie. `--auth none`: every socket is the service identity.
 *
 * A socket lives on after the cookie's idle expiry (an open live view is activity), but is disconnected at the
 * session's absolute expiry and when its session is revoked (logout, "Sign out everywhere"; on any replica).
 */
import type { Server, Socket } from 'socket.io';
import cookie from '@fastify/cookie';
import { SESSION_COOKIE } from '../../lib/auth-types';
import { SERVICE_IDENTITY } from './identity';
import { identityOf } from './session';
import type { AuthContext } from './context';
import type { SessionRef } from './revocations';

/** setTimeout's limit (~24.8 days); longer sessions are re-checked then */
const MAX_TIMER_MS = 2 ** 31 - 1;

export function socketAuth(io: Server, o: { auth: AuthContext }): () => void {
  const ctx = o.auth;
  io.use((socket, next) => {
    if (ctx.mode === 'none') {
      socket.data.identity = SERVICE_IDENTITY;
      return next();
    }
    const header = socket.handshake.headers.cookie;
    const value = header ? cookie.parse(header)[SESSION_COOKIE] : undefined;
    ctx.sessions!.open(value).then(
      (s) => {
        if (!s) return next(new Error('unauthorized'));
        socket.data.identity = identityOf(s);
        socket.data.sid = s.sid;
        socket.data.session = { sid: s.sid, username: s.username, issuedAt: s.issuedAt };
        socket.data.expiresAt = ctx.sessions!.absoluteExpiry(s);
        next();
      },
      () => next(new Error('unauthorized')),
    );
  });

  io.on('connection', (socket: Socket) => {
    const sid = socket.data.sid as string | undefined;
    if (!sid) return;
    const end = () => {
      const left = (socket.data.expiresAt as number) - ctx.now();
      if (left <= 0) return void socket.disconnect(true);
      timer = setTimeout(end, Math.min(left, MAX_TIMER_MS));
      timer.unref();
    };
    let timer: NodeJS.Timeout | undefined;
    end();
    socket.once('disconnect', () => clearTimeout(timer));
  });

  return (
    ctx.sessions?.onRevoke((matches) => {
      for (const socket of io.of('/').sockets.values()) {
        const s = socket.data.session as SessionRef | undefined;
        if (s && matches(s)) socket.disconnect(true);
      }
    }) ?? (() => undefined)
  );
}
