/**
 * Response compression as kube-apiserver's APIResponseCompression does it: resource responses over 128 KiB
 * are gzipped when Accept-Encoding names `gzip`, smaller ones and watches are not. Real HTTPS requests.
 */
import https from 'node:https';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsGzip, listBytes } from './response-encoding';
import { hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ name: 'response-encoding' });
  for (const ns of ['big', 'small']) await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: ns } } });
  // 60 × 3 KB: a list of about 180 KB, over the threshold; 'small' holds one object
  for (let i = 0; i < 60; i++) {
    await request(c, 'POST', '/api/v1/namespaces/big/configmaps', { body: { metadata: { name: `cm-${i}` }, data: { v: `${'x'.repeat(3000)} é ${i}` } } });
  }
  await request(c, 'POST', '/api/v1/namespaces/small/configmaps', { body: { metadata: { name: 'one' }, data: { v: '1' } } });
});
afterAll(async () => {
  await c?.stop();
});

/** A GET whose body is kept as the bytes that came over the wire. */
function get(path: string, headers: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const u = new URL(c.server);
  return new Promise((resolve, reject) => {
    const req = https.request(
      { host: u.hostname, port: u.port, path, method: 'GET', ca: c.caPem, headers: { Authorization: `Bearer ${c.token}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (d: Buffer) => chunks.push(d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('gzip', () => {
  it('gzips a list over 128 KiB for a client that asks, chunked, and the bytes inflate to the plain answer', async () => {
    const plain = await get('/api/v1/namespaces/big/configmaps', {});
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(Number(plain.headers['content-length'])).toBe(plain.body.length);
    expect(plain.body.length).toBeGreaterThan(128 * 1024);
    const gz = await get('/api/v1/namespaces/big/configmaps', { 'Accept-Encoding': 'gzip' });
    expect(gz.status).toBe(200);
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toBe('Accept-Encoding');
    expect(gz.headers['content-length']).toBeUndefined();
    expect(gz.headers['transfer-encoding']).toBe('chunked');
    expect(gz.headers['content-type']).toBe('application/json');
    expect(gz.body.length).toBeLessThan(plain.body.length / 10);
    expect(gunzipSync(gz.body).equals(plain.body)).toBe(true);
    const list = JSON.parse(plain.body.toString('utf8'));
    expect(list.items).toHaveLength(60);
    const seventh = list.items.find((o: { metadata: { name: string } }) => o.metadata.name === 'cm-7');
    expect(seventh.data.v).toBe(`${'x'.repeat(3000)} é 7`);
  });

  it('sends small answers as they are, even when gzip is accepted', async () => {
    const r = await get('/api/v1/namespaces/small/configmaps', { 'Accept-Encoding': 'gzip' });
    expect(r.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(r.body.toString('utf8')).items).toHaveLength(1);
  });

  it('reads Accept-Encoding as upstream does: a comma-separated token that is exactly gzip', async () => {
    const other = await get('/api/v1/namespaces/big/configmaps', { 'Accept-Encoding': 'deflate, br' });
    expect(other.headers['content-encoding']).toBeUndefined();
    const listed = await get('/api/v1/namespaces/big/configmaps', { 'Accept-Encoding': 'br, gzip' });
    expect(listed.headers['content-encoding']).toBe('gzip');
    expect(acceptsGzip('gzip, deflate')).toBe(true);
    expect(acceptsGzip(' gzip ')).toBe(true);
    // upstream compares the trimmed token with "gzip", so a token with parameters does not count
    expect(acceptsGzip('gzip;q=1.0')).toBe(false);
    expect(acceptsGzip('x-gzip')).toBe(false);
    expect(acceptsGzip(undefined)).toBe(false);
  });

  it('gzips a large Table for kubectl-style requests and never a watch', async () => {
    const table = await get('/api/v1/namespaces/big/configmaps?includeObject=Object', {
      Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json',
      'Accept-Encoding': 'gzip',
    });
    expect(table.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(table.body).toString('utf8')).rows).toHaveLength(60);
    const u = new URL(c.server);
    const head = await new Promise<Record<string, string | string[] | undefined>>((resolve, reject) => {
      const req = https.request(
        {
          host: u.hostname,
          port: u.port,
          path: '/api/v1/namespaces/big/configmaps?watch=true',
          ca: c.caPem,
          headers: { Authorization: `Bearer ${c.token}`, 'Accept-Encoding': 'gzip' },
        },
        (res) => {
          resolve(res.headers);
          req.destroy();
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(head['content-encoding']).toBeUndefined();
  });
});

describe.runIf(hasKubectl)('kubectl', () => {
  it('asks for gzip and reads the gzipped list', async () => {
    const r = await kubectl(c, ['get', 'configmaps', '-n', 'big', '-o', 'json', '-v=8']);
    expect(r.code).toBe(0);
    // -v=8 logs the response headers; Go's transport, which asked for gzip itself, inflates the body and drops
    // Content-Encoding, so what shows the list came gzipped is the Vary header only gzipped answers carry
    const listLog = r.stderr.slice(r.stderr.indexOf('/api/v1/namespaces/big/configmaps'));
    expect(listLog).toMatch(/Vary: Accept-Encoding/);
    const list = JSON.parse(r.stdout);
    expect(list.items).toHaveLength(60);
    expect(list.items.find((o: { metadata: { name: string } }) => o.metadata.name === 'cm-59').data.v).toBe(`${'x'.repeat(3000)} é 59`);
  });
});

describe('listBytes', () => {
  it('builds the same bytes as the joined JSON text, multi-byte characters included', () => {
    const head = JSON.stringify({ kind: 'ConfigMapList', apiVersion: 'v1', metadata: { resourceVersion: '7' } });
    const items = ['{"a":"é"}', '{"b":"日本"}', '{"c":1}'];
    const want = Buffer.from(`${head.slice(0, -1)},"items":[${items.join(',')}]}\n`);
    expect(listBytes(head, items.map((i) => Buffer.from(i))).equals(want)).toBe(true);
    expect(listBytes(head, []).toString()).toBe(`${head.slice(0, -1)},"items":[]}\n`);
  });
});
