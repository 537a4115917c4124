/**
 * pods/portforward end to end: the real kubectl 1.32 (its WebSocket-tunnelled SPDY, and the plain SPDY fallback
 * with KUBECTL_PORT_FORWARD_WEBSOCKETS=false) for pod/x and svc/x followed by an HTTP GET on the local port;
 * @kubernetes/client-node's PortForward class; and the WebSocket channel protocol byte for byte.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { KubeConfig, PortForward } from '@kubernetes/client-node';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, KUBECTL, request, startTestCluster, type TestCluster } from '../test-helpers';
import { openPortStreams } from '../../kubelet/port-streams';

let c: TestCluster;
const NS = 'pf';

beforeAll(async () => {
  c = await startTestCluster({ name: 'pf', noRuntime: false, scenario: 'empty', speed: 20 });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: NS } } });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/pods`, {
    body: { metadata: { name: 'web', labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27.3', ports: [{ name: 'http', containerPort: 80 }] }] } },
  });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/services`, { body: { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 8080, targetPort: 'http' }] } } });
  await eventually(async () => (await request(c, 'GET', `/api/v1/namespaces/${NS}/endpoints/web`)).json?.subsets?.[0]?.addresses?.length, 20_000);
}, 40_000);
afterAll(async () => {
  await c?.stop();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function get(port: number, p = '/'): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: p, agent: false }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    }).on('error', reject);
  });
}

/** Runs `kubectl port-forward` until it prints its "Forwarding from" line. */
async function portForward(args: string[], env: Record<string, string> = {}): Promise<{ child: ChildProcess; stderr: () => string }> {
  const child = spawn(KUBECTL, ['--kubeconfig', c.kubeconfigPath, '--cache-dir', path.join(c.dir, 'cache'), '-n', NS, 'port-forward', ...args], {
    env: { ...process.env, HOME: c.dir, ...env },
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  await new Promise<void>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`port-forward did not start: ${out} ${err}`)), 20_000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (/Forwarding from 127\.0\.0\.1/.test(out)) {
        clearTimeout(t);
        resolve();
      }
    });
    child.on('exit', () => reject(new Error(`port-forward exited: ${out} ${err}`)));
  });
  return { child, stderr: () => err };
}

describe.skipIf(!hasKubectl)('kubectl port-forward', () => {
  for (const [label, env] of [
    ['WebSocket-tunnelled SPDY (1.32 default)', {}],
    ['plain SPDY fallback', { KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' }],
  ] as const) {
    it(`pod/x then an HTTP GET on the local port: ${label}`, async () => {
      const port = await freePort();
      const pf = await portForward(['pod/web', `${port}:80`], env);
      try {
        const r = await get(port);
        expect(r.status).toBe(200);
        expect(r.headers.server).toBe('nginx/1.27.3');
        expect(r.body).toContain('<h1>Welcome to nginx!</h1>');
        // a second connection over the same forward
        expect((await get(port, '/missing')).status).toBe(404);
      } finally {
        pf.child.kill();
      }
    });
  }

  it('svc/x resolves the Service port to the pod\'s container port', async () => {
    const port = await freePort();
    const pf = await portForward(['svc/web', `${port}:8080`]);
    try {
      expect((await get(port)).body).toContain('<title>Welcome to nginx!</title>');
    } finally {
      pf.child.kill();
    }
  });

  it('a port nothing listens on: the kubelet\'s error reaches kubectl', async () => {
    const port = await freePort();
    const pf = await portForward(['pod/web', `${port}:81`]);
    try {
      await expect(get(port)).rejects.toThrow();
      await eventually(() => /error forwarding port 81 to pod [0-9a-f]{64}, uid : .*connect: connection refused/.test(pf.stderr()), 10_000);
    } finally {
      pf.child.kill();
    }
  });
});

describe('WebSocket clients', () => {
  const wsUrl = (q: string) => `${c.server.replace('https:', 'wss:')}/api/v1/namespaces/${NS}/pods/web/portforward?${q}`;
  const open = (q: string, protocol: string, headers: Record<string, string> = {}) =>
    new WebSocket(wsUrl(q), [protocol], { ca: c.caPem, headers: { Authorization: `Bearer ${c.token}`, ...headers } });

  it('@kubernetes/client-node PortForward carries an HTTP exchange', async () => {
    const kc = new KubeConfig();
    kc.loadFromString(c.kubeconfig);
    const out = new PassThrough();
    const err = new PassThrough();
    const input = new PassThrough();
    let text = '';
    out.on('data', (d: Buffer) => (text += d.toString()));
    const ws = (await new PortForward(kc).portForward(NS, 'web', [80], out, err, input)) as WebSocket;
    input.write('GET / HTTP/1.1\r\nHost: web\r\nConnection: close\r\n\r\n');
    await eventually(() => text.includes('</html>'), 10_000);
    expect(text).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.3\r\n/);
    ws.close();
  });

  it('binary channels: port bytes first on data and error channel, then data; closing frees the target', async () => {
    // counted from here: a kubectl killed by an earlier test may still be closing its connection
    const base = openPortStreams();
    const ws = open('ports=80', 'v4.channel.k8s.io');
    const msgs: Buffer[] = [];
    ws.on('message', (d: Buffer) => msgs.push(Buffer.from(d)));
    await new Promise((r) => ws.once('open', r));
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    await eventually(() => msgs.length >= 2);
    expect(msgs[0]).toEqual(Buffer.from([0, 80, 0]));
    expect(msgs[1]).toEqual(Buffer.from([1, 80, 0]));
    ws.send(Buffer.concat([Buffer.of(0), Buffer.from('HEAD / HTTP/1.1\r\nHost: x\r\n\r\n')]));
    await eventually(() => Buffer.concat(msgs.slice(2).map((m) => m.subarray(1))).toString().includes('\r\n\r\n'));
    expect(msgs[2]![0]).toBe(0);
    expect(openPortStreams()).toBeGreaterThan(0);
    ws.close();
    await eventually(() => openPortStreams() <= base);
  });

  it('base64 channels and the error channel for a closed port', async () => {
    const ws = open('ports=81', 'v4.base64.channel.k8s.io');
    const msgs: string[] = [];
    ws.on('message', (d: Buffer) => msgs.push(d.toString()));
    const closed = new Promise((r) => ws.once('close', r));
    await closed;
    expect(msgs[0]).toBe(`0${Buffer.from([81, 0]).toString('base64')}`);
    expect(msgs[1]).toBe(`1${Buffer.from([81, 0]).toString('base64')}`);
    const errText = Buffer.from(msgs[2]!.slice(1), 'base64').toString();
    expect(msgs[2]![0]).toBe('1');
    expect(errText).toMatch(/^error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward/);
  });

  it('refusals before the upgrade: missing ports, unknown pod, and RBAC as upstream', async () => {
    const noPorts = await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/web/portforward`, { headers: wsHeaders('v4.channel.k8s.io') });
    expect(noPorts.status).toBe(400);
    expect(noPorts.json.message).toBe('query parameter "port" is required');
    const missing = await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/nope/portforward?ports=80`, { headers: wsHeaders('v4.channel.k8s.io') });
    expect(missing.status).toBe(404);
    const bob = await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/web/portforward?ports=80`, { headers: { ...wsHeaders('v4.channel.k8s.io'), 'Impersonate-User': 'bob' } });
    expect(bob.status).toBe(403);
    expect(bob.json.message).toContain('cannot get resource "pods/portforward"');
  });
});

function wsHeaders(protocol: string): Record<string, string> {
  return { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Protocol': protocol };
}
