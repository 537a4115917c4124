/**
 * The WebSocket port-forward protocol browsers and client libraries speak (subprotocols v4.channel.k8s.io,
 * channel.k8s.io and their base64 forms, as the kubelet's portforward/websocket.go serves them): for the i-th
 * `ports` value, channel 2i carries data both ways and channel 2i+1 carries the server's error text; the server's
 * first message on each channel is the port as a little-endian uint16. Binary protocols prefix each message with
 * the channel byte; base64 ones send text messages of the channel digit followed by base64.
 * Backpressure: a target that has more to send than the socket has taken waits for the socket to drain; a
 * target that cannot take client data pauses the WebSocket's reads.
 */
import type { Duplex } from 'node:stream';
import type { RawData, WebSocket } from 'ws';
import type { PortProvider } from '../../types';
import { openTarget, type PodRef } from './forward';

/** bytes the WebSocket may hold unsent before a target is paused */
const WS_HWM = 256 * 1024;

export const CHANNEL_PROTOCOLS = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io', 'channel.k8s.io', 'base64.channel.k8s.io', ''] as const;

/** `ports` query values as upstream parses them (repeated, or comma-separated; each 1-65535). */
export function parsePorts(values: string[]): number[] | string {
  if (!values.length) return 'query parameter "port" is required';
  const out: number[] = [];
  for (const v of values) {
    if (!v) return 'query parameter "port" cannot be empty';
    for (const p of v.split(',')) {
      if (!/^\d+$/.test(p) || Number(p) > 65535) return `unable to parse "${v}" as a port: strconv.ParseUint: parsing "${p}": invalid syntax`;
      if (Number(p) < 1) return `port "${v}" must be > 0`;
      out.push(Number(p));
    }
  }
  return out;
}

export function serveWebSocketPortForward(ws: WebSocket, protocol: string, ports: number[], pod: PodRef, provider: PortProvider | undefined): void {
  const base64 = protocol.includes('base64');
  const frame = (ch: number, payload: Buffer): Buffer | string =>
    base64 ? String.fromCharCode(48 + ch) + payload.toString('base64') : Buffer.concat([Buffer.of(ch), payload]);
  const targets: (Duplex | undefined)[] = [];
  let open = ports.length;
  const paused = new Set<Duplex>();

  const send = (ch: number, payload: Buffer) => {
    if (ws.readyState !== ws.OPEN) return;
    ws.send(frame(ch, payload), { binary: !base64 }, () => {
      if (ws.bufferedAmount >= WS_HWM) return;
      for (const t of paused) t.resume();
      paused.clear();
    });
  };
  const done = () => {
    if (--open === 0 && ws.readyState === ws.OPEN) ws.close(1000);
  };

  ports.forEach((port, i) => {
    const portBytes = Buffer.alloc(2);
    portBytes.writeUInt16LE(port);
    send(2 * i, portBytes);
    send(2 * i + 1, portBytes);
    const t = openTarget(provider, pod, port, (msg) => send(2 * i + 1, Buffer.from(msg)));
    targets[i] = t;
    if (!t) return done();
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      targets[i] = undefined;
      t.destroy();
      done();
    };
    t.on('data', (d: Buffer) => {
      send(2 * i, d);
      if (ws.bufferedAmount >= WS_HWM) {
        t.pause();
        paused.add(t);
      }
    });
    t.on('end', finish);
    t.on('close', finish);
    t.on('error', finish);
  });

  ws.on('message', (raw: RawData, isBinary: boolean) => {
    let buf = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
    if (!buf.length) return;
    let ch: number;
    if (!isBinary || base64) {
      ch = buf[0]! - 48;
      buf = Buffer.from(buf.subarray(1).toString('latin1'), 'base64');
    } else {
      ch = buf[0]!;
      buf = buf.subarray(1);
    }
    const t = ch % 2 === 0 ? targets[ch / 2] : undefined;
    if (!t || !buf.length) return;
    if (!t.write(buf)) {
      ws.pause();
      t.once('drain', () => ws.resume());
      t.once('close', () => ws.resume());
    }
  });
  const teardown = () => {
    for (const t of targets) t?.destroy();
    targets.length = 0;
    paused.clear();
  };
  ws.on('close', teardown);
  ws.on('error', () => {
    teardown();
    ws.terminate();
  });
}
