/**
 * Limits of the streaming path: a runaway producer (`yes`, `cat /dev/zero`) against a client that stops reading
 * is held by backpressure (the server never queues much more than the high-water mark), a closed connection
 * ends the process, and 100 concurrent exec sessions on one sandbox all answer.
 */
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, type TestCluster } from '../test-helpers';
import { NS, startExecCluster } from './testing';
import { streamStats, WS_HIGH_WATER } from './remotecommand';

let c: TestCluster;

beforeAll(async () => {
  c = await startExecCluster('lim', [{ name: 'bb', spec: { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '3600'] }] } }]);
}, 60_000);
afterAll(async () => {
  await c?.stop();
});

function connect(argv: string[], stdin = false): { ws: WebSocket; opened: Promise<void>; received(): number; output(): string; closed: Promise<void> } {
  const q = `${argv.map((a) => `command=${encodeURIComponent(a)}`).join('&')}&stdout=true${stdin ? '&stdin=true' : ''}`;
  const ws = new WebSocket(`${c.server.replace('https', 'wss')}/api/v1/namespaces/${NS}/pods/bb/exec?${q}`, ['v5.channel.k8s.io'], { ca: c.caPem, headers: { Authorization: `Bearer ${c.token}` } });
  let n = 0;
  let text = '';
  ws.on('message', (m: Buffer) => {
    n += m.length - 1;
    if (m[0] === 1 && n < 4096) text += m.subarray(1).toString();
  });
  return {
    ws,
    opened: new Promise((r, j) => {
      ws.once('open', () => r());
      ws.once('error', j);
    }),
    received: () => n,
    output: () => text,
    closed: new Promise((r) => ws.once('close', () => r())),
  };
}

async function ps(): Promise<string> {
  const s = connect(['ps']);
  await s.closed;
  return s.output();
}

describe('streaming limits', () => {
  for (const argv of [['yes'], ['cat', '/dev/zero']]) {
    it(`${argv.join(' ')} is throttled by a client that stops reading, and ends with the connection`, async () => {
      const s = connect(argv);
      await s.opened;
      await eventually(() => s.received() > 0);
      s.ws.pause();
      // the producer ends up waiting on the socket instead of queueing without bound
      await eventually(() => streamStats().waitingWrites > 0, 20_000);
      expect(streamStats().maxBufferedAtWrite).toBeLessThan(WS_HIGH_WATER + 64 * 1024);
      const before = s.received();
      s.ws.resume();
      await eventually(() => s.received() > before + 1024 * 1024, 20_000);
      s.ws.terminate();
      await s.closed;
      await eventually(async () => !(await ps()).includes(argv.join(' ')), 20_000);
    });
  }

  it('100 concurrent sessions on one sandbox all answer', async () => {
    const sessions = Array.from({ length: 100 }, () => connect(['sh', '-c', 'read x; echo got-$x'], true));
    await Promise.all(sessions.map((s) => s.opened));
    sessions.forEach((s, i) => s.ws.send(Buffer.concat([Buffer.from([0]), Buffer.from(`${i}\n`)])));
    await Promise.all(sessions.map((s) => s.closed));
    expect(sessions.map((s) => s.output())).toEqual(sessions.map((_s, i) => `got-${i}\n`));
  }, 60_000);
});
