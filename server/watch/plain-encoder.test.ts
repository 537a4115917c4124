import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Decoder, Encoder, PacketType, type Packet } from 'socket.io-parser';
import { encodePlain, PlainEventEncoder } from './plain-encoder';

const decode = (parts: unknown[]): Promise<Packet> =>
  new Promise((resolve) => {
    const d = new Decoder();
    d.on('decoded', resolve);
    for (const p of parts) d.add(p as string);
  });

describe('plain event encoder', () => {
  it('writes exactly the stock encoder’s string for any JSON packet', () => {
    const stock = new Encoder();
    fc.assert(
      fc.property(
        fc.constantFrom(PacketType.EVENT, PacketType.ACK, PacketType.CONNECT),
        fc.constantFrom('/', '/admin'),
        fc.option(fc.nat(), { nil: undefined }),
        fc.array(fc.jsonValue(), { maxLength: 4 }),
        (type, nsp, id, data) => {
          const p: Packet = { type, nsp, id, data };
          expect([encodePlain(p)]).toEqual(stock.encode(p));
        },
      ),
    );
  });

  it('sends snapshot and delta frames as strings the stock decoder reads back', async () => {
    const enc = new PlainEventEncoder();
    const data = ['snapshot', { subId: 's1', items: [{ metadata: { name: 'a', labels: { app: 'x' } }, cells: ['a', 1, null] }], resourceVersion: '7', more: false }];
    const parts = enc.encode({ type: PacketType.EVENT, nsp: '/', data });
    expect(parts).toHaveLength(1);
    expect(typeof parts[0]).toBe('string');
    expect((await decode(parts)).data).toEqual(data);
  });

  it('keeps binary attachments for every other event', async () => {
    const enc = new PlainEventEncoder();
    const data = ['logChunk', { bytes: Buffer.from('hi') }];
    const parts = enc.encode({ type: PacketType.EVENT, nsp: '/', data });
    expect(parts.length).toBe(2);
    expect(String(parts[0]).startsWith(`${PacketType.BINARY_EVENT}1-`)).toBe(true);
    const back = await decode(parts);
    expect(Buffer.from((back.data as [string, { bytes: Uint8Array }])[1].bytes).toString()).toBe('hi');
  });
});
