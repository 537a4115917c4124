/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { makeNode } from '../kubelet/nodes';
import { isReady, refs, startTestCluster, waitFor, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ speed: 25 });
});
afterAll(async () => {
  await c?.stop();
});

const get = (ref: typeof refs.pods, name: string, ns: string | undefined = 'default') => structuredClone(c.client.get(ref, ns, name)) as any;
const pods = (sel: string) => c.client.list(refs.pods, { namespace: 'default', labelSelector: sel }).items as any[];
const tpl = (app: string, image: string, extra: Record<string, unknown> = {}) => ({
  metadata: { labels: { app } },
  spec: { containers: [{ name: 'main', image, resources: { requests: { cpu: '10m', memory: '16Mi' } } }], ...extra },
});

describe('DaemonSet', () => {
  it('runs one pod per schedulable node and follows node add, taint and removal', async () => {
    c.client.create(refs.daemonsets, {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'agent' } }, template: tpl('agent', 'fluent/fluent-bit:3.2') },
    });
    // control-plane is tainted NoSchedule: 2 workers
    await waitFor(() => get(refs.daemonsets, 'agent').status?.numberReady === 2, 10_000, 'ds on 2 workers');
    const nodesOf = () => new Set(pods('app=agent').filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.nodeName));
    expect(nodesOf().has('sandbox-test-control-plane')).toBe(false);
    c.client.create(refs.nodes, makeNode({ name: 'sandbox-test-worker-9', controlPlane: false, index: 9, cpu: '4', memory: '8Gi', pods: 110 }, 'sandbox-test'));
    await waitFor(() => get(refs.daemonsets, 'agent').status?.numberReady === 3 && nodesOf().has('sandbox-test-worker-9'), 10_000, 'ds follows new node');
    expect(get(refs.daemonsets, 'agent').status.desiredNumberScheduled).toBe(3);
    // cordon does not matter to DaemonSets
    c.client.patch(refs.nodes, undefined, 'sandbox-test-worker-9', 'merge', { spec: { unschedulable: true } });
    await c.settled();
    expect(get(refs.daemonsets, 'agent').status.desiredNumberScheduled).toBe(3);
    c.client.delete(refs.nodes, undefined, 'sandbox-test-worker-9');
    await waitFor(() => get(refs.daemonsets, 'agent').status?.desiredNumberScheduled === 2 && !nodesOf().has('sandbox-test-worker-9'), 10_000, 'ds follows node removal');
  });

  it('rolls out a template change with ControllerRevisions', async () => {
    const ds = get(refs.daemonsets, 'agent');
    ds.spec.template.spec.containers[0].image = 'fluent/fluent-bit:3.3';
    c.client.update(refs.daemonsets, ds);
    await waitFor(() => {
      const s = get(refs.daemonsets, 'agent').status;
      return s.observedGeneration === 2 && s.updatedNumberScheduled === 2 && s.numberAvailable === 2 && pods('app=agent').every((p) => p.spec.containers[0].image === 'fluent/fluent-bit:3.3');
    }, 10_000, 'ds rollout');
    const revs = c.client.list(refs.controllerrevisions, { namespace: 'default', labelSelector: 'app=agent' }).items as any[];
    expect(revs.map((r) => r.revision).sort()).toEqual([1, 2]);
  });
});

