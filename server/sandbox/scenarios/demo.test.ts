/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refs, startTestCluster, waitFor, type TestCluster } from '../controllers/test-helpers';
import { WIDGETS } from './crd';
import { helmHistories, ownedByHelm } from './helm-demo';

// one cluster per file keeps the file inside its time budget; west's content is checked in demo-west.test.ts
let east: TestCluster;
beforeAll(async () => {
  east = await startTestCluster({ scenario: 'demo', name: 'sandbox-east', speed: 40 });
});
afterAll(async () => {
  await east?.stop();
});

const names = (c: TestCluster, ref: typeof refs.pods, ns?: string) => c.client.list(ref, ns ? { namespace: ns } : {}).items.map((o) => o.metadata.name!);
const cond = (o: any, type: string) => (o?.status?.conditions ?? []).find((c: any) => c.type === type);

describe('demo scenario', () => {
  it('starts with the east content on three kind-like nodes', () => {
    const ns = names(east, refs.namespaces);
    expect(ns).toEqual(expect.arrayContaining(['shop', 'payments', 'monitoring', 'kube-system', 'default']));
    expect(ns).not.toContain('analytics');
    expect(names(east, refs.nodes)).toEqual(['sandbox-east-control-plane', 'sandbox-east-worker-1', 'sandbox-east-worker-2']);
    expect(east.client.list(refs.deployments).items.length).toBeGreaterThanOrEqual(10);
  });

  it('reaches its intended states', async () => {
    const c = east;
    // stuck rollout → ProgressDeadlineExceeded (90 s of cluster time)
    await waitFor(() => cond(c.client.get(refs.deployments, 'shop', 'checkout'), 'Progressing')?.reason === 'ProgressDeadlineExceeded', 25_000, 'stuck rollout');
    expect((c.client.get(refs.deployments, 'shop', 'checkout') as any).metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    // crashlooping pod
    await waitFor(() => (c.client.list(refs.pods, { namespace: 'shop', labelSelector: 'app=recommendations' }).items[0] as any)?.status?.containerStatuses?.[0]?.restartCount > 0, 20_000, 'crashloop');
    // healthy workloads
    await waitFor(() => (c.client.get(refs.deployments, 'shop', 'frontend') as any)?.status?.readyReplicas === 3, 20_000, 'frontend');
    await waitFor(() => (c.client.get(refs.statefulsets, 'shop', 'redis') as any)?.status?.readyReplicas === 3, 25_000, 'redis sts');
    await waitFor(() => (c.client.get(refs.daemonsets, 'monitoring', 'node-exporter') as any)?.status?.numberReady === 3, 20_000, 'node-exporter ds');
    // jobs: one completes, one fails
    await waitFor(() => cond(c.client.get(refs.jobs, 'payments', 'db-migrate-v5'), 'Complete'), 20_000, 'job complete');
    await waitFor(() => cond(c.client.get(refs.jobs, 'shop', 'import-catalog'), 'Failed'), 25_000, 'job failed');
    // cronjob fires (every 2 simulated minutes = 4 s)
    await waitFor(() => c.client.list(refs.jobs, { namespace: 'shop' }).items.some((j) => j.metadata.name!.startsWith('cache-warmer-')), 20_000, 'cron job');
    // HPA scales catalog above its 2 replicas
    await waitFor(() => (c.client.get(refs.hpas, 'shop', 'catalog') as any)?.status?.desiredReplicas > 2, 25_000, 'hpa');
    // storage, endpoints, CRD instances, events
    const pvcs = c.client.list({ group: '', version: 'v1', resource: 'persistentvolumeclaims' }).items as any[];
    await waitFor(() => (c.client.list({ group: '', version: 'v1', resource: 'persistentvolumeclaims' }).items as any[]).every((p) => p.status?.phase === 'Bound'), 20_000, 'pvcs bound');
    expect(pvcs.length).toBeGreaterThanOrEqual(4);
    await waitFor(() => (c.client.get(refs.endpoints, 'shop', 'frontend') as any)?.subsets?.[0]?.addresses?.length === 3, 20_000, 'endpoints');
    expect(c.client.list(WIDGETS, { namespace: 'shop' }).items.length).toBe(3);
    expect(c.client.list(refs.events).items.length).toBeGreaterThan(50);
    expect(names(c, { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses' }, 'shop')).toEqual(['storefront']);
  });

  it("has Helm releases in Helm's format: several revisions, a failed upgrade, a pending upgrade", () => {
    expect(helmHistories(east.client)).toEqual({
      'shop/web-cache': ['1=superseded', '2=superseded', '3=deployed'],
      'monitoring/kube-state-metrics': ['1=deployed', '2=failed'],
      'payments/payments-gateway': ['1=deployed', '2=pending-upgrade'],
    });
    for (const [ns, rel] of [['shop', 'web-cache'], ['monitoring', 'kube-state-metrics'], ['payments', 'payments-gateway']]) expect(ownedByHelm(east.client, ns!, rel!)).toBe(true);
    expect(east.client.get(refs.configmaps, 'shop', 'web-cache-config')).toBeDefined();
  });
});
