/**
 * Response bodies as bytes, and gzip as kube-apiserver applies it (APIResponseCompression, on by default):
 * a resource response whose encoded body is larger than 128 KiB is sent gzipped (level 1, chunked, with
 * `Content-Encoding: gzip` and `Vary: Accept-Encoding`) when the request's Accept-Encoding names `gzip`
 * as one of its comma-separated tokens; smaller bodies, other requests and watches are sent as they are.
 * client-go (so kubectl) and most HTTP clients ask for gzip by default and decompress transparently.
 *
 * List bodies are assembled straight into one Buffer from the items' cached JSON (json-cache.ts): one
 * copy, instead of joining strings, flattening them and encoding the result again on write.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { constants, gzipSync } from 'node:zlib';

/** upstream defaultGzipThresholdBytes: bodies up to this size are never compressed */
export const GZIP_THRESHOLD = 128 * 1024;

/** upstream gzipContentEncodingLevel: the least CPU for a ratio close to the higher levels' */
const GZIP_LEVEL = 1;

const gzipResponses = new WeakSet<ServerResponse>();

/** upstream ContentEncodingSupported: some comma-separated token of Accept-Encoding is exactly `gzip` (trimmed). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const v = Array.isArray(header) ? header.join(',') : header;
  if (!v) return false;
  for (const token of v.split(',')) if (token.trim() === 'gzip') return true;
  return false;
}

/** Marks a resource request's response as one that may be gzipped (only objects, lists and Status bodies are). */
export function markGzip(req: IncomingMessage, res: ServerResponse): void {
  if (acceptsGzip(req.headers['accept-encoding'])) gzipResponses.add(res);
}

/** Whether this response may be gzipped (the request asked for it and is a resource request). */
export function mayGzip(res: ServerResponse): boolean {
  return gzipResponses.has(res);
}

/**
 * Sends an encoded body, gzipped when the request allows it and the body is over the threshold.
 * `headers` are the ones every answer carries (Content-Type, Cache-Control, Warning).
 */
export function sendBytes(res: ServerResponse, code: number, body: Buffer, headers: Record<string, string | string[]>): void {
  if (body.length > GZIP_THRESHOLD && gzipResponses.has(res)) {
    const gz = gzipSync(body, { level: GZIP_LEVEL, strategy: constants.Z_DEFAULT_STRATEGY });
    // Go's server sends a body without Content-Length chunked; Node does the same once the head is written
    res.writeHead(code, { ...headers, 'Content-Encoding': 'gzip', Vary: 'Accept-Encoding', 'Transfer-Encoding': 'chunked' });
    res.end(gz);
    return;
  }
  res.writeHead(code, { ...headers, 'Content-Length': String(body.length) });
  res.end(body);
}

/**
 * List pages are assembled in one reused buffer: a fresh megabyte-sized buffer per page costs more in
 * page faults than the copy itself. Bodies larger than this are built in a buffer of their own.
 */
const SCRATCH_KEEP = 8 * 1024 * 1024;
let scratch: Buffer = Buffer.allocUnsafeSlow(256 * 1024);

function room(buf: Buffer, used: number, need: number): Buffer {
  if (used + need <= buf.length) return buf;
  const next = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, used + need));
  buf.copy(next, 0, 0, used);
  return next;
}

/**
 * The bytes of a JSON list: `head` is the list's JSON without its items (an object ending in `}`), items are
 * the items' JSON as UTF-8; the body is `{…head…,"items":[item,item,…]}` and a newline, like upstream's encoder.
 * `consume` gets a view that is valid only during the call (it lives in the reused buffer).
 */
export function withListBytes<T>(head: string, items: readonly Buffer[], consume: (body: Buffer) => T): T {
  const open = `${head.slice(0, -1)},"items":[`;
  let buf = room(scratch, 0, open.length * 3);
  let at = buf.write(open, 0);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    buf = room(buf, at, item.length + 1);
    if (i > 0) buf[at++] = 0x2c; // ','
    at += item.copy(buf, at);
  }
  buf = room(buf, at, 3);
  at += buf.write(']}\n', at);
  if (buf.length <= SCRATCH_KEEP) scratch = buf;
  return consume(buf.subarray(0, at));
}

/** withListBytes into a Buffer of its own. */
export function listBytes(head: string, items: readonly Buffer[]): Buffer {
  return withListBytes(head, items, (b) => Buffer.from(b));
}

/** Sends a JSON list (see withListBytes), gzipped as sendBytes decides, without a fresh buffer for its text. */
export function sendList(res: ServerResponse, code: number, head: string, items: readonly Buffer[], headers: Record<string, string | string[]>): void {
  withListBytes(head, items, (body) => {
    if (body.length > GZIP_THRESHOLD && gzipResponses.has(res)) return sendBytes(res, code, body, headers);
    // the socket keeps what it is given until written: a copy, not the reused buffer
    sendBytes(res, code, Buffer.from(body), headers);
  });
}
