/**
 * The relay's memory bound, on real WebSockets over loopback TCP: a peer plays the API server's exec stream (a
 * producer that writes as fast as its own socket takes it, or a reader that stops reading) and a client plays the
 * browser (one that never acknowledges, one that stops reading and acknowledges anyway, one that floods stdin).
 * What is asserted is byte counts the relay keeps (peaks of unacknowledged output and of each socket's send buffer),
 * never time: in every case the BFF holds at most the window plus one socket read, and the pressure reaches the producer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { eventually } from '../watch/testing';
import { ManualScheduler } from './heartbeat';
import { relay, type Relay } from './relay';

const HIGH = 256 * 1024;
const FRAME = 16 * 1024;
/**
 * Pausing a socket stops further reads, but the frames of the chunk already read (libuv reads at most 64 KiB at a
 * time) are still parsed and relayed: the bound is the window, plus the frame that crossed it, plus one read.
 */
const READ = 64 * 1024;
const bound = (largestFrame: number) => HIGH + largestFrame + READ;
const V5 = 'v5.channel.k8s.io';
const opened: { close(): void }[] = [];

afterEach(() => {
  for (const c of opened.splice(0)) c.close();
});

/** A listening WebSocket server on loopback; resolves the server-side socket of the first connection. */
async function listen(): Promise<{ url: string; accepted: Promise<WebSocket> }> {
  const server = http.createServer();
  const wss = new WebSocketServer({ server, perMessageDeflate: false, maxPayload: 1024 * 1024, handleProtocols: (p) => (p.has(V5) ? V5 : false) });
  const accepted = new Promise<WebSocket>((r) => wss.once('connection', r));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  opened.push({
    close: () => {
      for (const c of wss.clients) c.terminate();
      wss.close();
      server.close();
    },
  });
  return { url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}`, accepted };
}

async function connect(url: string): Promise<WebSocket> {
  const ws = new WebSocket(url, [V5], { perMessageDeflate: false });
  ws.on('error', () => undefined);
  await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
  return ws;
}

/** peer = the API server's side of the exec stream, client = the browser; the relay runs between them */
async function setUp() {
  const up = await listen();
  const upstream = await connect(up.url);
  const peer = await up.accepted;
  const br = await listen();
  const client = await connect(br.url);
  const browserSide = await br.accepted;
  const r: Relay = relay(browserSide, upstream, { protocol: V5, session: 'test', scheduler: new ManualScheduler(), pingMs: 25_000, highWaterBytes: HIGH });
  let received = 0;
  client.on('message', (d: Buffer, isBinary) => {
    if (isBinary) received += d.length - 1;
  });
  return { peer, client, r, received: () => received };
}

/** Writes stdout frames as fast as the peer's own socket takes them (a `yes` behind a kubelet); returns the total. */
function produce(peer: WebSocket): { total: () => number; stop(): void } {
  const frame = Buffer.alloc(FRAME + 1, 'y'.charCodeAt(0));
  frame[0] = 1;
  let total = 0;
  let stopped = false;
  const pump = () => {
    while (!stopped && peer.readyState === peer.OPEN && peer.bufferedAmount < HIGH) {
      total += FRAME;
      peer.send(frame, () => pump());
    }
  };
  pump();
  return { total: () => total, stop: () => (stopped = true) };
}

const ack = (client: WebSocket, n: number) => client.send(JSON.stringify({ t: 'ack', n }));

describe('relay flow control', () => {
  it('output: a browser that never acknowledges gets at most the window plus one read; acks let more through', async () => {
    const { peer, client, r, received } = await setUp();
    const p = produce(peer);
    for (let round = 0; round < 8; round++) {
      await eventually(() => r.stats().upstreamPaused && received() === r.stats().sent, 20_000, `paused, round ${round}`);
      const s = r.stats();
      expect(s.sent - s.acked).toBeGreaterThan(HIGH);
      expect(s.peakUnacked).toBeLessThanOrEqual(bound(s.largestFrame));
      // the rest waits in the producer's socket, not in the BFF
      expect(p.total()).toBeGreaterThan(s.sent);
      ack(client, s.sent);
      await eventually(() => r.stats().sent > s.sent, 20_000, `resumed, round ${round}`);
    }
    expect(r.stats().largestFrame).toBe(FRAME + 1);
    expect(r.stats().peakUnacked).toBeLessThanOrEqual(bound(FRAME + 1));
    expect(r.stats().peakBrowserBuffered).toBeLessThanOrEqual(bound(FRAME + 1));
    p.stop();
  });

  it('output: a browser that stops reading but acknowledges everything is held by the send buffer instead', async () => {
    const { peer, client, r } = await setUp();
    // the browser's TCP receive side is no longer read; it still claims to have rendered all that was sent
    client.pause();
    const p = produce(peer);
    await eventually(
      () => {
        const s = r.stats();
        if (s.upstreamPaused && s.acked < s.sent) ack(client, s.sent);
        // paused although everything is acknowledged: the browser socket's own buffer holds it
        return s.upstreamPaused && s.acked === s.sent && s.browserBuffered > HIGH / 4;
      },
      60_000,
      'paused by the send buffer',
    );
    const s = r.stats();
    expect(s.peakBrowserBuffered).toBeLessThanOrEqual(bound(s.largestFrame));
    expect(s.peakUnacked).toBeLessThanOrEqual(bound(s.largestFrame));
    expect(s.largestFrame).toBe(FRAME + 1);
    expect(p.total()).toBeGreaterThan(s.sent);
    p.stop();
  });

  it('input: stdin for a cluster that stops reading pauses the browser socket; nothing is lost when it reads again', async () => {
    const { peer, client, r } = await setUp();
    peer.pause();
    let got = 0;
    peer.on('message', (d: Buffer) => {
      if (d[0] === 0) got += d.length - 1;
    });
    const frame = Buffer.alloc(FRAME + 1, 'x'.charCodeAt(0));
    frame[0] = 0;
    let typed = 0;
    let stopped = false;
    const pump = () => {
      while (!stopped && client.readyState === client.OPEN && client.bufferedAmount < HIGH) {
        typed += FRAME;
        client.send(frame, () => pump());
      }
    };
    pump();
    await eventually(() => r.stats().browserPaused && r.stats().upstreamBuffered > HIGH, 60_000, 'browser paused');
    stopped = true;
    const s = r.stats();
    expect(s.peakUpstreamBuffered).toBeLessThanOrEqual(bound(s.largestFrame));
    // the rest of what was typed waits in the browser's socket, not in the BFF
    expect(typed - s.upstreamBuffered).toBeGreaterThan(0);
    peer.resume();
    await eventually(() => got === typed, 60_000, 'all stdin delivered');
    expect(r.stats().browserPaused).toBe(false);
    expect(r.stats().peakUpstreamBuffered).toBeLessThanOrEqual(bound(FRAME + 1));
  });
});
