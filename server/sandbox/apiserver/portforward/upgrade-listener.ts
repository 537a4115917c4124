/**
 * The HTTPS server's 'upgrade' listener for pods/portforward: authentication, impersonation and RBAC exactly as
 * for ordinary requests (a WebSocket GET is authorized as "get" on pods/portforward, a SPDY POST as "create",
 * like 1.32), then the port-forward handler. Refusals are written as the Status response a real server sends.
 */
import { STATUS_CODES, type IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { notFoundPath, StatusError, toStatusError } from '../errors';
import type { ServerDeps } from '../server';
import { SandboxAuth } from '../auth/index';
import { handlePortForwardUpgrade } from './index';

const chosen = new WeakMap<IncomingMessage, string>();
const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, maxPayload: 16 * 1024 * 1024, clientTracking: false, handleProtocols: (_o, req) => chosen.get(req) || false });
/**
 * ws accepts only RFC 7230 tokens as subprotocols, and `SPDY/3.1+portforward.k8s.io` has a "/" (Go's
 * gorilla/websocket, on both ends upstream, does not check). Such a protocol is taken off the request before ws
 * sees it and written into the 101 response here.
 */
const untokenProtocol = new WeakMap<IncomingMessage, string>();
wss.on('headers', (headers: string[], req: IncomingMessage) => {
  const p = untokenProtocol.get(req);
  if (p) headers.push(`Sec-WebSocket-Protocol: ${p}`);
});
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

function acceptWebSocket(req: IncomingMessage, socket: Duplex, head: Buffer, supported: readonly string[]): Promise<{ ws: WebSocket; protocol: string }> {
  const header = String(req.headers['sec-websocket-protocol'] ?? '');
  const offered = header.split(',').map((s) => s.trim()).filter(Boolean);
  const protocol = (offered.length ? offered : ['']).find((p) => supported.includes(p));
  if (protocol === undefined) throw new StatusError(403, 'Forbidden', `requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${supported.join(' ')}]`);
  if (protocol && !TOKEN.test(protocol)) {
    delete req.headers['sec-websocket-protocol'];
    untokenProtocol.set(req, protocol);
  } else chosen.set(req, protocol);
  return new Promise((resolve) => wss.handleUpgrade(req, socket, head, (ws) => resolve({ ws, protocol })));
}

function writeStatus(socket: Duplex, se: StatusError): void {
  if (socket.destroyed || !socket.writable) return;
  const body = JSON.stringify(se.status);
  socket.end(`HTTP/1.1 ${se.code} ${STATUS_CODES[se.code] ?? 'Error'}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
}

export interface UpgradeListener {
  (req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** upgraded sockets are no longer the HTTP server's: the cluster's stop() ends them here */
  closeAll(): void;
}

export function createPortForwardUpgradeListener(deps: ServerDeps): UpgradeListener {
  deps.auth ??= new SandboxAuth(deps.api.store, deps.token);
  const sockets = new Set<Duplex>();
  const listener = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    const run = async () => {
      const url = new URL(req.url ?? '/', 'https://localhost');
      deps.auth!.check(req, req.method ?? 'GET', url);
      const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/portforward\/?$/.exec(url.pathname);
      if (!m) throw notFoundPath();
      await handlePortForwardUpgrade({
        deps,
        namespace: decodeURIComponent(m[1]!),
        name: decodeURIComponent(m[2]!),
        url,
        req,
        socket,
        head,
        acceptWebSocket: (supported) => acceptWebSocket(req, socket, head, supported),
      });
    };
    run().catch((e: unknown) => writeStatus(socket, toStatusError(e)));
  };
  return Object.assign(listener, {
    closeAll() {
      for (const s of sockets) s.destroy();
      sockets.clear();
    },
  });
}
