/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON here */
/**
 * ResourceQuota end to end with the real kubectl: the controller's status (get/describe quota), the
 * API server's admission (403 "exceeded quota" / "failed quota: must specify"), and what a ReplicaSet does
 * when refused (FailedCreate events, ReplicaFailure on the ReplicaSet and its Deployment), then recovers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refs, startTestCluster, waitFor, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ speed: 50 });
});
afterAll(async () => {
  await c?.stop();
});

const quotaRef = { group: '', version: 'v1', resource: 'resourcequotas' };

describe('ResourceQuota', () => {
  it('counts usage, refuses what exceeds it, and a Deployment recovers when it is raised', async () => {
    await c.kubectl(['create', 'namespace', 'q']);
    await c.kubectl(['-n', 'q', 'create', 'quota', 'q1', '--hard=pods=2,count/deployments.apps=5,services=3']);
    await c.kubectl(['-n', 'q', 'create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3']);
    const rsFailed = await waitFor(() => {
      const rs = c.client.list(refs.replicasets, { namespace: 'q' }).items[0] as any;
      return rs?.status?.conditions?.find((x: any) => x.type === 'ReplicaFailure') ? rs : undefined;
    }, 10_000, 'ReplicaFailure');
    expect(rsFailed.status.conditions[0]).toMatchObject({ status: 'True', reason: 'FailedCreate' });
    expect(rsFailed.status.conditions[0].message).toMatch(/^pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: exceeded quota: q1, requested: pods=1, used: pods=2, limited: pods=2$/);
    await waitFor(() => (c.client.get(refs.deployments, 'q', 'web') as any)?.status?.conditions?.some((x: any) => x.type === 'ReplicaFailure'), 10_000, 'deployment ReplicaFailure');
    await waitFor(() => (c.client.get(quotaRef, 'q', 'q1') as any)?.status?.used?.pods === '2', 10_000, 'quota used');

    const get = await c.kubectl(['-n', 'q', 'get', 'quota']);
    expect(get.stdout).toMatch(/q1\s+\S+\s+count\/deployments\.apps: 1\/5, pods: 2\/2, services: 0\/3/);
    const desc = await c.kubectl(['-n', 'q', 'describe', 'quota', 'q1']);
    expect(desc.stdout).toMatch(/pods\s+2\s+2/);
    const ev = await c.kubectl(['-n', 'q', 'get', 'events', '--field-selector', 'reason=FailedCreate', '-o', 'jsonpath={.items[0].type} {.items[0].message}']);
    expect(ev.stdout).toMatch(/^Warning Error creating: pods "web-.*" is forbidden: exceeded quota: q1/);
    const run = await c.kubectl(['-n', 'q', 'run', 'extra', '--image=nginx:1.27'], { allowFail: true });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('Error from server (Forbidden): pods "extra" is forbidden: exceeded quota: q1, requested: pods=1, used: pods=2, limited: pods=2');

    await c.kubectl(['-n', 'q', 'patch', 'quota', 'q1', '-p', '{"spec":{"hard":{"pods":"3"}}}']);
    await c.kubectl(['-n', 'q', 'rollout', 'status', 'deployment/web', '--timeout=20s']);
    await waitFor(() => !(c.client.get(refs.deployments, 'q', 'web') as any)?.status?.conditions?.some((x: any) => x.type === 'ReplicaFailure'), 10_000, 'condition cleared');
    await waitFor(() => (c.client.get(quotaRef, 'q', 'q1') as any)?.status?.used?.pods === '3', 10_000, 'quota used 3');
  });

  it('with compute resources under quota, pods must state them and their sum is limited', async () => {
    await c.kubectl(['create', 'namespace', 'qc']);
    await c.kubectl(['-n', 'qc', 'create', 'quota', 'compute', '--hard=requests.cpu=1,limits.memory=1Gi']);
    const bare = await c.kubectl(['-n', 'qc', 'run', 'bare', '--image=nginx:1.27'], { allowFail: true });
    expect(bare.stderr).toContain('Error from server (Forbidden): pods "bare" is forbidden: failed quota: compute: must specify limits.memory for: bare; requests.cpu for: bare');
    const pod = (name: string) => JSON.stringify({
      apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'qc' },
      spec: { containers: [{ name: 'c', image: 'nginx:1.27', resources: { requests: { cpu: '600m' }, limits: { memory: '256Mi' } } }] },
    });
    c.client.create(refs.pods, JSON.parse(pod('a')));
    await waitFor(() => (c.client.get(quotaRef, 'qc', 'compute') as any)?.status?.used?.['requests.cpu'] === '600m', 10_000, 'cpu used');
    expect((c.client.get(quotaRef, 'qc', 'compute') as any).status.used['limits.memory']).toBe('256Mi');
    expect(() => c.client.create(refs.pods, JSON.parse(pod('b')))).toThrow(
      'pods "b" is forbidden: exceeded quota: compute, requested: requests.cpu=600m, used: requests.cpu=600m, limited: requests.cpu=1',
    );
  });
});
