/** Test support for the streaming subresources: a cluster with a few running pods of different images. */
import { eventually, request, startTestCluster, type TestCluster } from '../test-helpers';

export const NS = 'ex';

export async function startExecCluster(name: string, pods: { name: string; spec: object }[]): Promise<TestCluster> {
  const c = await startTestCluster({ name, noRuntime: false, scenario: 'empty', speed: 50 });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: NS } } });
  for (const p of pods) await request(c, 'POST', `/api/v1/namespaces/${NS}/pods`, { body: { metadata: { name: p.name, labels: { app: p.name } }, spec: p.spec } });
  for (const p of pods) await waitRunning(c, p.name);
  return c;
}

export async function waitRunning(c: TestCluster, name: string, ns = NS): Promise<void> {
  await eventually(async () => {
    const pod = (await request(c, 'GET', `/api/v1/namespaces/${ns}/pods/${name}`)).json;
    return pod?.status?.phase === 'Running' && (pod.status.containerStatuses ?? []).every((s: { state?: { running?: unknown } }) => s.state?.running);
  }, 30_000);
}
