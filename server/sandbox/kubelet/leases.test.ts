/* eslint-disable @typescript-eslint/no-explicit-any -- Leases read as untyped JSON */
/** Node and leader-election Leases, as `kubectl get leases -A` shows them on a real cluster, renewed on the heartbeat. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestCluster, waitFor, type TestCluster } from '../controllers/test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ speed: 50 });
});
afterAll(async () => {
  await c?.stop();
});

const leases = { group: 'coordination.k8s.io', version: 'v1', resource: 'leases' };

it('every node holds a lease in kube-node-lease that keeps being renewed; leaders hold theirs in kube-system', async () => {
  const out = (await c.kubectl(['get', 'leases', '-A'])).stdout;
  expect(out).toMatch(/^NAMESPACE\s+NAME\s+HOLDER\s+AGE\n/);
  const nodes = (await c.kubectl(['get', 'nodes', '-o', 'name'])).stdout.trim().split('\n').map((n) => n.replace('node/', ''));
  for (const n of nodes) expect(out).toMatch(new RegExp(`kube-node-lease\\s+${n}\\s+${n}\\s`));
  expect(out).toMatch(/kube-system\s+kube-controller-manager\s+\S+-control-plane_[0-9a-f-]{36}\s/);
  const lease = c.client.get(leases, 'kube-node-lease', nodes[0]!) as any;
  expect(lease.spec).toMatchObject({ holderIdentity: nodes[0], leaseDurationSeconds: 40 });
  expect(lease.spec.renewTime).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  expect(lease.metadata.ownerReferences[0]).toMatchObject({ kind: 'Node', name: nodes[0] });
  await waitFor(() => (c.client.get(leases, 'kube-node-lease', nodes[0]!) as any).spec.renewTime !== lease.spec.renewTime, 12_000, 'renewal (the heartbeat runs at most every 10 s of wall time)');
});
