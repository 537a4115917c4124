/**
 * socket.io's packet encoder, minus one walk for the frames that carry lists. Before encoding any event,
 * socket.io-parser walks the whole payload (`hasBinary`) looking for Buffers/ArrayBuffers, so it can send them
 * as binary attachments; for a snapshot page of 2,000 rows that walk visits every cell and label and cost
 * about a fifth of the page's server time in the console's CPU profile. Watch frames are JSON from the
 * Kubernetes API (or rows projected from it) and never hold binary data, so for those events the encoder goes
 * straight to the string form — the exact bytes the stock encoder produces for a binary-free packet, which the
 * stock browser decoder reads. Every other event keeps the stock path.
 */
import { Decoder, Encoder, PacketType, protocol, type Packet } from 'socket.io-parser';

/** events whose payload is JSON-only by construction (lib/protocol.ts snapshot and delta frames) */
export const PLAIN_EVENTS: ReadonlySet<string> = new Set(['snapshot', 'delta']);

/** The string form of a packet as socket.io-parser's encodeAsString writes it for a non-binary packet. */
export function encodePlain(p: Packet): string {
  let s = String(p.type);
  if (p.nsp && p.nsp !== '/') s += `${p.nsp},`;
  if (p.id != null) s += p.id;
  if (p.data != null) s += JSON.stringify(p.data);
  return s;
}

export class PlainEventEncoder extends Encoder {
  override encode(p: Packet): unknown[] {
    if (p.type === PacketType.EVENT && Array.isArray(p.data) && PLAIN_EVENTS.has(p.data[0] as string)) return [encodePlain(p)];
    return super.encode(p);
  }
}

/** The `parser` option of the socket.io Server: this encoder, the stock decoder. */
export const plainEventParser = { protocol, PacketType, Encoder: PlainEventEncoder, Decoder };
