/* eslint-disable @typescript-eslint/no-explicit-any -- watch objects read as untyped JSON */
/** Graceful pod deletion as a watcher sees it: deletionTimestamp, then the stopped containers, then DELETED. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { refs, startTestCluster, waitFor, type TestCluster } from '../controllers/test-helpers';
import { openWatch } from '../apiserver/test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ speed: 50 });
});
afterAll(async () => {
  await c?.stop();
});

it('reports the containers terminated (0/1) before the pod disappears, like the kubelet', async () => {
  c.client.create(refs.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'bye', namespace: 'default' }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } });
  const running = await waitFor(() => {
    const p = c.client.get(refs.pods, 'default', 'bye') as any;
    return p?.status?.containerStatuses?.[0]?.ready ? p : undefined;
  }, 10_000, 'ready');
  const w = openWatch(c, `/api/v1/namespaces/default/pods?watch=1&fieldSelector=metadata.name%3Dbye&resourceVersion=${running.metadata.resourceVersion}`);
  await w.ready;
  c.client.delete(refs.pods, 'default', 'bye');
  const events = await w.waitFor((ev) => ev.some((e) => e.type === 'DELETED'));
  w.close();
  const i = events.findIndex((e) => e.object.status?.containerStatuses?.[0]?.state?.terminated);
  expect(i).toBeGreaterThanOrEqual(0);
  const stopped = events[i]!.object;
  expect(stopped.metadata.deletionTimestamp).toBeTruthy();
  expect(stopped.status.containerStatuses[0]).toMatchObject({ ready: false, state: { terminated: { exitCode: 0, reason: 'Completed' } } });
  expect(i).toBeLessThan(events.findIndex((e) => e.type === 'DELETED'));
});
