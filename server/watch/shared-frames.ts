/**
 * One socket.io event encoded once and written, byte for byte the same, to many sockets. `socket.emit` encodes
 * per socket (JSON, socket.io's binary walk, the WebSocket frame): a 10,000-pod snapshot sent to 2,000 viewers
 * who (re)connect together was encoded 2,000 times and held as 2,000 copies in the sockets' write queues. A
 * SharedFrame is built the way socket.io's own room broadcast pre-encodes a packet (socket.io-adapter `_encode`):
 * the packet string, then the engine.io message ("4" + packet) as one WebSocket frame that engine.io's
 * websocket transport writes as is. Every socket then queues the same Buffer.
 */
import type { Socket } from 'socket.io';
import { PacketType } from 'socket.io-parser';
import * as ws from 'ws';

export interface SharedFrame {
  /** what socket.io would write for a transport that cannot take the frame (never the case with websocket-only) */
  readonly packets: (string | Buffer)[];
  /** the WebSocket frame: header and payload (ws `Sender.frame`) */
  readonly frame?: Buffer[];
  /** the frame's payload size in bytes */
  readonly bytes: number;
}

type FrameOf = (data: Buffer, options: { readOnly: boolean; mask: boolean; rsv1: boolean; opcode: number; fin: boolean }) => Buffer[];
// ws exports Sender at run time; @types/ws does not declare it
const frameOf = (ws as unknown as { Sender?: { frame?: FrameOf } }).Sender?.frame;

/** what socket.io's server uses (`io.encoder`), structurally: its CJS and ESM type declarations differ */
export interface PacketEncoder {
  encode(packet: { type: PacketType; nsp: string; data: unknown[] }): unknown[];
}

/** Encodes `event` with `payload` for the default namespace with the server's own encoder (`io.encoder`). */
export function encodeShared(encoder: PacketEncoder, event: string, payload: unknown): SharedFrame {
  const packets = encoder.encode({ type: PacketType.EVENT, nsp: '/', data: [event, payload] }) as (string | Buffer)[];
  if (packets.length !== 1 || typeof packets[0] !== 'string' || !frameOf) return { packets, bytes: packets.reduce((a, p) => a + p.length, 0) };
  // "4": the engine.io "message" packet type, as socket.io-adapter prefixes it
  const data = Buffer.from(`4${packets[0]}`);
  return { packets, frame: frameOf(data, { readOnly: false, mask: false, rsv1: false, opcode: 1, fin: true }), bytes: data.length };
}

type PacketWriter = { _packet(packets: (string | Buffer)[], opts: { preEncoded: true; wsPreEncodedFrame?: Buffer[] }): void };

/** Writes a pre-encoded event to one socket (what the room broadcast does for each member). */
export function sendShared(socket: Socket, f: SharedFrame): void {
  if (!socket.connected) return;
  (socket.client as unknown as PacketWriter)._packet(f.packets, { preEncoded: true, ...(f.frame ? { wsPreEncodedFrame: f.frame } : {}) });
}

type EngineConn = {
  readyState: string;
  writeBuffer: unknown[];
  transport: { writable: boolean; on(e: 'ready', cb: () => void): void; off(e: 'ready', cb: () => void): void };
  on(e: 'close', cb: () => void): void;
  off(e: 'close', cb: () => void): void;
};

/**
 * Resolves once everything queued for the socket has been handed to the kernel (its last WebSocket write
 * completed), or the socket closed: a snapshot's next page then waits for a slow reader instead of piling up
 * in its write queue — where the connection's pings would wait behind megabytes of pages and time out.
 */
export function whenWritten(socket: Socket): Promise<void> {
  const conn = socket.conn as unknown as EngineConn;
  return new Promise((resolve) => {
    const check = () => {
      if (conn.readyState === 'open' && (!conn.transport.writable || conn.writeBuffer.length > 0)) return;
      conn.transport.off('ready', check);
      conn.off('close', check);
      resolve();
    };
    conn.transport.on('ready', check);
    conn.on('close', check);
    check();
  });
}
