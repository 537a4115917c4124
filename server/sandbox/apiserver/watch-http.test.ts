/**
 * The watch stream's own framing (watch-http.ts writes pre-framed HTTP chunks straight to the socket and
 * shares one framed Buffer between watchers): Node's HTTP parser accepts it, every watcher of a burst
 * gets every event once and in order, a timeoutSeconds watch still ends cleanly, and a watch whose head
 * was queued behind a pipelined request on the same connection streams correctly framed chunks.
 */
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWatch, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ name: 'watch-http' });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'wh' } } });
});
afterAll(async () => {
  await c?.stop();
});

const listRv = async () => (await request(c, 'GET', '/api/v1/namespaces/wh/configmaps')).json.metadata.resourceVersion as string;

describe('watch stream framing', () => {
  it('gives several watchers every event of a burst, once and in order', async () => {
    const rv = await listRv();
    const watchers = Array.from({ length: 4 }, () => openWatch(c, `/api/v1/namespaces/wh/configmaps?watch=true&resourceVersion=${rv}`));
    await Promise.all(watchers.map((w) => w.ready));
    // concurrent writes land in few dispatches, so the watchers share framed chunks
    await Promise.all(Array.from({ length: 40 }, (_, i) => request(c, 'POST', '/api/v1/namespaces/wh/configmaps', { body: { metadata: { name: `burst-${i}` }, data: { i: String(i) } } })));
    for (const w of watchers) {
      const evs = await w.waitFor((e) => e.length >= 40);
      expect(evs).toHaveLength(40);
      const rvs = evs.map((e) => Number(e.object.metadata.resourceVersion));
      expect(rvs).toEqual([...rvs].sort((a, b) => a - b));
      expect(new Set(evs.map((e) => e.object.metadata.name)).size).toBe(40);
      expect(evs.every((e) => e.type === 'ADDED')).toBe(true);
      w.close();
    }
  });

  it('ends a timeoutSeconds watch with a complete chunked response', async () => {
    const w = openWatch(c, `/api/v1/namespaces/wh/configmaps?watch=true&resourceVersion=${await listRv()}&timeoutSeconds=1`);
    await w.ready;
    await request(c, 'POST', '/api/v1/namespaces/wh/configmaps', { body: { metadata: { name: 'before-timeout' } } });
    await w.waitFor(() => w.ended, 5_000);
    expect(w.events.map((e) => e.object.metadata.name)).toEqual(['before-timeout']);
  });

  it('streams a watch sent pipelined behind another request on one connection', async () => {
    const rv = await listRv();
    const u = new URL(c.server);
    const s = tls.connect({ host: u.hostname, port: Number(u.port), ca: c.caPem });
    let text = '';
    const waiters: (() => void)[] = [];
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      text += d;
      waiters.splice(0).forEach((f) => f());
    });
    const until = (pred: () => boolean) =>
      new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error(`timed out; got ${text.slice(0, 500)}`)), 5_000);
        const check = () => (pred() ? (clearTimeout(t), resolve()) : waiters.push(check));
        check();
      });
    const auth = `Host: ${u.host}\r\nAuthorization: Bearer ${c.token}\r\n`;
    const body = JSON.stringify({ metadata: { name: 'first' } });
    await new Promise<void>((r) => s.once('secureConnect', () => r()));
    // the POST's handler waits for its body, so the watch's head is queued until the POST's response is
    // done; the chunks written straight to the socket must still follow it
    s.write(
      `POST /api/v1/namespaces/wh/configmaps HTTP/1.1\r\n${auth}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}` +
        `GET /api/v1/namespaces/wh/configmaps?watch=true&resourceVersion=${rv} HTTP/1.1\r\n${auth}\r\n`,
    );
    await until(() => /HTTP\/1\.1 201[^]*HTTP\/1\.1 200/.test(text));
    await request(c, 'POST', '/api/v1/namespaces/wh/configmaps', { body: { metadata: { name: 'piped' } } });
    await until(() => text.includes('"name":"piped"'));
    const watchPart = text.slice(text.lastIndexOf('HTTP/1.1 200'));
    expect(watchPart.toLowerCase()).toContain('transfer-encoding: chunked');
    // decode the chunked body by hand: every chunk's size matches and holds whole event lines
    const raw = watchPart.slice(watchPart.indexOf('\r\n\r\n') + 4);
    const names: string[] = [];
    let p = 0;
    while (p < raw.length) {
      const nl = raw.indexOf('\r\n', p);
      const size = parseInt(raw.slice(p, nl), 16);
      const data = raw.slice(nl + 2, nl + 2 + size);
      expect(Buffer.byteLength(data)).toBe(size);
      expect(raw.slice(nl + 2 + size, nl + 4 + size)).toBe('\r\n');
      expect(data.endsWith('\n')).toBe(true);
      for (const line of data.split('\n').filter(Boolean)) names.push((JSON.parse(line) as { object: { metadata: { name: string } } }).object.metadata.name);
      p = nl + 4 + size;
    }
    expect(names).toEqual(['first', 'piped']);
    s.destroy();
  });
});