describe('StatefulSet', () => {
  it('starts pods in ordinal order and updates from the top down to the partition', async () => {
    const order: string[] = [];
    const stop = c.client.watch(refs.pods, { namespace: 'default', labelSelector: 'app=db', resourceVersion: c.client.list(refs.pods).resourceVersion }, (e) => {
      if (e.type === 'ADDED') order.push(e.object.metadata.name!);
    });
    c.client.create(refs.statefulsets, {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      metadata: { name: 'db', namespace: 'default' },
      spec: {
        replicas: 3,
        serviceName: 'db',
        selector: { matchLabels: { app: 'db' } },
        template: tpl('db', 'postgres:16.5'),
        volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }],
      },
    });
    await waitFor(() => get(refs.statefulsets, 'db').status?.readyReplicas === 3, 15_000, 'sts ready');
    expect(order).toEqual(['db-0', 'db-1', 'db-2']);
    const pvc = c.client.get({ group: '', version: 'v1', resource: 'persistentvolumeclaims' }, 'default', 'data-db-1') as any;
    expect(pvc?.status?.phase).toBe('Bound');
    const sts = get(refs.statefulsets, 'db');
    sts.spec.updateStrategy = { type: 'RollingUpdate', rollingUpdate: { partition: 1 } };
    sts.spec.template.spec.containers[0].image = 'postgres:16.6';
    c.client.update(refs.statefulsets, sts);
    await waitFor(() => {
      const s = get(refs.statefulsets, 'db').status;
      return s.updatedReplicas === 2 && s.readyReplicas === 3;
    }, 15_000, 'partitioned update');
    await c.settled();
    const byName = Object.fromEntries(pods('app=db').map((p) => [p.metadata.name, p.spec.containers[0].image]));
    expect(byName).toEqual({ 'db-0': 'postgres:16.5', 'db-1': 'postgres:16.6', 'db-2': 'postgres:16.6' });
    const s = get(refs.statefulsets, 'db').status;
    expect(s.currentRevision).not.toBe(s.updateRevision);
    stop();
  });
});

describe('Job and CronJob', () => {
  it('completes a job with completions and parallelism', async () => {
    c.client.create(refs.jobs, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'batch', namespace: 'default' },
      spec: { completions: 3, parallelism: 2, template: { metadata: { annotations: { 'sandbox.wheelhouse.dev/run-seconds': '2' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox:1.37' }] } } },
    });
    let maxActive = 0;
    const job = await waitFor(() => {
      const j = get(refs.jobs, 'batch');
      maxActive = Math.max(maxActive, j.status?.active ?? 0);
      return (j.status?.conditions ?? []).some((x: any) => x.type === 'Complete' && x.status === 'True') && j;
    }, 15_000, 'job complete');
    expect(job.status.succeeded).toBe(3);
    expect(job.status.completionTime).toBeTruthy();
    expect(maxActive).toBeLessThanOrEqual(2);
  });

  it('fails a job after backoffLimit failures', async () => {
    c.client.create(refs.jobs, {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'doomed', namespace: 'default' },
      spec: { backoffLimit: 1, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox:crash' }] } } },
    });
    const job = await waitFor(() => {
      const j = get(refs.jobs, 'doomed');
      return (j.status?.conditions ?? []).some((x: any) => x.type === 'Failed' && x.status === 'True') && j;
    }, 15_000, 'job failed');
    expect(job.status.failed).toBe(2);
    expect((job.status.conditions as any[]).find((x) => x.type === 'Failed').reason).toBe('BackoffLimitExceeded');
  });

  it('a CronJob creates Jobs on schedule and records lastScheduleTime', async () => {
    c.client.create(refs.cronjobs, {
      apiVersion: 'batch/v1',
      kind: 'CronJob',
      metadata: { name: 'tick', namespace: 'default' },
      spec: { schedule: '* * * * *', jobTemplate: { spec: { template: { metadata: { annotations: { 'sandbox.wheelhouse.dev/run-seconds': '1' } }, spec: { restartPolicy: 'Never', containers: [{ name: 'w', image: 'busybox:1.37' }] } } } } },
    });
    // one simulated minute = 2.4 s at speed 25
    const job = await waitFor(() => (c.client.list(refs.jobs, { namespace: 'default' }).items as KObject[]).find((j) => j.metadata.ownerReferences?.[0]?.name === 'tick'), 8_000, 'cron job');
    expect(job.metadata.name).toMatch(/^tick-\d+$/);
    await waitFor(() => get(refs.cronjobs, 'tick').status?.lastScheduleTime, 5_000, 'lastScheduleTime');
  });
});

describe('Endpoints', () => {
  it('list ready pods as addresses and follow readiness changes', async () => {
    c.client.create(refs.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27', ports: [{ name: 'http', containerPort: 80 }] }] } } },
    });
    c.client.create(refs.services, { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } });
    const ep = await waitFor(() => {
      const e = c.client.get(refs.endpoints, 'default', 'web') as any;
      return e?.subsets?.[0]?.addresses?.length === 2 && e;
    }, 10_000, 'endpoints');
    expect(ep.subsets[0].ports).toEqual([{ name: 'http', port: 80, protocol: 'TCP' }]);
    const ips = new Set(pods('app=web').filter(isReady).map((p) => p.status.podIP));
    expect(new Set(ep.subsets[0].addresses.map((a: any) => a.ip))).toEqual(ips);
    // scale to 3: the new pod shows up once ready
    c.client.patch(refs.deployments, 'default', 'web', 'merge', { spec: { replicas: 3 } });
    await waitFor(() => (c.client.get(refs.endpoints, 'default', 'web') as any)?.subsets?.[0]?.addresses?.length === 3, 10_000, '3 endpoints');
    // a node going NotReady makes its pods unready: they move to notReadyAddresses
    const node = pods('app=web')[0].spec.nodeName;
    c.client.patch(refs.nodes, undefined, node, 'merge', { metadata: { annotations: { 'sandbox.wheelhouse.dev/not-ready': 'true' } } });
    await waitFor(() => (c.client.get(refs.endpoints, 'default', 'web') as any)?.subsets?.[0]?.notReadyAddresses?.length > 0, 10_000, 'notReady endpoints');
    const nodeObj = get(refs.nodes, node, undefined);
    expect(nodeObj.status.conditions.find((x: any) => x.type === 'Ready').status).toBe('False');
    c.client.patch(refs.nodes, undefined, node, 'merge', { metadata: { annotations: { 'sandbox.wheelhouse.dev/not-ready': null } } });
    await waitFor(() => (c.client.get(refs.endpoints, 'default', 'web') as any)?.subsets?.[0]?.addresses?.length === 3, 10_000, 'ready again');
  });
});

