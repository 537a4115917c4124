import { describe, expect, it } from 'vitest';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { io as ioClient } from 'socket.io-client';
import { ListActivity } from './list-activity';

describe('ListActivity', () => {
  it('holds off for quietMs after the last subscription', () => {
    let now = 1_000;
    const a = new ListActivity(5_000, () => now);
    expect(a.holdOffMs()).toBe(0);
    a.touch();
    expect(a.holdOffMs()).toBe(5_000);
    now += 3_000;
    expect(a.holdOffMs()).toBe(2_000);
    now += 2_000;
    expect(a.holdOffMs()).toBe(0);
  });

  it('counts every socket’s subscribe', async () => {
    const server = http.createServer();
    const io = new Server(server, { path: '/socket.io', transports: ['websocket'] });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const a = new ListActivity(60_000);
    const detach = a.track(io);
    const seen = new Promise<void>((r) => io.on('connection', (s) => s.on('subscribe', () => r())));
    const c = ioClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, { path: '/socket.io', transports: ['websocket'] });
    try {
      expect(a.holdOffMs()).toBe(0);
      c.emit('subscribe', {});
      await seen;
      expect(a.holdOffMs()).toBeGreaterThan(0);
    } finally {
      detach();
      c.close();
      await io.close();
    }
  });
});
