/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deploymentObj, isReady, refs, startTestCluster, waitFor, type TestCluster } from '../controllers/test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ speed: 25 });
});
afterAll(async () => {
  await c?.stop();
});

const pod = (name: string) => structuredClone(c.client.get(refs.pods, 'default', name)) as any;
const mkPod = (name: string, spec: Record<string, unknown>, annotations: Record<string, string> = {}) =>
  c.client.create(refs.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', annotations }, spec });
const events = (name: string) => (c.client.list(refs.events, { namespace: 'default' }).items as any[]).filter((e) => e.involvedObject.name === name);

describe('simulated kubelet', () => {
  it('runs a pod through Pending → Running with full status, init containers first', async () => {
    mkPod('full', {
      initContainers: [{ name: 'setup', image: 'busybox:1.37' }],
      containers: [{ name: 'web', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5 } }],
    });
    const p = await waitFor(() => isReady(pod('full')) && pod('full'), 10_000, 'pod ready');
    expect(p.status.phase).toBe('Running');
    expect(p.spec.nodeName).toMatch(/worker/);
    expect(p.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(p.status.hostIP).toMatch(/^172\.18\./);
    expect(p.status.startTime).toBeTruthy();
    expect(p.status.initContainerStatuses[0].state.terminated.reason).toBe('Completed');
    const cs = p.status.containerStatuses[0];
    expect(cs.containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    expect(cs.imageID).toContain('sha256:');
    expect(cs.state.running.startedAt).toBeTruthy();
    expect(p.status.conditions.map((x: any) => x.type).sort()).toEqual(['ContainersReady', 'Initialized', 'PodReadyToStartContainers', 'PodScheduled', 'Ready']);
    const reasons = events('full').map((e) => e.reason);
    for (const r of ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']) expect(reasons).toContain(r);
    // the init container finished before the app container started
    expect(Date.parse(p.status.initContainerStatuses[0].state.terminated.finishedAt)).toBeLessThanOrEqual(Date.parse(cs.state.running.startedAt));
    const started = events('full').filter((e) => e.reason === 'Started').map((e) => e.involvedObject.fieldPath).sort();
    expect(started).toEqual(['spec.containers{web}', 'spec.initContainers{setup}']);
  });

  it('a crashlooping pod shows CrashLoopBackOff, restartCount > 0 and a previous log', async () => {
    mkPod('crasher', { containers: [{ name: 'app', image: 'ghcr.io/acme/app:crash' }] });
    const p = await waitFor(() => {
      const x = pod('crasher');
      const cs = x.status.containerStatuses?.[0];
      return cs?.restartCount > 0 && cs.state.waiting?.reason === 'CrashLoopBackOff' && x;
    }, 10_000, 'CrashLoopBackOff');
    expect(p.status.containerStatuses[0].lastState.terminated.exitCode).toBe(1);
    const { stdout } = await c.kubectl(['logs', 'crasher', '--previous']);
    expect(stdout).toContain('panic: runtime error');
    // aggregated, not flooding: one BackOff event with a count
    await waitFor(() => events('crasher').find((e) => e.reason === 'BackOff'), 5_000, 'BackOff event');
    expect(events('crasher').filter((e) => e.reason === 'BackOff')).toHaveLength(1);
  });

  it('images meant to fail: ImagePullBackOff, and OOMKilled for :oom', async () => {
    mkPod('nopull', { containers: [{ name: 'app', image: 'ghcr.io/acme/missing-thing:1.0' }] });
    mkPod('oom', { containers: [{ name: 'app', image: 'ghcr.io/acme/hog:oom', resources: { limits: { memory: '64Mi' } } }] });
    await waitFor(() => pod('nopull').status.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff', 10_000, 'ImagePullBackOff');
    const oom = await waitFor(() => pod('oom').status.containerStatuses?.[0]?.lastState?.terminated?.reason === 'OOMKilled' && pod('oom'), 10_000, 'OOMKilled');
    expect(oom.status.containerStatuses[0].lastState.terminated.exitCode).toBe(137);
  });

  it('cordon: new pods are not scheduled on an unschedulable node; FailedScheduling when nothing fits', async () => {
    c.client.patch(refs.nodes, undefined, 'sandbox-test-worker-1', 'merge', { spec: { unschedulable: true } });
    await c.settled();
    c.client.create(refs.deployments, deploymentObj('spread', 'nginx:1.27', 4));
    await waitFor(() => (c.client.get(refs.deployments, 'default', 'spread') as any).status?.readyReplicas === 4, 10_000, 'spread ready');
    const nodes = new Set(c.client.list(refs.pods, { namespace: 'default', labelSelector: 'app=spread' }).items.map((p: any) => p.spec.nodeName));
    expect([...nodes]).toEqual(['sandbox-test-worker-2']);
    mkPod('huge', { containers: [{ name: 'app', image: 'nginx', resources: { requests: { cpu: '64' } } }] });
    const ev = await waitFor(() => events('huge').find((e) => e.reason === 'FailedScheduling'), 10_000, 'FailedScheduling');
    expect(ev.type).toBe('Warning');
    expect(ev.message).toMatch(/^0\/3 nodes are available: .*Insufficient cpu/);
    expect(pod('huge').status.conditions[0]).toMatchObject({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable' });
    c.client.patch(refs.nodes, undefined, 'sandbox-test-worker-1', 'merge', { spec: { unschedulable: null } });
  });

  it('honours nodeSelector and tolerations', async () => {
    mkPod('pinned', {
      nodeSelector: { 'node-role.kubernetes.io/control-plane': '' },
      tolerations: [{ key: 'node-role.kubernetes.io/control-plane', operator: 'Exists', effect: 'NoSchedule' }],
      containers: [{ name: 'app', image: 'nginx' }],
    });
    mkPod('untolerated', { nodeSelector: { 'node-role.kubernetes.io/control-plane': '' }, containers: [{ name: 'app', image: 'nginx' }] });
    await waitFor(() => pod('pinned').spec.nodeName === 'sandbox-test-control-plane', 10_000, 'pinned');
    await waitFor(() => events('untolerated').find((e) => e.reason === 'FailedScheduling'), 10_000, 'untolerated');
    expect(pod('untolerated').spec.nodeName).toBeUndefined();
  });

  it('graceful deletion: Killing event, then the pod is gone', async () => {
    mkPod('bye', { containers: [{ name: 'app', image: 'nginx' }] });
    await waitFor(() => isReady(pod('bye')), 10_000, 'ready');
    c.client.delete(refs.pods, 'default', 'bye', { gracePeriodSeconds: 30 });
    expect(c.client.get(refs.pods, 'default', 'bye')?.metadata.deletionTimestamp).toBeTruthy();
    await waitFor(() => !c.client.get(refs.pods, 'default', 'bye'), 10_000, 'pod removed');
    expect(events('bye').find((e) => e.reason === 'Killing')?.message).toBe('Stopping container app');
  });
});

describe('image change on a running pod', () => {
  it('restarts the container with the new image', async () => {
    mkPod('swap', { containers: [{ name: 'app', image: 'nginx:1.26' }] });
    await waitFor(() => isReady(pod('swap')), 10_000, 'ready');
    c.client.patch(refs.pods, 'default', 'swap', 'strategic', { spec: { containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    const p = await waitFor(() => {
      const x = pod('swap');
      return x.status.containerStatuses[0].image === 'docker.io/library/nginx:1.27' && x.status.containerStatuses[0].state.running && x;
    }, 10_000, 'restarted with new image');
    expect(p.status.containerStatuses[0].restartCount).toBe(1);
    expect(events('swap').some((e) => e.reason === 'Killing' && e.message.includes('definition changed'))).toBe(true);
  });
});

describe('liveness', () => {
  it('a failing liveness probe (:unhealthy) gets the container killed and restarted', async () => {
    mkPod('sick', { containers: [{ name: 'app', image: 'ghcr.io/acme/api:unhealthy', livenessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 5, failureThreshold: 2 } }] });
    const p = await waitFor(() => pod('sick').status.containerStatuses?.[0]?.restartCount > 0 && pod('sick'), 10_000, 'liveness restart');
    expect(p.status.containerStatuses[0].lastState.terminated.exitCode).toBe(137);
    expect(events('sick').some((e) => e.reason === 'Unhealthy' && e.message.startsWith('Liveness probe failed'))).toBe(true);
    expect(events('sick').some((e) => e.reason === 'Killing' && e.message.includes('failed liveness probe'))).toBe(true);
  });
});
