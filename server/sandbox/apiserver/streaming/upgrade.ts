/**
 * The HTTPS server's 'upgrade' event (WebSocket and SPDY requests): the same authentication, impersonation and
 * RBAC as ordinary requests (auth.check, so a WebSocket GET to pods/exec is authorized as verb "get" like 1.32,
 * a SPDY POST as "create"), then routed by resource/subresource to the connect registry. Refusals are written
 * to the raw socket as the HTTP Status response a real API server sends.
 */
import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { notFoundPath, toStatusError, type StatusError } from '../errors';
import { resourcePathOf, type ServerDeps } from '../server';
import { SandboxAuth } from '../auth/index';
import { defaultConnectRegistry } from './index';

export function createUpgradeHandler(deps: ServerDeps): (req: IncomingMessage, socket: Duplex, head: Buffer) => void {
  deps.auth ??= new SandboxAuth(deps.api.store, deps.token);
  deps.connect ??= defaultConnectRegistry();
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    dispatch(deps, req, socket, head).catch((e: unknown) => {
      const se = toStatusError(e);
      if (se.code >= 500) deps.logger?.warn({ err: e, url: req.url }, 'sandbox upgrade error');
      writeStatusResponse(socket, se);
    });
  };
}

async function dispatch(deps: ServerDeps, req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
  const url = new URL(req.url ?? '/', 'https://localhost');
  const p = url.pathname.replace(/\/+$/, '') || '/';
  const method = req.method ?? 'GET';
  const user = deps.auth!.check(req, method, url);
  const rp = resourcePathOf(deps.api, p);
  const h = rp && deps.connect!.lookup(rp.kind.group, rp.kind.resource, rp.sub);
  if (!rp || !h?.upgrade || !rp.name) throw notFoundPath();
  await h.upgrade({ deps, rp, url, method, req, user, socket, head });
}

/** An HTTP error answer on a socket that was never upgraded. */
export function writeStatusResponse(socket: Duplex, se: StatusError): void {
  if (socket.destroyed || !socket.writable) return;
  const body = JSON.stringify(se.status);
  socket.end(
    `HTTP/1.1 ${se.code} ${STATUS_CODES[se.code] ?? 'Error'}\r\n` +
      'Content-Type: application/json\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'Cache-Control: no-cache, private\r\n' +
      'Connection: close\r\n\r\n' +
      body,
  );
}
