/**
 * Many clusters on one overview: each cluster's summary is independent of the others. A cluster that
 * accepts connections but never answers holds up nobody else's summary, and a cluster that goes away is
 * marked unreachable from its broken watches, not only at the next health check (set to an hour here).
 */
import fs from 'node:fs';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import type { ClusterSummary } from '../../lib/api-types';
import { eventually, startHarness, type Harness } from '../watch/testing';

let h: Harness;
/** accepts TCP connections and never says a word: the TLS handshake of every request to it hangs */
let silent: net.Server;
const held: net.Socket[] = [];

beforeAll(async () => {
  // an hour for health checks and connects: the silent cluster stays "connecting" however slow the machine is,
  // and the live one can only be found unreachable through its broken watches
  h = await startHarness({ name: 'live', proxy: true, dataPlane: { healthIntervalMs: 3_600_000, connectTimeoutMs: 3_600_000 } });
  silent = net.createServer((s) => void held.push(s));
  await new Promise<void>((r) => silent.listen(0, '127.0.0.1', () => r()));
  const kc = YAML.parse(fs.readFileSync(h.kubeconfigPath, 'utf8'));
  kc.clusters.push({ name: 'silent', cluster: { ...kc.clusters[0].cluster, server: `https://127.0.0.1:${(silent.address() as net.AddressInfo).port}` } });
  kc.contexts.push({ name: 'silent', context: { cluster: 'silent', user: kc.users[0].name } });
  fs.writeFileSync(h.kubeconfigPath, YAML.stringify(kc));
  await eventually(() => h.dp.registry.list().length === 2, 10_000, 'kubeconfig reload');
  await eventually(() => h.dp.registry.get('live')?.state === 'connected', 10_000, 'connected');
});

afterAll(async () => {
  for (const s of held) s.destroy();
  await new Promise<void>((r) => silent.close(() => r()));
  await h?.close();
});

type Ack = { ok: boolean; error?: { status: number; message: string } };

describe('cluster summaries with many clusters', () => {
  it('a cluster that never answers does not hold up the summary of another', async () => {
    const c = h.client();
    const summaries = new Map<string, ClusterSummary>();
    const gotLive = new Promise<void>((resolve) =>
      c.on('summary', (f: { cluster: string; summary: ClusterSummary }) => {
        summaries.set(f.cluster, f.summary);
        if (f.cluster === 'live') resolve();
      }),
    );
    let silentAck: Ack | undefined;
    // the silent cluster first: its subscription is still waiting when the live one is served
    c.emit('subscribeSummary', { cluster: 'silent' }, (a: Ack) => (silentAck = a));
    const liveAck = await new Promise<Ack>((r) => c.emit('subscribeSummary', { cluster: 'live' }, r));
    expect(liveAck).toEqual({ ok: true });
    await gotLive;
    expect(summaries.get('live')?.nodes.total).toBeGreaterThanOrEqual(0);
    expect(h.dp.registry.get('silent')?.state).toBe('connecting');
    expect(silentAck).toBeUndefined();
    expect(summaries.has('silent')).toBe(false);
  });

  it('marks a cluster unreachable as soon as its watches break, without waiting for the health check', async () => {
    const c = h.client();
    await new Promise<Ack>((r) => c.emit('subscribeSummary', { cluster: 'live' }, r));
    await eventually(() => h.dp.hub.list().some((f) => f.cluster === 'live' && f.resource === 'pods' && f.informer.state === 'live'), 10_000, 'pods informer live');
    const states: string[] = [];
    const off = h.dp.registry.onState((e) => e.id === 'live' && states.push(e.state));
    await h.proxy!.stop();
    await eventually(() => states.includes('unreachable'), 20_000, 'unreachable');
    off();
    expect(h.dp.registry.get('live')?.error).toBeTruthy();
    // the REST summary now answers 503 at once, like every other read of an unreachable cluster
    const r = await h.app.inject({ method: 'GET', url: '/api/clusters/live/summary' });
    expect(r.statusCode).toBe(503);
  });
});
