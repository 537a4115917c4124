/**
 * The /_next/static/ cache (static-assets.ts) over real HTTP: compressed once and answered from memory in the
 * encoding the browser accepts, immutable, with the given headers; anything it does not have (missing files,
 * traversal attempts, other URLs) goes to the next handler untouched.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticAssets } from './static-assets';

let dir: string;
let server: http.Server;
let base: string;
const js = `console.log(${JSON.stringify('x'.repeat(5000))});\n`;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-static-'));
  fs.mkdirSync(path.join(dir, 'static/chunks/app/[cluster]'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'static/chunks/app/[cluster]/page-abc.js'), js);
  fs.writeFileSync(path.join(dir, 'secret.txt'), 'outside static/');
  const assets = staticAssets(dir, [{ key: 'X-Content-Type-Options', value: 'nosniff' }]);
  server = http.createServer((req, res) => {
    if (assets.handle(req, res, () => res.writeHead(418).end('next'))) return;
    res.writeHead(418).end('next');
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});

function get(p: string, encoding?: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(base + p, { headers: encoding ? { 'Accept-Encoding': encoding } : {} }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

const PAGE = '/_next/static/chunks/app/%5Bcluster%5D/page-abc.js';

describe('staticAssets', () => {
  it('answers brotli, gzip or identity as accepted, immutable, with the given headers', async () => {
    const br = await get(PAGE, 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-type']).toBe('application/javascript; charset=utf-8');
    expect(br.headers['x-content-type-options']).toBe('nosniff');
    expect(zlib.brotliDecompressSync(br.body).toString()).toBe(js);
    expect(br.body.length).toBeLessThan(js.length / 10);
    const gz = await get(`${PAGE}?dpl=1`, 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(zlib.gunzipSync(gz.body).toString()).toBe(js);
    const plain = await get(PAGE);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(js);
  });

  it('hands missing files, traversal and other URLs to the next handler', async () => {
    for (const p of ['/_next/static/chunks/nope.js', '/_next/static/../secret.txt', '/_next/static/%2e%2e/secret.txt', '/_next/static/chunks//x.js', '/', '/_next/image?url=x']) {
      const r = await get(p);
      expect([p, r.status, r.body.toString()]).toEqual([p, 418, 'next']);
    }
  });

  it('warm() loads every file under static/ ahead of time, nothing outside it', async () => {
    expect(await staticAssets(dir).warm()).toBe(1);
  });
});
