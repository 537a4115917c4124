/** StatefulSet podManagementPolicy Parallel and rollingUpdate.maxUnavailable, driven over HTTPS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { apiCreate, apiGet, apiList, apiPatch, isReady, refs, startTestCluster, waitFor, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ speed: 25 });
});
afterAll(async () => {
  await c?.stop();
});

const sts = (name: string, image: string, spec: Record<string, unknown>): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace: 'default' },
  spec: {
    serviceName: name,
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'main', image }] } },
    ...spec,
  },
});

describe('StatefulSet', () => {
  it('Parallel creates every ordinal without waiting for the lower ones to be ready (OrderedReady stops at 0)', async () => {
    await apiCreate(c, refs.statefulsets, sts('par', 'redis:unready', { replicas: 3, podManagementPolicy: 'Parallel' }));
    await apiCreate(c, refs.statefulsets, sts('ord', 'redis:unready', { replicas: 3 }));
    await waitFor(async () => (await apiList(c, refs.pods, 'default', 'app=par')).length === 3, 10_000, 'three parallel pods');
    const par = await apiList(c, refs.pods, 'default', 'app=par');
    expect(par.map((p) => p.metadata.name).sort()).toEqual(['par-0', 'par-1', 'par-2']);
    expect(par.some(isReady)).toBe(false);
    // by now the ordered one has had the same time: it still waits for ord-0 to become ready
    await waitFor(async () => (await apiGet(c, refs.statefulsets, 'default', 'ord'))?.status?.replicas === 1, 10_000, 'ord status');
    expect((await apiList(c, refs.pods, 'default', 'app=ord')).map((p) => p.metadata.name)).toEqual(['ord-0']);
  });

  it('rollingUpdate.maxUnavailable 2 replaces two pods at a time from the top, never more', async () => {
    await apiCreate(c, refs.statefulsets, sts('mu', 'redis:7.4.0', { replicas: 4, podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 2 } } }));
    await waitFor(async () => (await apiGet(c, refs.statefulsets, 'default', 'mu'))?.status?.readyReplicas === 4, 10_000, 'mu ready');
    const ready = new Map<string, boolean>();
    for (const p of c.client.list(refs.pods, { namespace: 'default', labelSelector: 'app=mu' }).items) ready.set(p.metadata.name!, isReady(p));
    let maxDown = 0;
    const deletedOrder: string[] = [];
    const stop = c.client.watch(refs.pods, { namespace: 'default', labelSelector: 'app=mu', resourceVersion: c.client.list(refs.pods).resourceVersion }, (e) => {
      const p = e.object;
      if (p.metadata.deletionTimestamp && ready.get(p.metadata.name!) !== false && !deletedOrder.includes(p.metadata.name!)) deletedOrder.push(p.metadata.name!);
      ready.set(p.metadata.name!, e.type !== 'DELETED' && !p.metadata.deletionTimestamp && isReady(p));
      maxDown = Math.max(maxDown, [...ready.values()].filter((r) => !r).length);
    });
    await apiPatch(c, refs.statefulsets, 'default', 'mu', { spec: { template: { spec: { containers: [{ name: 'main', image: 'redis:7.4.1' }] } } } });
    await waitFor(async () => {
      const s = (await apiGet(c, refs.statefulsets, 'default', 'mu'))?.status;
      return s?.updatedReplicas === 4 && s.readyReplicas === 4 && s.currentRevision === s.updateRevision;
    }, 15_000, 'mu rolled out');
    stop();
    expect(maxDown).toBe(2);
    expect(deletedOrder.slice(0, 2).sort()).toEqual(['mu-2', 'mu-3']);
    expect((await apiList(c, refs.pods, 'default', 'app=mu')).every((p) => p.spec.containers[0].image === 'redis:7.4.1')).toBe(true);
  });
});
