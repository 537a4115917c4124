/**
 * The client side of `npm run bench:sandbox`, as worker-thread sources (plain JS, no TypeScript loader).
 * The writers and the 100 watchers share the machine's two cores with the API server, so they speak
 * HTTP/1.1 over TLS directly (node:tls, keep-alive, one request in flight per connection) instead of
 * through node:https's agent and ClientRequest machinery, which cost the bench more CPU than the server
 * spent on the writes. They stay real clients: certificate verification against the cluster's CA,
 * bearer-token auth, full responses read and their status checked, chunked framing decoded, and every
 * watch event's resourceVersion read and checked for order (the watcher finds it by its JSON key, like
 * the previous regex, without parsing the whole object).
 */

/** Shared by both workers: TLS connection setup and the request head. */
const COMMON = `
const tls = require('node:tls');
function threadCpuMs() {
  try {
    const f = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return -1; }
}
function connect(u, ca) {
  return new Promise((resolve, reject) => {
    const s = tls.connect({ host: u.hostname, port: Number(u.port), ca });
    s.once('secureConnect', () => { s.off('error', reject); s.setNoDelay(true); resolve(s); });
    s.once('error', reject);
  });
}
function head(method, u, path, token, extra) {
  return method + ' ' + path + ' HTTP/1.1\\r\\nHost: ' + u.host + '\\r\\nAuthorization: Bearer ' + token + '\\r\\n' + extra + '\\r\\n';
}
`;

/** 100 watchers in one worker, each on its own TLS connection, each checking every event's order. */
export const WATCHER_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
${COMMON}
const { server, ca, token, path, count } = workerData;
const u = new URL(server);
const RV = Buffer.from('"resourceVersion":"');
const stats = Array.from({ length: count }, () => ({ received: 0, outOfOrder: 0, lastRv: 0 }));
const sockets = [];
let connected = 0;
if (count === 0) parentPort.postMessage({ type: 'ready' });

