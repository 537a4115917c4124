/**
 * WATCH over HTTP: chunked newline-delimited JSON, headers flushed at once, one socket write per
 * batch, Table events for kubectl, timeoutSeconds, cleanup on the response's close. Event lines for
 * plain JSON watchers are serialized once and shared by every watcher.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KObject } from '../types';
import type { StoredEventType } from '../store/store';
import { jsonOf } from '../store/json-cache';
import { boolParam } from './http-util';
import type { ResourcePath, ServerDeps } from './server';
import { tableAccepted, toTable } from './table';
import { bookmarkObject, startWatch } from './watch';

/**
 * An event line reuses the stored object's cached JSON (store/json-cache.ts): the concatenation is a
 * cheap rope, flattened once per watcher batch by the join in writeNow.
 */
function eventLine(type: StoredEventType, obj: KObject): string {
  return `{"type":"${type}","object":${jsonOf(obj)}}\n`;
}

const COALESCE_MS = 5;

/**
 * One timer for every watcher with pending output: a write batch touches all 100 watchers of a
 * resource, and a timer each per batch costs more than the coalescing saves.
 */
const pendingWriters = new Set<() => void>();
let writersTimer: NodeJS.Timeout | undefined;

function scheduleWrite(w: () => void): void {
  pendingWriters.add(w);
  writersTimer ??= setTimeout(() => {
    writersTimer = undefined;
    const ws = [...pendingWriters];
    pendingWriters.clear();
    for (const f of ws) f();
  }, COALESCE_MS);
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
  let buf: string[] = [];
  let first = true;
  let ended = false;
  let timer: NodeJS.Timeout | undefined;
  const ensureHead = () => {
    if (res.headersSent) return;
    res.writeHead(200, { 'Content-Type': 'application/json', 'Cache-Control': 'no-cache, private', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
  };
  // socket writes are coalesced over a few ms: with many watchers, one TLS write per watcher per
  // event costs far more than the event itself
  const flush = () => {
    if (ended || buf.length === 0) return;
    scheduleWrite(writeNow);
  };
  const writeNow = () => {
    pendingWriters.delete(writeNow);
    if (ended || buf.length === 0) return;
    ensureHead();
    const chunk = buf.join('');
    buf = [];
    res.write(chunk);
    if (res.writableLength > MAX_BUFFERED) end();
  };
  const rowLine = (type: string, obj: KObject) => {
    const t = toTable(deps.api, k, [obj], { resourceVersion: obj.metadata.resourceVersion }, { includeObject: 'Metadata' }) as {
      columnDefinitions?: unknown[];
    };
    // like upstream, only the first event of a Table watch carries the column definitions
    if (!first) t.columnDefinitions = [];
    first = false;
    return `{"type":"${type}","object":${JSON.stringify(t)}}\n`;
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
    },
    {
      event: (type, obj) => buf.push(table ? rowLine(type, obj) : eventLine(type, obj)),
      flush,
      bookmark: (rv, end) => buf.push(`{"type":"BOOKMARK","object":${JSON.stringify(bookmarkObject(k, rv, end))}}\n`),
      error: (status) => {
        buf.push(`{"type":"ERROR","object":${JSON.stringify(status)}}\n`);
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
    if (buf.length && res.writableLength <= MAX_BUFFERED) {
      ensureHead();
      res.write(buf.join(''));
    }
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
