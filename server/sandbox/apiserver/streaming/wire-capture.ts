/**
 * Test support: what the real kubectl sends for exec/attach/cp. A plain-HTTP fake API server that serves
 * just enough discovery and one running pod, records every request (and every upgrade attempt with its
 * streaming headers) and refuses upgrades, so kubectl's WebSocket-then-SPDY fallback shows on the wire.
 */
import { execFile } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface WireRequest {
  method: string;
  url: string;
  upgrade?: string;
  connection?: string;
  secWebSocketProtocol?: string;
  xStreamProtocolVersion?: string[];
}

const POD = {
  kind: 'Pod',
  apiVersion: 'v1',
  metadata: { name: 'bb', namespace: 'default', uid: '00000000-0000-0000-0000-000000000001' },
  spec: { containers: [{ name: 'app', image: 'busybox' }], nodeName: 'n1' },
  status: { phase: 'Running', containerStatuses: [{ name: 'app', ready: true, state: { running: {} } }] },
};

function json(res: http.ServerResponse, code: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

export async function captureWire(args: string[][]): Promise<{ command: string[]; requests: WireRequest[] }[]> {
  let requests: WireRequest[] = [];
  const record = (req: http.IncomingMessage) => {
    const h = req.headers;
    const xs = h['x-stream-protocol-version'];
    requests.push({
      method: req.method ?? '',
      url: req.url ?? '',
      ...(h.upgrade ? { upgrade: h.upgrade, connection: h.connection } : {}),
      ...(h['sec-websocket-protocol'] ? { secWebSocketProtocol: h['sec-websocket-protocol'] } : {}),
      ...(xs ? { xStreamProtocolVersion: (Array.isArray(xs) ? xs : [xs]).flatMap((x) => x.split(',').map((s) => s.trim())) } : {}),
    });
  };
  const server = http.createServer((req, res) => {
    record(req);
    const u = new URL(req.url ?? '/', 'http://x');
    if (u.pathname === '/api') return json(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (u.pathname === '/apis') return json(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    if (u.pathname === '/api/v1') {
      const r = (name: string, kind: string) => ({ name, singularName: '', namespaced: true, kind, verbs: ['create', 'get'] });
      return json(res, 200, { kind: 'APIResourceList', groupVersion: 'v1', resources: [{ ...r('pods', 'Pod'), singularName: 'pod', verbs: ['get', 'list'] }, r('pods/exec', 'PodExecOptions'), r('pods/attach', 'PodAttachOptions')] });
    }
    if (u.pathname === '/api/v1/namespaces/default/pods/bb') return json(res, 200, POD);
    json(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'not found', reason: 'NotFound', code: 404 });
  });
  server.on('upgrade', (req: http.IncomingMessage, socket) => {
    record(req);
    const body = JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'upgrade refused by the capture server', reason: 'BadRequest', code: 400 });
    socket.end(`HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  const dir = mkdtempSync(path.join(tmpdir(), 'wire-'));
  const kubeconfig = path.join(dir, 'kubeconfig');
  writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: http://127.0.0.1:${port}\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\n    namespace: default\ncurrent-context: c\nusers:\n- name: u\n  user:\n    token: t\n`);
  writeFileSync(path.join(dir, 'local.txt'), 'x\n');
  const out: { command: string[]; requests: WireRequest[] }[] = [];
  try {
    for (const a of args) {
      requests = [];
      await new Promise<void>((resolve) => {
        const child = execFile('/usr/bin/kubectl', ['--kubeconfig', kubeconfig, '--cache-dir', path.join(dir, 'cache'), ...a], { cwd: dir, timeout: 20_000, env: { ...process.env, HOME: dir } }, () => resolve());
        child.stdin?.end();
      });
      out.push({ command: a, requests: requests.filter((r) => r.upgrade || !/^\/(api|apis|version)(\/v1)?(\?|$)/.test(r.url)) });
    }
  } finally {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

/** The commands whose wire facts the fixture records. */
export const WIRE_COMMANDS: string[][] = [
  ['exec', 'bb', '--', 'echo', 'hi'],
  ['exec', '-i', 'bb', '--', 'cat'],
  ['attach', 'bb'],
  ['cp', 'local.txt', 'bb:/tmp/x'],
  ['cp', 'bb:/tmp/x', 'back.txt'],
];
