/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * pods/portforward: the upgrade kubectl and libraries send. WebSocket with subprotocol
 * SPDY/3.1+portforward.k8s.io (kubectl 1.31+ first) tunnels SPDY; the other WebSocket subprotocols are the
 * channel protocol; `Upgrade: SPDY/3.1` with X-Stream-Protocol-Version portforward.k8s.io is kubectl's fallback.
 * Refusals (unknown pod, pod without a node, bad ports) are thrown before the socket is touched, so the upgrade
 * dispatcher answers them as an ordinary Status response.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { createWebSocketStream, type WebSocket } from 'ws';
import { badRequest, notFoundPath, StatusError } from '../errors';
import { acceptWebSocket } from '../streaming/websocket';
import type { ConnectHandler } from '../streaming/registry';
import type { ServerDeps } from '../server';
import type { PodRef } from './forward';
import { serveSpdyPortForward } from './spdy';
import { CHANNEL_PROTOCOLS, parsePorts, serveWebSocketPortForward } from './websocket-channels';

export const SPDY_TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';
export const PORTFORWARD_PROTOCOL = 'portforward.k8s.io';
export const WEBSOCKET_PROTOCOLS = [SPDY_TUNNEL_PROTOCOL, ...CHANNEL_PROTOCOLS];

export interface PortForwardUpgrade {
  deps: ServerDeps;
  namespace: string;
  name: string;
  url: URL;
  req: IncomingMessage;
  socket: Duplex;
  head: Buffer;
  /** completes a WebSocket handshake choosing one of `supported`; throws a StatusError when none is offered */
  acceptWebSocket(supported: readonly string[]): Promise<{ ws: WebSocket; protocol: string }>;
}

function podRef(deps: ServerDeps, ns: string, name: string): PodRef {
  const pod = deps.api.get(deps.api.kinds.lookup('', 'v1', 'pods')!, ns, name) as any;
  if (!pod.spec?.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  return { namespace: ns, name, uid: pod.metadata.uid ?? '' };
}

/** X-Stream-Protocol-Version negotiation (httpstream.Handshake): the client must offer portforward.k8s.io. */
function spdyHandshake(req: IncomingMessage): void {
  const raw = req.headers['x-stream-protocol-version'];
  const offered = (Array.isArray(raw) ? raw : raw ? [raw] : []).flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  if (!offered.includes(PORTFORWARD_PROTOCOL)) {
    throw new StatusError(403, 'Forbidden', `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${PORTFORWARD_PROTOCOL}]`);
  }
}

export async function handlePortForwardUpgrade(u: PortForwardUpgrade): Promise<void> {
  const pod = podRef(u.deps, u.namespace, u.name);
  const upgrade = String(u.req.headers.upgrade ?? '').toLowerCase();
  if (upgrade === 'websocket') {
    const offered = String(u.req.headers['sec-websocket-protocol'] ?? '');
    const tunnel = offered.split(',').map((s) => s.trim())[0] === SPDY_TUNNEL_PROTOCOL;
    let ports: number[] = [];
    if (!tunnel) {
      const p = parsePorts(u.url.searchParams.getAll('ports'));
      if (typeof p === 'string') throw badRequest(p);
      ports = p;
    }
    const { ws, protocol } = await u.acceptWebSocket(WEBSOCKET_PROTOCOLS);
    if (protocol === SPDY_TUNNEL_PROTOCOL) {
      // each binary message is a slice of the SPDY byte stream; backpressure is the stream's
      const stream = createWebSocketStream(ws, { highWaterMark: 64 * 1024 });
      stream.on('error', () => stream.destroy());
      serveSpdyPortForward(stream, pod, u.deps.ports);
    } else serveWebSocketPortForward(ws, protocol, ports, pod, u.deps.ports);
    return;
  }
  if (upgrade !== 'spdy/3.1') throw badRequest('unable to upgrade: missing upgrade headers in request');
  spdyHandshake(u.req);
  u.socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n' + `X-Stream-Protocol-Version: ${PORTFORWARD_PROTOCOL}\r\n\r\n`,
  );
  if (u.head.length) u.socket.unshift(u.head);
  serveSpdyPortForward(u.socket, pod, u.deps.ports);
}

/** The connect-registry entry: the upgrade dispatcher has authenticated and authorized the request already. */
export const portForwardHandler: ConnectHandler = {
  http() {
    throw badRequest('Upgrade request required');
  },
  upgrade(r) {
    if (!r.rp.namespace || !r.rp.name) throw notFoundPath();
    return handlePortForwardUpgrade({
      deps: r.deps,
      namespace: r.rp.namespace,
      name: r.rp.name,
      url: r.url,
      req: r.req,
      socket: r.socket,
      head: r.head,
      acceptWebSocket: (supported) => acceptWebSocket(r, supported),
    });
  },
};
