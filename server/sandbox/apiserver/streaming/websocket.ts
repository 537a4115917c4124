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
    chosen.set(r.req, protocol);
    // ws answers a malformed handshake itself and destroys the socket without calling back
    const gone = () => reject(new Error('WebSocket handshake failed'));
    r.socket.once('close', gone);
    server.handleUpgrade(r.req, r.socket, r.head, (ws) => {
      r.socket.off('close', gone);
      resolve({ ws, protocol });
    });
  });
}
