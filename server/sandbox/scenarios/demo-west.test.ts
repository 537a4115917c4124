/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refs, startTestCluster, waitFor, type TestCluster } from '../controllers/test-helpers';
import { helmHistories, ownedByHelm } from './helm-demo';

let west: TestCluster;
beforeAll(async () => {
  west = await startTestCluster({ scenario: 'demo', name: 'sandbox-west', speed: 40 });
});
afterAll(async () => {
  await west?.stop();
});

const cond = (o: any, type: string) => (o?.status?.conditions ?? []).find((c: any) => c.type === type);

describe('demo scenario on sandbox-west', () => {
  it('runs analytics and data instead of the shop, with its own stuck rollout and StatefulSet', async () => {
    const ns = west.client.list(refs.namespaces).items.map((n) => n.metadata.name);
    expect(ns).toEqual(expect.arrayContaining(['analytics', 'data', 'monitoring']));
    expect(ns).not.toContain('shop');
    await waitFor(() => cond(west.client.get(refs.deployments, 'analytics', 'report-renderer'), 'Progressing')?.reason === 'ProgressDeadlineExceeded', 25_000, 'west stuck rollout');
    await waitFor(() => (west.client.get(refs.statefulsets, 'data', 'kafka') as any)?.status?.readyReplicas === 3, 25_000, 'kafka');
  });

  it("has Helm releases in Helm's format: several revisions, a failed upgrade, a pending install", () => {
    expect(helmHistories(west.client)).toEqual({
      'analytics/metabase': ['1=superseded', '2=superseded', '3=deployed'],
      'data/kafka-ui': ['1=deployed', '2=failed'],
      'monitoring/loki': ['1=pending-install'],
    });
    for (const [ns, rel] of [['analytics', 'metabase'], ['data', 'kafka-ui'], ['monitoring', 'loki']]) expect(ownedByHelm(west.client, ns!, rel!)).toBe(true);
  });
});