function watch(st) {
  let header = null; // bytes before the end of the response head
  let inBody = false;
  let sizeLine = '';
  let remaining = -1; // -1: reading a chunk-size line; 0: skipping the CRLF after a chunk
  let crlf = 0;
  let carry = null; // a partial event line
  const line = (b, s, e) => {
    const i = b.indexOf(RV, s);
    let rv = 0;
    if (i >= 0 && i < e) {
      for (let j = i + RV.length; j < e; j++) {
        const c = b[j];
        if (c < 48 || c > 57) break;
        rv = rv * 10 + (c - 48);
      }
    }
    if (rv <= st.lastRv) st.outOfOrder++;
    st.lastRv = rv;
    st.received++;
  };
  const payload = (b) => {
    let start = 0;
    for (;;) {
      const nl = b.indexOf(10, start);
      if (nl < 0) {
        if (start < b.length) carry = carry ? Buffer.concat([carry, b.subarray(start)]) : Buffer.from(b.subarray(start));
        return;
      }
      if (carry) {
        const whole = Buffer.concat([carry, b.subarray(start, nl)]);
        carry = null;
        line(whole, 0, whole.length);
      } else line(b, start, nl);
      start = nl + 1;
    }
  };
  const body = (d, p) => {
    while (p < d.length) {
      if (remaining === -1) {
        const nl = d.indexOf(10, p);
        if (nl < 0) { sizeLine += d.toString('latin1', p); return; }
        const size = parseInt(sizeLine + d.toString('latin1', p, nl), 16);
        sizeLine = '';
        p = nl + 1;
        if (size === 0) return; // end of the stream
        remaining = size;
      } else if (remaining > 0) {
        const n = Math.min(remaining, d.length - p);
        payload(d.subarray(p, p + n));
        p += n;
        remaining -= n;
        if (remaining === 0) crlf = 2;
      } else {
        const n = Math.min(crlf, d.length - p);
        p += n;
        crlf -= n;
        if (crlf === 0) remaining = -1;
      }
    }
  };
  connect(u, ca).then((s) => {
    sockets.push(s);
    s.on('data', (d) => {
      if (inBody) return body(d, 0);
      header = header ? Buffer.concat([header, d]) : d;
      const he = header.indexOf('\\r\\n\\r\\n');
      if (he < 0) return;
      const h = header.toString('latin1', 0, he);
      if (!h.startsWith('HTTP/1.1 200') || !/\\r\\ntransfer-encoding: *chunked/i.test(h)) {
        parentPort.postMessage({ type: 'error', message: 'watch answered ' + h.split('\\r\\n')[0] });
        return;
      }
      inBody = true;
      if (++connected === count) parentPort.postMessage({ type: 'ready' });
      const rest = header;
      header = null;
      body(rest, he + 4);
    });
    s.on('error', () => {});
    s.write(head('GET', u, path, token, ''));
  }, (e) => parentPort.postMessage({ type: 'error', message: String(e) }));
}
stats.forEach(watch);
parentPort.on('message', (m) => {
  if (m === 'stats') parentPort.postMessage({ type: 'stats', stats, cpuMs: threadCpuMs() });
  if (m === 'close') { sockets.forEach((s) => s.destroy()); parentPort.postMessage({ type: 'closed' }); }
});
`;

/**
 * The writing clients: they stand for other processes (kubectl, controllers). Half creates, then half
 * updates of the created objects (two phases: an update never races its create), each a real HTTPS
 * request on one of \`concurrency\` keep-alive connections, its full response read and its status checked.
 */
export const WRITER_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
${COMMON}
const { server, ca, token, writes, concurrency } = workerData;
const u = new URL(server);

/** One keep-alive connection with one request in flight; responses are framed by Content-Length. */
function client(s) {
  let buf = null;
  let waiting = null;
  const fail = (e) => { if (waiting) { const w = waiting; waiting = null; w.reject(e); } };
  s.on('error', fail);
  s.on('close', () => fail(new Error('connection closed')));
  s.on('data', (d) => {
    buf = buf ? Buffer.concat([buf, d]) : d;
    const he = buf.indexOf('\\r\\n\\r\\n');
    if (he < 0) return;
    const h = buf.toString('latin1', 0, he);
    const m = /\\r\\ncontent-length: *(\\d+)/i.exec(h);
    if (!m) return fail(new Error('response without Content-Length: ' + h));
    const end = he + 4 + Number(m[1]);
    if (buf.length < end) return;
    const status = Number(h.slice(9, 12));
    const text = status >= 300 ? buf.toString('utf8', he + 4, end) : '';
    if (buf.length > end) return fail(new Error('unexpected bytes after a response'));
    buf = null;
    const w = waiting;
    waiting = null;
    w.resolve({ status, text });
  });
  return (method, path, body) => new Promise((resolve, reject) => {
    waiting = { resolve, reject };
    s.write(head(method, u, path, token, 'Content-Type: application/json\\r\\nContent-Length: ' + Buffer.byteLength(body) + '\\r\\n') + body);
  });
}

(async () => {
  const sockets = await Promise.all(Array.from({ length: concurrency }, () => connect(u, ca)));
  const clients = sockets.map(client);
  const creates = Math.ceil(writes / 2);
  const t0 = performance.now();
  for (const phase of ['create', 'update']) {
    const count = phase === 'create' ? creates : writes - creates;
    let next = 0;
    await Promise.all(clients.map(async (req) => {
      for (;;) {
        const n = next++;
        if (n >= count) return;
        const body = JSON.stringify({ metadata: { name: 'cm-' + n }, data: { phase, payload: 'x'.repeat(200) } });
        const r = phase === 'create'
          ? await req('POST', '/api/v1/namespaces/bench/configmaps', body)
          : await req('PUT', '/api/v1/namespaces/bench/configmaps/cm-' + n, body);
        if (r.status >= 300) throw new Error('write failed: ' + r.status + ' ' + r.text);
      }
    }));
  }
  const ms = performance.now() - t0;
  sockets.forEach((s) => s.destroy());
  parentPort.postMessage({ ms, cpuMs: threadCpuMs() });
})().catch((e) => parentPort.postMessage({ error: String(e) }));
`;

/**
 * The paging client, also off the server's thread: parsing 50,000 pods is the client's cost, not the server's.
 * It asks for gzip like client-go (Go's transport sends `Accept-Encoding: gzip` unless told not to) and
 * decompresses what comes gzipped; every page is still decoded and parsed whole.
 */
