/**
 * Replays the WebSocket messages kubectl 1.32 sent for one forwarded HTTP request (fixtures/, captured with -v=8)
 * byte for byte against the sandbox, and reads the SPDY frames that come back: a SYN_REPLY for each of the
 * two streams and the nginx response on the data stream, then FIN on both.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Duplex } from 'node:stream';
import fixture from './fixtures/kubectl-1.32-portforward.json';
import { eventually, request, startTestCluster, type TestCluster } from '../test-helpers';

let c: TestCluster;

beforeAll(async () => {
  c = await startTestCluster({ name: 'wire', noRuntime: false, scenario: 'empty', speed: 20 });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'w' } } });
  await request(c, 'POST', '/api/v1/namespaces/w/pods', { body: { metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27.3' }] } } });
  await eventually(async () => (await request(c, 'GET', '/api/v1/namespaces/w/pods/web')).json?.status?.containerStatuses?.[0]?.state?.running, 20_000);
}, 40_000);
afterAll(async () => {
  await c?.stop();
});

interface Frame {
  control: boolean;
  type?: number;
  stream: number;
  flags: number;
  data: Buffer;
}

/** SPDY/3 frames: control (1 bit set, version, type) or data (stream id), then flags and a 24-bit length. */
function frames(buf: Buffer): Frame[] {
  const out: Frame[] = [];
  let o = 0;
  while (o + 8 <= buf.length) {
    const len = buf.readUIntBE(o + 5, 3);
    if (o + 8 + len > buf.length) break;
    const control = (buf[o]! & 0x80) !== 0;
    const data = buf.subarray(o + 8, o + 8 + len);
    out.push({
      control,
      type: control ? buf.readUInt16BE(o + 2) : undefined,
      stream: control ? (len >= 4 ? data.readUInt32BE(0) & 0x7fffffff : 0) : buf.readUInt32BE(o) & 0x7fffffff,
      flags: buf[o + 4]!,
      data,
    });
    o += 8 + len;
  }
  return out;
}

/**
 * ws (client and server) refuses `SPDY/3.1+portforward.k8s.io` as a subprotocol (not an RFC 7230 token), so the
 * test speaks RFC 6455 itself, as Go's gorilla/websocket in kubectl does: masked binary frames out, plain frames in.
 */
async function rawWebSocket(path: string, protocol: string): Promise<{ send(b: Buffer): void; got: Buffer[]; headers: Record<string, unknown>; close(): void }> {
  const u = new URL(c.server);
  const req = https.request({
    host: u.hostname,
    port: u.port,
    path,
    ca: c.caPem,
    agent: false,
    headers: {
      Authorization: `Bearer ${c.token}`,
      Connection: 'Upgrade',
      Upgrade: 'websocket',
      'Sec-WebSocket-Version': '13',
      'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
      'Sec-WebSocket-Protocol': protocol,
    },
  });
  req.end();
  const [res, socket, head] = await new Promise<[IncomingMessage, Duplex, Buffer]>((resolve, reject) => {
    req.on('upgrade', (r, s, h) => resolve([r, s, h]));
    req.on('response', (r) => reject(new Error(`no upgrade: ${r.statusCode}`)));
    req.on('error', reject);
  });
  const got: Buffer[] = [];
  socket.on('error', () => socket.destroy());
  let buf = head;
  const parse = () => {
    for (;;) {
      if (buf.length < 2) return;
      let len = buf[1]! & 0x7f;
      let o = 2;
      if (len === 126) {
        if (buf.length < 4) return;
        len = buf.readUInt16BE(2);
        o = 4;
      } else if (len === 127) {
        if (buf.length < 10) return;
        len = Number(buf.readBigUInt64BE(2));
        o = 10;
      }
      if (buf.length < o + len) return;
      if ((buf[0]! & 0x0f) === 2) got.push(buf.subarray(o, o + len));
      buf = buf.subarray(o + len);
    }
  };
  socket.on('data', (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    parse();
  });
  parse();
  const frame = (opcode: number, payload: Buffer) => {
    const mask = randomBytes(4);
    const masked = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]!));
    const len = payload.length < 126 ? Buffer.of(0x80 | payload.length) : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
    return Buffer.concat([Buffer.of(0x80 | opcode), len, mask, masked]);
  };
  return {
    send: (b) => socket.write(frame(2, b)),
    got,
    headers: res.headers,
    close: () => socket.end(frame(8, Buffer.from([0x03, 0xe8]))),
  };
}

it('kubectl\'s own bytes through the WebSocket tunnel get SYN_REPLYs and the server\'s HTTP response', async () => {
  const t = fixture.websocketTunnel.request;
  const ws = await rawWebSocket(t.path.replace('{ns}', 'w').replace('{pod}', 'web'), t.headers['Sec-Websocket-Protocol']);
  expect(ws.headers['sec-websocket-protocol']).toBe(fixture.websocketTunnel.response.headers['Sec-Websocket-Protocol']);
  const got = ws.got;
  for (const hex of fixture.clientMessagesHex) ws.send(Buffer.from(hex, 'hex'));
  const SYN_REPLY = 2;
  const FIN = 1;
  const all = () => frames(Buffer.concat(got));
  await eventually(() => all().some((f) => !f.control && f.stream === 3 && f.flags & FIN) && all().some((f) => !f.control && f.stream === 1 && f.flags & FIN), 10_000);
  const fs = all();
  expect(fs.filter((f) => f.control && f.type === SYN_REPLY).map((f) => f.stream)).toEqual([1, 3]);
  const body = Buffer.concat(fs.filter((f) => !f.control && f.stream === 3).map((f) => f.data)).toString();
  expect(body).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.3\r\n/);
  expect(body).toContain('Connection: close');
  expect(body.endsWith('</html>\n')).toBe(true);
  // nothing went wrong: the error stream closed empty
  expect(fs.filter((f) => !f.control && f.stream === 1).every((f) => f.data.length === 0)).toBe(true);
  ws.close();
});
