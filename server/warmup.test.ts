/**
 * warmRoutes (warmup.ts) over real HTTP: every path is requested once, in turn, a wildcard host is reached on
 * loopback, and failures (5xx, a closed port) are counted out without throwing.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { warmRoutes, WARM_PATHS } from './warmup';

let server: http.Server;
let port: number;
const seen: string[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req.url ?? '');
    res.writeHead(req.url === '/broken' ? 500 : req.url === '/missing' ? 404 : 200).end('page');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
});

describe('warmRoutes', () => {
  it('requests every page route once, in order, through a wildcard host', async () => {
    seen.length = 0;
    expect(await warmRoutes('0.0.0.0', port)).toBe(WARM_PATHS.length);
    expect(seen).toEqual(WARM_PATHS);
    expect(WARM_PATHS).toContain('/c/_warmup/r/core/v1/pods');
  });

  it('counts only answers below 500 and never throws', async () => {
    expect(await warmRoutes('127.0.0.1', port, undefined, ['/ok', '/missing', '/broken'])).toBe(2);
    const closed = http.createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    expect(await warmRoutes('127.0.0.1', closedPort, undefined, ['/'])).toBe(0);
  });
});
