/**
 * WATCH over HTTP: chunked newline-delimited JSON, headers flushed at once, one socket write per
 * watcher per coalescing window, Table events for kubectl, timeoutSeconds, cleanup on the response's
 * close. Event lines for plain JSON watchers are serialized and encoded once and shared by every
 * watcher, and so is each window's concatenated chunk when watchers have the same pending lines.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject } from '../types';
import type { StoredEventType } from '../store/store';
import { bytesOf } from '../store/json-cache';
import { boolParam } from './http-util';
import type { ResourcePath, ServerDeps } from './server';
import { tableAccepted, toTable } from './table';
import { bookmarkObject, startWatch } from './watch';

/**
 * Event lines as Buffers, built once per (object, event type) while one dispatch runs: the store hands
 * the same stored object to every watcher of a resource, so 100 watchers share one serialization and
 * one UTF-8 encoding. Kept only until the next event-loop turn, so lines never outlive their batch.
 */
let lineCache = new Map<KObject, Partial<Record<StoredEventType, Buffer>>>();
let lineCacheClear = false;

/** An event line is `{"type":"…","object":` + the object's JSON bytes (json-cache.ts) + `}` and a newline. */
const LINE_START: Record<StoredEventType, Buffer> = {
  ADDED: Buffer.from('{"type":"ADDED","object":'),
  MODIFIED: Buffer.from('{"type":"MODIFIED","object":'),
  DELETED: Buffer.from('{"type":"DELETED","object":'),
};
const LINE_END = Buffer.from('}\n');

function eventLine(type: StoredEventType, obj: KObject): Buffer {
  let c = lineCache.get(obj);
  const hit = c?.[type];
  if (hit) return hit;
  const b = Buffer.concat([LINE_START[type], bytesOf(obj), LINE_END]);
  if (!c) {
    c = {};
    lineCache.set(obj, c);
  }
  c[type] = b;
  if (!lineCacheClear) {
    lineCacheClear = true;
    setImmediate(() => {
      lineCacheClear = false;
      lineCache = new Map();
    });
  }
  return b;
}

/**
 * HTTP chunks (size line, lines, CRLF) built during one write round, by first line: watchers with the
 * same pending lines (every plain watcher of a resource, in the common case) share one framed Buffer,
 * written to each socket as it is.
 */
type FrameCache = Map<Buffer, { parts: Buffer[]; out: Buffer }[]>;

const CRLF = Buffer.from('\r\n');

function frame(parts: Buffer[]): Buffer {
  let n = 0;
  for (const p of parts) n += p.length;
  return Buffer.concat([Buffer.from(`${n.toString(16)}\r\n`, 'latin1'), ...parts, CRLF]);
}

function frameShared(parts: Buffer[], shared: FrameCache | undefined): Buffer {
  const cands = shared?.get(parts[0]);
  if (cands) {
    for (const c of cands) {
      if (c.parts.length === parts.length && c.parts.every((b, i) => b === parts[i])) return c.out;
    }
  }
  const out = frame(parts);
  if (shared) {
    if (cands) cands.push({ parts, out });
    else shared.set(parts[0], [{ parts, out }]);
  }
  return out;
}

/**
 * Socket writes are coalesced: one TLS write per watcher per window, not per event. The window is
 * COALESCE_MS when writing is cheap and widens with the cost of the last write round (up to
 * MAX_COALESCE_MS), so with many watchers the writes cost at most about 1/WINDOW_PER_COST of the
 * thread instead of crowding out the requests that produce the events.
 */
const COALESCE_MS = 5;
const MAX_COALESCE_MS = 50;
const WINDOW_PER_COST = 8;
let windowMs = COALESCE_MS;

/** One timer for every watcher with pending output (a timer each per batch costs more than it saves). */
const pendingWriters = new Set<(shared?: FrameCache) => void>();
let writersTimer: NodeJS.Timeout | undefined;

function scheduleWrite(w: (shared?: FrameCache) => void): void {
  pendingWriters.add(w);
  writersTimer ??= setTimeout(() => {
    writersTimer = undefined;
    const t0 = performance.now();
    const ws = [...pendingWriters];
    pendingWriters.clear();
    const shared: FrameCache = new Map();
    for (const f of ws) f(shared);
    const cost = performance.now() - t0;
    windowMs = Math.min(MAX_COALESCE_MS, Math.max(COALESCE_MS, (windowMs + cost * WINDOW_PER_COST) / 2));
  }, windowMs);
}

