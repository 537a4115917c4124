/**
 * The overview's server-rendered snapshot: every cluster of the registry, and the summary of each cluster whose
 * tracker has listed everything — only for people allowed to see summaries (list pods cluster-wide, reviewed by
 * the cluster), and never by waiting for a cluster.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Identity } from './auth/identity';
import { SERVICE_IDENTITY } from './auth/identity';
import { eventually, startHarness, type Harness } from './watch/testing';

let h: Harness;
const rita: Identity = { kind: 'user', username: 'rita', groups: [], admin: false };
const ada: Identity = { kind: 'user', username: 'ada', groups: ['system:masters'], admin: true };

beforeAll(async () => {
  h = await startHarness({ name: 'snap', dataPlane: { summaryWarmup: {} } });
  await eventually(() => h.dp.registry.get('snap')?.state === 'connected', 10_000, 'connected');
});
afterAll(async () => {
  await h?.close();
});

describe('overview snapshot', () => {
  it('has the summary once the warm-up listed the cluster, for those who may see it, equal to the REST summary', async () => {
    const snap = (await eventually(async () => {
      const s = await h.dp.overviewSnapshot(SERVICE_IDENTITY);
      return s.summaries.snap ? s : undefined;
    }, 20_000, 'summary in the snapshot'))!;
    expect(snap.clusters.map((c) => c.id)).toEqual(['snap']);
    const rest = await h.app.inject({ url: '/api/clusters/snap/summary' });
    expect(snap.summaries.snap.nodes).toEqual(rest.json().nodes);
    expect(snap.summaries.snap.pods).toEqual(rest.json().pods);
    // the cluster's own review decides (given all the time it needs here; the page waits 200 ms at most)
    expect((await h.dp.overviewSnapshot(ada, { reviewMs: 60_000 })).summaries.snap).toBeDefined();
    // rita may not list pods cluster-wide: she sees the cluster, not its summary
    const hers = await h.dp.overviewSnapshot(rita, { reviewMs: 60_000 });
    expect(hers.clusters.map((c) => c.id)).toEqual(['snap']);
    expect(hers.summaries).toEqual({});
  });
});
