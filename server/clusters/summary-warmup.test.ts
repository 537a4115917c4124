/**
 * Summary warm-up: a cluster's summary informers start when it connects, before any page asks; the first
 * subscriber is answered from them (a fresh summary, with writes made after the warm-up counted), and a
 * warmed tracker nobody subscribes to releases its informers after the idle time.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterSummary } from '../../lib/api-types';
import { eventually, newNamespace, startHarness, type Harness } from '../watch/testing';

let h: Harness;
const POD = { group: '', version: 'v1', resource: 'pods' };

beforeAll(async () => {
  h = await startHarness({ name: 'warm', dataPlane: { summaryWarmup: {}, summary: { idleMs: 1_500 } } });
});
afterAll(async () => {
  await h?.close();
});

const summaryFeeds = () => h.dp.hub.list().filter((f) => f.cluster === 'warm' && ['pods', 'nodes', 'deployments', 'events'].includes(f.resource));

describe('summary warm-up', () => {
  it('lists a connected cluster before anyone subscribes, answers the first subscriber afresh, and lets go when idle', async () => {
    // nobody has asked for a summary: the warm-up alone started the summary's informers
    await eventually(() => summaryFeeds().length === 4 && summaryFeeds().every((f) => f.informer.synced), 20_000, 'summary informers synced');
    const ns = newNamespace(h, 'warm');
    h.sandbox.client.create(POD, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'after-warmup', namespace: ns }, spec: { containers: [{ name: 'c', image: 'busybox' }] } });
    await eventually(() => summaryFeeds().find((f) => f.resource === 'pods')?.informer.get(`${ns}/after-warmup`), 10_000, 'pod in the informer');
    const c = h.client();
    const first = new Promise<ClusterSummary>((resolve) => c.once('summary', (f: { summary: ClusterSummary }) => resolve(f.summary)));
    await new Promise((r) => c.emit('subscribeSummary', { cluster: 'warm' }, r));
    const s = await first;
    const fresh = await h.app.inject({ url: '/api/clusters/warm/summary' });
    expect(s.pods).toEqual((fresh.json() as ClusterSummary).pods);
    expect(s.pods.Pending + s.pods.Running + s.pods.Succeeded + s.pods.Failed + s.pods.Unknown).toBeGreaterThan(0);
    // subscribers hold the tracker; gone, it idles out and its informers are released (linger 1 s)
    c.emit('unsubscribeSummary', { cluster: 'warm' });
    await eventually(() => summaryFeeds().length === 0, 20_000, 'summary informers released');
  });
});
