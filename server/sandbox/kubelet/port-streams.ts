/**
 * Byte streams to the simulated HTTP servers (what port-forward carries): an in-memory socket pair whose far
 * end is handed to one Node HTTP server, so the bytes a client sends are parsed as real HTTP/1.1 (keep-alive,
 * pipelining, chunked bodies) and answered by the container's PortServer.
 * Backpressure: a write completes only once the other side has read it into a buffer of at most
 * `highWaterMark` bytes, so neither side ever holds more than that; destroying one end destroys the other.
 */
import http from 'node:http';
import { Duplex } from 'node:stream';
import type { Listener } from './http-servers';

const HWM = 64 * 1024;
/** a request body larger than this is answered 413 and the connection closed (nothing buffers without bound) */
const MAX_BODY = 1024 * 1024;

class Half extends Duplex {
  peer!: Half;
  /** the peer's pending write callback, released when this side is read */
  private waiting?: (e?: Error | null) => void;

  constructor() {
    super({ highWaterMark: HWM, allowHalfOpen: true });
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void {
    if (this.peer.destroyed) return cb(new Error('EPIPE'));
    if (this.peer.push(chunk)) cb();
    else this.peer.waiting = cb;
  }

  override _read(): void {
    const cb = this.waiting;
    this.waiting = undefined;
    cb?.();
  }

  override _final(cb: (e?: Error | null) => void): void {
    if (!this.peer.destroyed) this.peer.push(null);
    cb();
  }

  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.(new Error('ECONNRESET'));
    if (!this.peer.destroyed) this.peer.destroy();
    cb(err);
  }
}

/** Two connected duplex streams: what one writes, the other reads. */
export function socketPair(): [Duplex, Duplex] {
  const a = new Half();
  const b = new Half();
  a.peer = b;
  b.peer = a;
  return [a, b];
}

const listeners = new WeakMap<object, { listener: Listener; now: () => number }>();
let open = 0;

/** Connections to simulated ports that are still open (tests check that closing a client frees them). */
export function openPortStreams(): number {
  return open;
}

const server = http.createServer({ keepAliveTimeout: 0, requestTimeout: 0 } as http.ServerOptions, (req, res) => {
  const l = listeners.get(req.socket);
  if (!l) {
    res.destroy();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (d: Buffer) => {
    size += d.length;
    if (size > MAX_BODY) {
      res.writeHead(413, { 'Content-Length': '0', Connection: 'close' });
      res.end();
      req.destroy();
      return;
    }
    chunks.push(d);
  });
  req.on('end', () => {
    if (res.headersSent) return;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const out = l.listener.serve(
      { method: req.method ?? 'GET', path: req.url ?? '/', headers, body: Buffer.concat(chunks) },
      { ...l.listener.ctx, now: l.now() },
    );
    res.sendDate = false;
    const hdrs: string[] = [];
    // the server says what it will do with the connection: close it when the client asked to
    const closing = !res.shouldKeepAlive;
    for (const [k, v] of out.headers) hdrs.push(k, k.toLowerCase() === 'connection' && closing ? 'close' : v);
    if (!out.headers.some(([k]) => k === 'Date')) hdrs.push('Date', new Date(l.now()).toUTCString());
    res.writeHead(out.status, hdrs);
    res.end(out.body);
  });
});
server.keepAliveTimeout = 0;

/** A connection to a listening container port: the returned end is the client's socket. */
export function openPortStream(listener: Listener, now: () => number = Date.now): Duplex {
  const [client, far] = socketPair();
  listeners.set(far, { listener, now });
  open++;
  far.once('close', () => open--);
  // errors on the server side end that connection only
  far.on('error', () => far.destroy());
  server.emit('connection', far);
  return client;
}
