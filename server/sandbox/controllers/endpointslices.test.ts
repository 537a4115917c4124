/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentObj, isReady, refs, startTestCluster, waitFor, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ speed: 25 });
});
afterAll(async () => {
  await c?.stop();
});

const slicesRef = { group: 'discovery.k8s.io', version: 'v1', resource: 'endpointslices' };
const slicesOf = (svc: string) => c.client.list(slicesRef, { namespace: 'default', labelSelector: `kubernetes.io/service-name=${svc}` }).items as any[];
const readyIps = (app: string) =>
  (c.client.list(refs.pods, { namespace: 'default', labelSelector: `app=${app}` }).items as any[])
    .filter((p) => isReady(p) && !p.metadata.deletionTimestamp)
    .map((p) => p.status.podIP as string)
    .sort();
const sliceReadyIps = (s: any) => ((s?.endpoints ?? []) as any[]).filter((e) => e.conditions?.ready).map((e) => e.addresses[0] as string).sort();

describe('EndpointSlice controller', () => {
  it('publishes, updates on scale and removes with the Service an EndpointSlice of the ready pods', async () => {
    c.client.create(refs.deployments, deploymentObj('web', 'nginx:1.27', 2));
    const svc = c.client.create(refs.services, {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web', namespace: 'default' },
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
    const matches = (n: number) => {
      const [s] = slicesOf('web');
      const ips = readyIps('web');
      return s && ips.length === n && JSON.stringify(sliceReadyIps(s)) === JSON.stringify(ips) && s.endpoints.length === n ? s : undefined;
    };
    const s = await waitFor(() => matches(2), 10_000, 'slice with 2 ready pods');
    expect(s.metadata.name.startsWith('web-')).toBe(true);
    expect(s.metadata.generateName).toBe('web-');
    expect(s.metadata.labels).toMatchObject({ 'kubernetes.io/service-name': 'web', 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io' });
    expect(s.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Service', name: 'web', uid: svc.metadata.uid, controller: true })]);
    expect(s.addressType).toBe('IPv4');
    expect(s.ports).toEqual([{ name: 'http', port: 8080, protocol: 'TCP' }]);
    expect(s.endpoints[0]).toMatchObject({ conditions: { ready: true, serving: true, terminating: false }, targetRef: { kind: 'Pod', namespace: 'default' } });
    expect(s.endpoints[0].nodeName).toBeTruthy();

    const out = await c.kubectl(['get', 'endpointslices', '-n', 'default']);
    const lines = out.stdout.trim().split('\n');
    expect(lines[0].split(/\s+/)).toEqual(['NAME', 'ADDRESSTYPE', 'PORTS', 'ENDPOINTS', 'AGE']);
    const row = lines.find((l) => l.startsWith(s.metadata.name))!.split(/\s+/);
    expect(row.slice(1, 4)).toEqual(['IPv4', '8080', sliceReadyIps(s).join(',')]);

    c.client.patch(refs.deployments, 'default', 'web', 'merge', { spec: { replicas: 4 } });
    await waitFor(() => matches(4), 15_000, 'slice with 4 ready pods');
    c.client.patch(refs.deployments, 'default', 'web', 'merge', { spec: { replicas: 1 } });
    await waitFor(() => {
      const [x] = slicesOf('web');
      const ips = readyIps('web');
      return ips.length === 1 && JSON.stringify(sliceReadyIps(x)) === JSON.stringify(ips);
    }, 15_000, 'slice with 1 ready pod');
    expect(slicesOf('web')).toHaveLength(1);

    c.client.delete(refs.services, 'default', 'web');
    await waitFor(() => slicesOf('web').length === 0, 10_000, 'slice removed with the service');
  });
});
