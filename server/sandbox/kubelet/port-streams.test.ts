/** The in-memory sockets behind port-forward: bounded buffers, backpressure, and teardown from either end. */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { podListener } from './http-servers';
import { openPortStream, openPortStreams, socketPair } from './port-streams';

const pod = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'api', namespace: 'ns', uid: 'u1' },
  spec: { containers: [{ name: 'api', image: 'ghcr.io/wheelhouse-demo/cart:1.4.2', ports: [{ name: 'http', containerPort: 8080 }] }] },
  status: { podIP: '10.244.1.2', containerStatuses: [{ name: 'api', state: { running: { startedAt: '2026-01-01T00:00:00Z' } } }] },
} as unknown as KObject;

describe('socketPair', () => {
  it('a writer whose reader does not read is held back: the buffered bytes stay bounded', async () => {
    const [a, b] = socketPair();
    b.pause();
    const chunk = Buffer.alloc(16 * 1024, 1);
    let accepted = 0;
    while (a.write(chunk)) accepted += chunk.length;
    // give the stream machinery a turn: nothing more moves while b is not read
    await new Promise((r) => setImmediate(r));
    expect(a.writableLength + b.readableLength).toBeLessThanOrEqual(4 * 64 * 1024);
    expect(accepted).toBeLessThan(4 * 64 * 1024);
    let got = 0;
    b.on('data', (d: Buffer) => (got += d.length));
    b.resume();
    await new Promise<void>((r) => a.once('drain', () => r()));
    expect(got).toBeGreaterThan(accepted);
    a.destroy();
    await new Promise((r) => setImmediate(r));
    expect(b.destroyed).toBe(true);
  });
});

describe('openPortStream', () => {
  it('speaks HTTP/1.1 keep-alive, refuses an oversized body, and frees the connection when closed', async () => {
    const before = openPortStreams();
    const s = openPortStream(podListener(pod, 8080, 0)!, () => 0);
    expect(openPortStreams()).toBe(before + 1);
    let text = '';
    s.on('data', (d: Buffer) => (text += d.toString()));
    s.write('GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /api/info HTTP/1.1\r\nHost: x\r\n\r\n');
    await new Promise<void>((r) => {
      const t = setInterval(() => text.includes('"service":"cart"') && (clearInterval(t), r()), 5);
    });
    expect(text.match(/HTTP\/1\.1 200 OK/g)).toHaveLength(2);
    expect(text).toContain('Date: Thu, 01 Jan 1970 00:00:00 GMT');
    s.write(`POST /api/echo HTTP/1.1\r\nHost: x\r\nContent-Length: ${2 * 1024 * 1024}\r\n\r\n`);
    s.write(Buffer.alloc(1024 * 1024 + 10));
    await new Promise((r) => s.once('close', r));
    expect(text).toContain('HTTP/1.1 413');
    expect(openPortStreams()).toBe(before);
  });
});
