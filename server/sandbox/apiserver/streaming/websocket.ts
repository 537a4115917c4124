/**
 * WebSocket acceptance with upstream's subprotocol handshake (apimachinery wsstream): the first protocol the
 * client lists that the server supports wins; no Sec-WebSocket-Protocol header means "" (the channel.k8s.io
 * framing); none supported is a 403 with the reason, as golang.org/x/net/websocket refuses a handshake.
 */
import type { IncomingMessage } from 'node:http';
import { WebSocketServer, type WebSocket } from 'ws';
import { StatusError } from '../errors';
import type { UpgradeRequest } from './registry';

const chosen = new WeakMap<IncomingMessage, string>();
const server = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  maxPayload: 16 * 1024 * 1024,
  clientTracking: false,
  handleProtocols: (_offered, req) => chosen.get(req) || false,
});
/**
 * ws accepts only RFC 7230 tokens as subprotocols, and kubectl's port-forward tunnel offers
 * `SPDY/3.1+portforward.k8s.io` (a "/"; gorilla/websocket on both ends upstream does not check). Such a
 * protocol is taken off the request before ws parses it and written into the 101 response here.
 */
const nonToken = new WeakMap<IncomingMessage, string>();
server.on('headers', (headers: string[], req: IncomingMessage) => {
  const p = nonToken.get(req);
  if (p) headers.push(`Sec-WebSocket-Protocol: ${p}`);
});
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

export function negotiate(header: string | undefined, supported: readonly string[]): string | undefined {
  const offered = (header ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  for (const p of offered.length ? offered : ['']) if (supported.includes(p)) return p;
  return undefined;
}

export function isWebSocketUpgrade(r: UpgradeRequest): boolean {
  return (r.req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

/** Completes the upgrade; throws (before writing anything) when no offered subprotocol is supported. */
export function acceptWebSocket(r: UpgradeRequest, supported: readonly string[]): Promise<{ ws: WebSocket; protocol: string }> {
  const header = r.req.headers['sec-websocket-protocol'];
  const protocol = negotiate(header, supported);
  if (protocol === undefined) {
    const offered = (header ?? '').split(',').map((s) => s.trim());
    throw new StatusError(403, 'Forbidden', `requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${supported.join(' ')}]`);
  }
  return new Promise((resolve, reject) => {
    if (protocol && !TOKEN.test(protocol)) {
      delete r.req.headers['sec-websocket-protocol'];
      nonToken.set(r.req, protocol);
    } else chosen.set(r.req, protocol);
    // ws answers a malformed handshake itself and destroys the socket without calling back
    const gone = () => reject(new Error('WebSocket handshake failed'));
    r.socket.once('close', gone);
    server.handleUpgrade(r.req, r.socket, r.head, (ws) => {
      r.socket.off('close', gone);
      resolve({ ws, protocol });
    });
  });
}
