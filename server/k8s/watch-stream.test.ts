/**
 * readWatchStream over a real chunked HTTP response whose chunk boundaries the test controls: lines split
 * across chunks are joined, the lines of one chunk are handed over as one batch, a throwing line handler
 * (an ERROR event) rejects, a normal end resolves, and a silent server is detected.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readWatchStream } from './watch-stream';

let server: http.Server;
let nextRes: (res: ServerResponse) => void = () => undefined;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.flushHeaders();
    nextRes(res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** opens a watch; `res` is the server's side, `received()` resolves when the client got the next chunk */
async function open(): Promise<{ client: IncomingMessage; res: ServerResponse; received: () => Promise<void> }> {
  const resP = new Promise<ServerResponse>((r) => (nextRes = r));
  const client = await new Promise<IncomingMessage>((resolve) =>
    http.get(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, resolve),
  );
  const res = await resP;
  return { client, res, received: () => new Promise((r) => client.once('data', () => setImmediate(r))) };
}

function collect() {
  const batches: string[][] = [];
  let cur: string[] = [];
  return {
    batches,
    handlers: {
      line: (l: string) => cur.push(l),
      chunkEnd: () => {
        if (cur.length) batches.push(cur);
        cur = [];
      },
      wasCut: () => false,
    },
  };
}

describe('readWatchStream', () => {
  it('joins lines split across chunks and batches the lines of one chunk', async () => {
    const { client, res, received } = await open();
    const c = collect();
    const done = readWatchStream(client, c.handlers, 'test');
    let got = received();
    res.write('{"a":1}\n{"b":');
    await got;
    expect(c.batches).toEqual([['{"a":1}']]);
    got = received();
    res.write('2}\r\n\n{"c":3}\n{"d"');
    await got;
    got = received();
    res.write(':4}\n');
    await got;
    res.end();
    await done;
    expect(c.batches).toEqual([['{"a":1}'], ['{"b":2}', '{"c":3}'], ['{"d":4}']]);
  });

  it('rejects with the handler error and stops reading', async () => {
    const { client, res } = await open();
    const c = collect();
    const line = (l: string) => {
      if (l.includes('ERROR')) throw new Error('expired');
      c.handlers.line(l);
    };
    const done = readWatchStream(client, { ...c.handlers, line }, 'test');
    res.write('{"ok":1}\n{"type":"ERROR"}\n{"late":1}\n');
    await expect(done).rejects.toThrow('expired');
    expect(c.batches).toEqual([['{"ok":1}']]);
    res.destroy();
  });

  it('treats a watch that stays silent past idleMs as lost', async () => {
    const { client, res } = await open();
    await expect(readWatchStream(client, collect().handlers, 'test', 50)).rejects.toMatchObject({ status: 503 });
    res.destroy();
  });
});