/** Slow consumers are cut off (upstream closes watchers whose buffers fill) rather than grow memory. */
const MAX_BUFFERED = 64 * 1024 * 1024;

export function handleWatch(deps: ServerDeps, rp: ResourcePath, url: URL, req: IncomingMessage, res: ServerResponse): void {
  const q = url.searchParams;
  const k = rp.kind;
  const table = tableAccepted(req.headers.accept);
  let fieldSelector = q.get('fieldSelector') ?? undefined;
  if (rp.name) fieldSelector = [`metadata.name=${rp.name}`, fieldSelector].filter(Boolean).join(',');
  const timeoutSeconds = q.has('timeoutSeconds') ? Number(q.get('timeoutSeconds')) : 1800 + Math.floor(Math.random() * 1800);
  let buf: Buffer[] = [];
  let first = true;
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const ensureHead = () => {
    if (res.headersSent) return;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
  };
  const flush = () => {
    if (ended || buf.length === 0) return;
    scheduleWrite(writeNow);
  };
  /**
   * The framed chunk goes to the socket directly: the head is flushed and the response is chunked, so
   * this is what res.write would send, minus its per-call framing, corking and copying (which cost
   * more than the event data with 100 watchers); res.end() still writes the last chunk. A response
   * still waiting for its socket (behind a pipelined request) goes through res.write, which queues.
   */
  const send = (shared?: FrameCache): boolean => {
    ensureHead();
    const sock = res.socket;
    if (!sock) {
      res.write(Buffer.concat(buf));
      buf = [];
      return res.writableLength <= MAX_BUFFERED;
    }
    const chunk = frameShared(buf, shared);
    buf = [];
    if (sock.destroyed) return false;
    sock.write(chunk);
    return sock.writableLength <= MAX_BUFFERED;
  };
  const writeNow = (shared?: FrameCache) => {
    pendingWriters.delete(writeNow);
    if (ended || buf.length === 0) return;
    if (!send(shared)) end();
  };
  const rowLine = (type: string, obj: KObject) => {
    const t = toTable(deps.api, k, [obj], { resourceVersion: obj.metadata.resourceVersion }, { includeObject: 'Metadata' }) as {
      columnDefinitions?: unknown[];
    };
    // like upstream, only the first event of a Table watch carries the column definitions
    if (!first) t.columnDefinitions = [];
    first = false;
    return Buffer.from(`{"type":"${type}","object":${JSON.stringify(t)}}\n`);
  };
  // end() may run (via the error sink) before startWatch returns, hence the holder
  const watch: { stop?: () => void } = {};
  watch.stop = startWatch(
    deps.api,
    k,
    {
      namespace: rp.namespace,
      labelSelector: q.get('labelSelector') ?? undefined,
      fieldSelector,
      resourceVersion: q.get('resourceVersion') ?? undefined,
      sendInitialEvents: boolParam(q.get('sendInitialEvents')),
      allowWatchBookmarks: boolParam(q.get('allowWatchBookmarks')),
      bookmarkIntervalMs: deps.bookmarkIntervalMs,
      timeoutMs: Math.max(0, timeoutSeconds) * 1000,
    },
    {
      event: (type, obj) => buf.push(table ? rowLine(type, obj) : eventLine(type, obj)),
      flush,
      bookmark: (rv, end) => buf.push(Buffer.from(`{"type":"BOOKMARK","object":${JSON.stringify(bookmarkObject(k, rv, end))}}\n`)),
      error: (status) => {
        buf.push(Buffer.from(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`));
        writeNow();
        end();
      },
    },
  );
  // headers go out before any event so clients see the watch established
  if (!ended) ensureHead();
  writeNow();
  if (!ended) timer = setTimeout(() => end(), Math.max(0, timeoutSeconds) * 1000);
  function end(): void {
    if (ended) return;
    ended = true;
    clearTimeout(timer);
    pendingWriters.delete(writeNow);
    watch.stop?.();
    if (buf.length && (res.socket?.writableLength ?? 0) <= MAX_BUFFERED) send();
    buf = [];
    res.end();
  }
  res.on('close', () => {
    ended = true;
    clearTimeout(timer);
    pendingWriters.delete(writeNow);
    watch.stop?.();
  });
}
