/**
 * The remotecommand WebSocket protocols byte for byte, with a raw `ws` client: subprotocol negotiation, the
 * empty first frame, channel framing (binary and base64), the error channel (Status JSON from v4, text before),
 * v5's CLOSE frame half-closing stdin, resize, query parsing, and authorization of the upgrade GET.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { request, type TestCluster } from '../test-helpers';
import { NS, startExecCluster } from './testing';

let c: TestCluster;

beforeAll(async () => {
  c = await startExecCluster('wp', [{ name: 'bb', spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] } }]);
}, 60_000);
afterAll(async () => {
  await c?.stop();
});

interface Frame {
  channel: number;
  data: Buffer;
}
interface Session {
  ws: WebSocket;
  protocol: string;
  frames: Frame[];
  closed: Promise<{ code: number }>;
  send(channel: number, data: string | Buffer): void;
  text(channel: number): string;
}

function wsUrl(query: string, sub = 'exec', pod = 'bb'): string {
  return `${c.server.replace('https', 'wss')}/api/v1/namespaces/${NS}/pods/${pod}/${sub}?${query}`;
}

function open(query: string, protocols: string[], opts: { sub?: string; pod?: string; headers?: Record<string, string> } = {}): Promise<Session> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(wsUrl(query, opts.sub, opts.pod), protocols, { ca: c.caPem, headers: { Authorization: `Bearer ${c.token}`, ...opts.headers } });
    const frames: Frame[] = [];
    const base64 = () => ws.protocol.includes('base64');
    const closed = new Promise<{ code: number }>((r) => ws.on('close', (code) => r({ code })));
    ws.on('message', (m: Buffer) => {
      if (base64()) frames.push({ channel: m[0] - 48, data: Buffer.from(m.subarray(1).toString(), 'base64') });
      else frames.push({ channel: m[0], data: m.subarray(1) });
    });
    ws.on('unexpected-response', (_req, res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => reject(Object.assign(new Error(`HTTP ${res.statusCode}`), { status: res.statusCode, body })));
    });
    ws.on('error', reject);
    ws.on('open', () =>
      resolve({
        ws,
        protocol: ws.protocol,
        frames,
        closed,
        send(channel, data) {
          const buf = Buffer.from(data);
          ws.send(base64() ? String.fromCharCode(48 + channel) + buf.toString('base64') : Buffer.concat([Buffer.from([channel]), buf]));
        },
        text: (channel) => Buffer.concat(frames.filter((f) => f.channel === channel).map((f) => f.data)).toString(),
      }),
    );
  });
}

const cmd = (...argv: string[]) => argv.map((a) => `command=${encodeURIComponent(a)}`).join('&');

describe('remotecommand WebSocket protocols', () => {
  it('v5: empty first frame on stdout, output, Success status, normal close', async () => {
    const s = await open(`${cmd('echo', 'hi')}&stdout=true&stderr=true`, ['v5.channel.k8s.io']);
    expect(s.protocol).toBe('v5.channel.k8s.io');
    const { code } = await s.closed;
    expect(code).toBe(1000);
    expect(s.frames[0]).toEqual({ channel: 1, data: Buffer.alloc(0) });
    expect(s.text(1)).toBe('hi\n');
    expect(JSON.parse(s.text(3))).toEqual({ metadata: {}, status: 'Success' });
  });

  it('v4: NonZeroExitCode Status with the ExitCode cause', async () => {
    const s = await open(`${cmd('sh', '-c', 'echo e >&2; exit 3')}&stdout=1&stderr=1`, ['v4.channel.k8s.io']);
    await s.closed;
    expect(s.text(2)).toBe('e\n');
    expect(JSON.parse(s.text(3))).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c echo e >&2; exit 3], exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('v4.base64: text frames with an ASCII channel digit', async () => {
    const s = await open(`${cmd('head', '-n', '1')}&stdin=true&stdout=true`, ['v4.base64.channel.k8s.io']);
    s.send(0, 'héllo\nworld\n');
    await s.closed;
    expect(s.protocol).toBe('v4.base64.channel.k8s.io');
    expect(s.text(1)).toBe('héllo\n');
  });

  it('v5 CLOSE (255, stream 0) half-closes stdin: cat ends and the status follows', async () => {
    const s = await open(`${cmd('sh', '-c', 'cat; echo done')}&stdin=true&stdout=true&stderr=true`, ['v5.channel.k8s.io']);
    s.send(0, 'abc\n');
    s.ws.send(Buffer.from([255, 0]));
    await s.closed;
    expect(s.text(1)).toBe('abc\ndone\n');
    expect(JSON.parse(s.text(3)).status).toBe('Success');
  });

  it('the legacy channel.k8s.io writes the error as text and nothing on success', async () => {
    const ok = await open(`${cmd('true')}&stdout=true`, ['channel.k8s.io']);
    await ok.closed;
    expect(ok.text(3)).toBe('');
    const bad = await open(`${cmd('sh', '-c', 'exit 2')}&stdout=true`, ['channel.k8s.io']);
    await bad.closed;
    expect(bad.text(3)).toBe('command terminated with non-zero exit code: error executing command [sh -c exit 2], exit code 2');
    const b64 = await open(`${cmd('echo', 'x')}&stdout=true`, ['base64.channel.k8s.io']);
    await b64.closed;
    expect(b64.text(1)).toBe('x\n');
  });

  it('picks the first offered protocol it supports; none supported is a 403', async () => {
    const s = await open(`${cmd('true')}&stdout=true`, ['v9.channel.k8s.io', 'v4.channel.k8s.io', 'v5.channel.k8s.io']);
    expect(s.protocol).toBe('v4.channel.k8s.io');
    await s.closed;
    await expect(open(`${cmd('true')}&stdout=true`, ['bogus'])).rejects.toMatchObject({ status: 403 });
  });

  it('tty: resize frames and a terminal (\\r\\n output, stderr folded in)', async () => {
    const s = await open(`${cmd('sh')}&stdin=true&stdout=true&stderr=true&tty=true`, ['v5.channel.k8s.io']);
    s.send(4, JSON.stringify({ Width: 100, Height: 30 }));
    s.send(0, 'echo a; echo b >&2; exit 5\r');
    await s.closed;
    expect(s.text(1)).toContain('a\r\nb\r\n');
    expect(s.text(2)).toBe('');
    expect(JSON.parse(s.text(3)).details.causes).toEqual([{ reason: 'ExitCode', message: '5' }]);
  });

  it('parses booleans like the API server: "0"/"false" are false, anything else true', async () => {
    const s = await open(`${cmd('sh', '-c', 'echo out; echo err >&2')}&stdout=yes&stderr=FALSE`, ['v5.channel.k8s.io']);
    await s.closed;
    expect(s.text(1)).toBe('out\n');
    expect(s.text(2)).toBe('');
    await expect(open(`${cmd('true')}&stdout=0&stderr=false`, ['v5.channel.k8s.io'])).rejects.toMatchObject({ status: 400, body: expect.stringContaining('you must specify at least 1 of stdin, stdout, stderr') });
    await expect(open('stdout=true', ['v5.channel.k8s.io'])).rejects.toMatchObject({ status: 400 });
  });

  it('closing the connection ends the process', async () => {
    const s = await open(`${cmd('sh', '-c', 'sleep 1000')}&stdout=true`, ['v5.channel.k8s.io']);
    const ps = async () => (await open(`${cmd('ps')}&stdout=true`, ['v5.channel.k8s.io']).then(async (p) => (await p.closed, p.text(1))));
    expect(await ps()).toContain('sleep 1000');
    s.ws.close();
    await s.closed;
    let out = await ps();
    for (let i = 0; i < 50 && out.includes('sleep 1000'); i++) out = await ps();
    expect(out).not.toContain('sleep 1000');
  });

  it('authorizes the upgrade GET as verb get on pods/exec, with impersonation', async () => {
    await request(c, 'POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/roles`, {
      body: { metadata: { name: 'exec-get' }, rules: [{ apiGroups: [''], resources: ['pods/exec'], verbs: ['get'] }] },
    });
    await request(c, 'POST', `/apis/rbac.authorization.k8s.io/v1/namespaces/${NS}/rolebindings`, {
      body: { metadata: { name: 'jane-exec' }, roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'exec-get' }, subjects: [{ kind: 'User', name: 'jane' }] },
    });
    const ok = await open(`${cmd('echo', 'as-jane')}&stdout=true`, ['v5.channel.k8s.io'], { headers: { 'Impersonate-User': 'jane' } });
    await ok.closed;
    expect(ok.text(1)).toBe('as-jane\n');
    const denied = open(`${cmd('true')}&stdout=true`, ['v5.channel.k8s.io'], { headers: { 'Impersonate-User': 'bob' } });
    await expect(denied).rejects.toMatchObject({ status: 403 });
    const body = JSON.parse(((await denied.catch((e: { body: string }) => e)) as { body: string }).body);
    expect(body.message).toBe('pods "bb" is forbidden: User "bob" cannot get resource "pods/exec" in API group "" in the namespace "ex"');
  });

  it('answers a missing pod with 404 and a bare POST without upgrade with 400', async () => {
    await expect(open(`${cmd('true')}&stdout=true`, ['v5.channel.k8s.io'], { sub: 'nope' })).rejects.toMatchObject({ status: 404 });
    await expect(open(`${cmd('true')}&stdout=true`, ['v5.channel.k8s.io'], { pod: 'ghost' })).rejects.toMatchObject({ status: 404 });
    const r = await request(c, 'POST', `/api/v1/namespaces/${NS}/pods/bb/exec?${cmd('true')}&stdout=true`);
    expect(r.status).toBe(400);
  });
});