describe('HorizontalPodAutoscaler', () => {
  it('scales a deployment from CPU utilization and reports metrics', async () => {
    c.client.create(refs.deployments, {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'busy', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'busy' } },
        template: {
          metadata: { labels: { app: 'busy' }, annotations: { 'sandbox.wheelhouse.dev/cpu-load': '400m' } },
          spec: { containers: [{ name: 'main', image: 'ghcr.io/acme/api:1', resources: { requests: { cpu: '100m' } } }] },
        },
      },
    });
    c.client.create(refs.hpas, {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'busy', namespace: 'default' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'busy' }, minReplicas: 1, maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 100 } } }] },
    });
    const hpa = await waitFor(() => {
      const h = get(refs.hpas, 'busy');
      return h.status?.currentReplicas >= 4 && h;
    }, 15_000, 'hpa scale-up');
    expect(get(refs.deployments, 'busy').spec.replicas).toBeGreaterThanOrEqual(4);
    expect(hpa.status.currentMetrics[0].resource.current.averageUtilization).toBeGreaterThan(0);
    expect((hpa.status.conditions as any[]).find((x) => x.type === 'ScalingActive').status).toBe('True');
    const ev = (c.client.list(refs.events, { namespace: 'default' }).items as any[]).find((e) => e.reason === 'SuccessfulRescale');
    expect(ev?.message).toMatch(/^New size: \d; reason: cpu resource utilization/);
  });
});

describe('Event recorder', () => {
  it('aggregates repeats into one Event with a count and expires events after the TTL', async () => {
    const { EventRecorder } = await import('./lib/events');
    const rec = new EventRecorder(c.client);
    const target = c.client.create(refs.configmaps, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'evt-target', namespace: 'default' } });
    for (let i = 0; i < 5; i++) rec.record(target, 'Warning', 'Repeated', 'same message', { component: 'test' });
    const ev = await waitFor(() => (c.client.list(refs.events, { namespace: 'default' }).items as any[]).find((e) => e.reason === 'Repeated' && e.count === 5), 5_000, 'aggregated event');
    expect(ev.involvedObject).toMatchObject({ kind: 'ConfigMap', name: 'evt-target', uid: target.metadata.uid });
    expect(ev.source).toEqual({ component: 'test' });
    expect((c.client.list(refs.events, { namespace: 'default' }).items as any[]).filter((e) => e.reason === 'Repeated')).toHaveLength(1);
    rec.sweep(Date.now() + 2 * 60 * 60 * 1000);
    expect((c.client.list(refs.events, { namespace: 'default' }).items as any[]).filter((e) => e.reason === 'Repeated')).toHaveLength(0);
    rec.stop();
  });
});