export const LIST_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const https = require('node:https');
const zlib = require('node:zlib');
const { isAscii } = require('node:buffer');
const { server, ca, token } = workerData;
const u = new URL(server);
// two connections: the next page is asked for while this one is still being read and parsed
const agent = new https.Agent({ keepAlive: true, maxSockets: 2 });
function threadCpuMs() {
  try {
    const f = require('node:fs').readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return -1; }
}
const PAGE = '/api/v1/pods?limit=500';
/**
 * GETs one page. A list's metadata (and so its continue token) comes before its items, so as soon as the head
 * has arrived onHead(continueToken) may start the next request, like a streaming client; the page is still
 * read whole and parsed. Resolves with the page's JSON text.
 */
function get(path, onHead) {
  return new Promise((resolve, reject) => {
    const headers = { Authorization: 'Bearer ' + token, Accept: 'application/json', 'Accept-Encoding': 'gzip' };
    const r = https.request({ host: u.hostname, port: u.port, path, ca, agent, headers }, (res) => {
      if (res.statusCode !== 200) return reject(new Error('list answered ' + res.statusCode));
      let head = '';
      let size = 0;
      res.on('data', (d) => { wire += d.length; });
      const body = res.headers['content-encoding'] === 'gzip' ? res.pipe(zlib.createGunzip({ chunkSize: 64 * 1024 })) : res;
      body.on('error', reject);
      const page = pageBuffer();
      body.on('data', (d) => {
        page.add(d);
        size += d.length;
        if (onHead) {
          head += d.toString('latin1', 0, Math.min(d.length, 4096));
          const itemsAt = head.indexOf('"items":');
          if (itemsAt >= 0 || head.length > 65536) {
            const m = /"continue":"([^"]*)"/.exec(head.slice(0, itemsAt >= 0 ? itemsAt : undefined));
            onHead(m ? m[1] : '');
            onHead = undefined;
          }
        }
      });
      body.on('end', () => {
        const b = page.bytes();
        bytes += b.length;
        if (onHead) onHead('');
        // ASCII reads the same as Latin-1 and as UTF-8; Latin-1 decoding skips UTF-8's validation
        resolve(isAscii(b) ? b.toString('latin1') : b.toString('utf8'));
      });
    });
    r.on('error', reject);
    r.end();
  });
}
let wire = 0;
/**
 * A page's bytes, gathered in one of two buffers kept across pages (one per connection in flight): a fresh
 * megabyte-sized buffer per page costs this machine more in page faults than the copy. The view returned
 * by bytes() is decoded to a string before the buffer is used again two pages later.
 */
const spare = [Buffer.allocUnsafeSlow(4 << 20), Buffer.allocUnsafeSlow(4 << 20)];
let turn = 0;
function pageBuffer() {
  let buf = spare[turn];
  const slot = turn;
  turn ^= 1;
  let at = 0;
  return {
    add(d) {
      if (at + d.length > buf.length) {
        const next = Buffer.allocUnsafeSlow(Math.max(buf.length * 2, at + d.length));
        buf.copy(next, 0, 0, at);
        buf = spare[slot] = next;
      }
      d.copy(buf, at);
      at += d.length;
    },
    bytes: () => buf.subarray(0, at),
  };
}
let bytes = 0;
(async () => {
  const t0 = performance.now();
  let items = 0;
  const fetchPage = (path) => {
    let ahead;
    const early = new Promise((resolve) => (ahead = resolve));
    const body = get(path, (cont) => ahead(cont));
    return { body, early };
  };
  let pending = fetchPage(PAGE);
  for (;;) {
    const cur = pending;
    const early = await cur.early;
    pending = early ? fetchPage(PAGE + '&continue=' + encodeURIComponent(JSON.parse('"' + early + '"'))) : undefined;
    const page = JSON.parse(await cur.body);
    items += page.items.length;
    const cont = (page.metadata && page.metadata.continue) || '';
    if (cont !== (early ? JSON.parse('"' + early + '"') : '')) throw new Error('continue token read early differs from the parsed one');
    if (!cont) break;
  }
  agent.destroy();
  parentPort.postMessage({ ms: performance.now() - t0, items, bytes, wireBytes: wire, cpuMs: threadCpuMs() });
})().catch((e) => parentPort.postMessage({ error: String(e) }));
`;
