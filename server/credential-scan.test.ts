/**
 * No credential leaves the BFF: against a sandbox whose kubeconfig carries a bearer token, CA data and a client
 * certificate + key, exercise the API (clusters, discovery, lists incl. secrets, object GETs, summary, OpenAPI,
 * errors) and a socket.io subscription, capture every HTTP body, socket frame and log line, and assert none
 * holds the token, key material, kubeconfig content, or a secret's value (base64 or decoded) — except the
 * explicit one-key reveal route. Then scan the built browser JS (.next/static) for credential patterns.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { io as ioClient } from 'socket.io-client';
import { raw, startSecurityHarness, type SecurityHarness } from './security-testing';

let h: SecurityHarness & { clientKeyPem?: string };
const captured: { where: string; text: string }[] = [];
const plain = `hunter2-${Math.random().toString(36).slice(2)}`;
const b64 = Buffer.from(plain).toString('base64');
const plain2 = `late-${Math.random().toString(36).slice(2)}`;

beforeAll(async () => {
  h = await startSecurityHarness('scan-east', { clientCert: true });
}, 30_000);
afterAll(async () => h?.close());

async function call(method: string, p: string, body?: unknown) {
  const r = await raw(h.url, {
    method,
    path: p,
    headers: body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
  captured.push({ where: `${method} ${p}`, text: JSON.stringify(r.headers) + '\n' + r.body });
  return r;
}

/** Every string that must never appear, with a name for the failure message. */
function needles(): [string, string][] {
  const kc = YAML.parse(h.kubeconfig);
  const user = kc.users[0].user as Record<string, string>;
  const keyBody = h.clientKeyPem!.split('\n').filter((l) => l && !l.startsWith('-----')).join('');
  return [
    ['bearer token', h.sandbox.token],
    ['kubeconfig text', h.kubeconfig.slice(0, 200)],
    ['certificate-authority-data', kc.clusters[0].cluster['certificate-authority-data']],
    ['client-key-data', user['client-key-data']],
    ['client key (base64 body)', keyBody.slice(0, 48)],
    ['client-certificate-data', user['client-certificate-data']],
    ['PEM private key', 'PRIVATE KEY'],
    ['secret value (base64)', b64],
    ['secret value (decoded)', plain],
    ['late secret value (base64)', Buffer.from(plain2).toString('base64')],
    ['late secret value (decoded)', plain2],
  ];
}

describe('credential scan', () => {
  it('no HTTP body, socket frame or log line carries a credential or a secret value', async () => {
    const cl = h.clusterId;
    const base = `/api/clusters/${cl}`;
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({ data: { password: b64 } }) } }, data: { password: b64 } };
    expect((await call('POST', `${base}/resources/core/v1/secrets?namespace=default`, secret)).status).toBe(201);
    expect((await call('POST', `${base}/resources/core/v1/configmaps?namespace=default`, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' }, data: { a: 'b' } })).status).toBe(201);

    // a live subscription to secrets: snapshot, then a delta when another secret appears
    const socket = ioClient(h.url, { path: '/socket.io', transports: ['websocket'], reconnection: false });
    socket.onAny((event: string, ...args: unknown[]) => captured.push({ where: `socket ${event}`, text: JSON.stringify(args) }));
    const frames = { snapshot: 0, delta: 0 };
    socket.on('snapshot', () => frames.snapshot++);
    socket.on('delta', () => frames.delta++);
    const ack = await new Promise<{ ok: boolean }>((resolve) => {
      socket.emit('subscribe', { cluster: cl, group: '', version: 'v1', resource: 'secrets', namespace: 'default' }, resolve);
    });
    expect(ack.ok).toBe(true);
    socket.emit('subscribeSummary', { cluster: cl });

    for (const p of [
      '/api/clusters',
      `${base}/discovery`,
      `${base}/summary`,
      `${base}/resources/core/v1/secrets`,
      `${base}/resources/core/v1/secrets?namespace=default`,
      `${base}/resources/core/v1/secrets/db?namespace=default`,
      `${base}/resources/core/v1/configmaps/cm?namespace=default`,
      `${base}/resources/core/v1/namespaces`,
      `${base}/resources/core/v1/serviceaccounts?namespace=default`,
      `${base}/openapi/v3`,
      `${base}/resources/core/v1/secrets/missing?namespace=default`,
      '/api/clusters/unknown/discovery',
    ]) {
      const r = await call('GET', p);
      expect(r.status, p).toBeLessThan(500);
    }
    expect((await call('PATCH', `${base}/resources/core/v1/secrets/db?namespace=default`, undefined)).status).toBeGreaterThanOrEqual(400);
    const put = await call('PUT', `${base}/resources/core/v1/secrets/db?namespace=default`, { ...secret, metadata: { ...secret.metadata, namespace: 'default' }, stringData: { extra: plain } });
    expect(put.status).toBeLessThan(500);

    await call('POST', `${base}/resources/core/v1/secrets?namespace=default`, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'late' }, stringData: { token: plain2 } });
    const end = Date.now() + 10_000;
    while ((frames.snapshot < 1 || frames.delta < 1) && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
    expect(frames).toMatchObject({ snapshot: 1 });
    expect(frames.delta).toBeGreaterThan(0);
    socket.close();

    // the explicit reveal route is the one place a value appears (proves the needles are real)
    const reveal = await raw(h.url, { path: `${base}/secrets/default/db/keys/password` });
    expect(JSON.parse(reveal.body)).toEqual({ value: plain });

    expect(h.logs.length).toBeGreaterThan(0);
    const haystack = [...captured, ...h.logs.map((l, i) => ({ where: `log line ${i}`, text: l }))];
    const leaks: string[] = [];
    for (const [name, needle] of needles()) {
      expect(needle.length, name).toBeGreaterThan(8);
      for (const c of haystack) if (c.text.includes(needle)) leaks.push(`${name} in ${c.where}: …${c.text.slice(Math.max(0, c.text.indexOf(needle) - 80), c.text.indexOf(needle) + 40)}…`);
    }
    expect(leaks).toEqual([]);
  });
});

const staticDir = path.resolve(import.meta.dirname, '../.next/static');

describe.skipIf(!fs.existsSync(staticDir))('built browser JS', () => {
  it('contains no private key, kubeconfig field, bearer or service-account token', () => {
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of fs.readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (/\.(js|mjs|json|css|map)$/.test(e.name)) files.push(p);
      }
    };
    walk(staticDir);
    expect(files.length).toBeGreaterThan(0);
    const patterns: [string, RegExp][] = [
      ['PEM private key', /BEGIN [A-Z ]*PRIVATE KEY/],
      ['kubeconfig CA field', /certificate-authority-data/],
      ['kubeconfig client key field', /client-key-data/],
      ['service-account JWT', /eyJhbGciOi[A-Za-z0-9_-]{10,}\.eyJ[A-Za-z0-9_-]{10,}/],
      ['literal bearer token', /["'`]Bearer [A-Za-z0-9._~+/-]{20,}=*["'`]/],
    ];
    const hits: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const [name, re] of patterns) if (re.test(text)) hits.push(`${name} in ${path.relative(staticDir, f)}`);
    }
    expect(hits).toEqual([]);
  });
});
