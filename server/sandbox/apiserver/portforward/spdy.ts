/**
 * The SPDY/3.1 port-forward protocol (portforward.k8s.io) as the kubelet serves it, over any byte stream: a
 * plain `Upgrade: SPDY/3.1` connection, or the WebSocket tunnel kubectl 1.31+ tries first
 * (subprotocol SPDY/3.1+portforward.k8s.io: the same SPDY bytes carried in binary messages).
 * The client opens two streams per connection it forwards, with headers `streamtype` (error|data), `port` and
 * `requestid`; the server replies to each, forwards the data stream to the pod's port, and writes the failure,
 * if any, to the error stream before closing both. Framing, flow control (SPDY/3.1 windows: the backpressure),
 * pings and GOAWAY are spdy-transport's.
 */
import type { Duplex } from 'node:stream';
import transport from 'spdy-transport';
import type { PortProvider } from '../../types';
import { openTarget, splice, type PodRef } from './forward';

/** How long the second stream of a pair may lag the first (the kubelet's stream creation timeout is 30 s). */
const PAIR_TIMEOUT_MS = 30_000;
/** At most this many unpaired/active request ids per connection: a client cannot make the server hold more. */
const MAX_PAIRS = 256;

interface SpdyStream extends Duplex {
  headers: Record<string, string>;
  respond(status: number, headers: Record<string, string>, cb?: (e?: Error) => void): void;
  abort(code?: string, cb?: () => void): void;
}

interface Pair {
  data?: SpdyStream;
  error?: SpdyStream;
  timer?: NodeJS.Timeout;
}

interface SpdyConnection {
  start(version: number): void;
  on(ev: 'stream', fn: (s: SpdyStream) => void): void;
  on(ev: 'error' | 'close', fn: (e?: Error) => void): void;
  end(cb?: () => void): void;
  destroyStreams?(e?: Error): void;
  _spdyState: { parser: { parseKVs(buf: unknown, cb: (err: Error | null, h?: Record<string, string>) => void): void } };
}

/**
 * Kubernetes' SYN_STREAMs carry no `:method`/`:path` (spdystream is not HTTP); spdy-transport's parser wants
 * them, so this connection's parser fills them in.
 */
function acceptNonHttpStreams(conn: SpdyConnection): void {
  const parser = conn._spdyState.parser;
  const parseKVs = parser.parseKVs.bind(parser);
  parser.parseKVs = (buf, cb) =>
    parseKVs(buf, (err, h) => {
      if (!err && h) {
        h[':method'] ??= 'POST';
        h[':path'] ??= '/';
      }
      cb(err, h);
    });
}

/** Serves port-forward over `socket` until the client goes away; everything it opened is closed then. */
export function serveSpdyPortForward(socket: Duplex, pod: PodRef, ports: PortProvider | undefined): void {
  const conn = transport.connection.create(socket, { protocol: 'spdy', isServer: true, windowSize: 256 * 1024 }) as unknown as SpdyConnection;
  acceptNonHttpStreams(conn);
  conn.start(3.1);
  const pairs = new Map<string, Pair>();
  const active = new Set<Duplex>();
  let closed = false;

  const closeAll = () => {
    if (closed) return;
    closed = true;
    for (const p of pairs.values()) clearTimeout(p.timer);
    pairs.clear();
    for (const d of active) d.destroy();
    active.clear();
    socket.destroy();
  };
  socket.on('close', closeAll);
  socket.on('error', closeAll);
  conn.on('error', closeAll);
  conn.on('close', closeAll);

  conn.on('stream', (stream) => {
    const h = stream.headers;
    const type = h.streamtype;
    const id = h.requestid ?? '';
    const port = Number(h.port);
    stream.on('error', () => stream.destroy());
    if ((type !== 'data' && type !== 'error') || !(port > 0 && port < 65536)) {
      stream.abort('PROTOCOL_ERROR');
      return;
    }
    let p = pairs.get(id);
    if (!p) {
      if (pairs.size >= MAX_PAIRS) {
        stream.abort('REFUSED_STREAM');
        return;
      }
      p = {};
      pairs.set(id, p);
      p.timer = setTimeout(() => {
        pairs.delete(id);
        p!.data?.abort('CANCEL');
        p!.error?.abort('CANCEL');
      }, PAIR_TIMEOUT_MS);
      p.timer.unref?.();
    }
    if (p[type]) {
      stream.abort('PROTOCOL_ERROR');
      return;
    }
    p[type] = stream;
    stream.respond(200, {});
    if (type === 'error') stream.resume(); // the client sends nothing on it; drain whatever comes
    if (!p.data || !p.error) return;
    clearTimeout(p.timer);
    pairs.delete(id);
    forwardPair(p.data, p.error, pod, port, active, ports);
  });
}

function forwardPair(data: SpdyStream, error: SpdyStream, pod: PodRef, port: number, active: Set<Duplex>, ports: PortProvider | undefined): void {
  active.add(data).add(error);
  const close = () => {
    active.delete(data);
    active.delete(error);
    if (!error.destroyed) error.end();
    if (!data.destroyed) data.end();
  };
  const target = openTarget(ports, pod, port, (msg) => error.write(msg));
  if (!target) return close();
  active.add(target);
  splice(data, target, () => {
    active.delete(target);
    close();
  });
}

