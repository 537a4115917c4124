/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { deploymentObj, isReady, refs, startTestCluster, waitFor, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ speed: 25 });
});
afterAll(async () => {
  await c?.stop();
});

const dep = (name: string) => structuredClone(c.client.get(refs.deployments, 'default', name)) as any;
const rolledOut = (name: string) => {
  const d = dep(name);
  const s = d?.status ?? {};
  return d && s.observedGeneration >= d.metadata.generation && s.updatedReplicas === d.spec.replicas && s.availableReplicas === d.spec.replicas && s.replicas === d.spec.replicas;
};

describe('deployment controller', () => {
  it('a rolling update never has fewer than replicas - maxUnavailable ready pods', async () => {
    const replicas = 4;
    c.client.create(refs.deployments, deploymentObj('roll', 'nginx:1.27.3', replicas, {
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } },
    }));
    await waitFor(() => rolledOut('roll'), 15_000, 'initial rollout');
    const ready = new Map<string, boolean>();
    for (const p of c.client.list(refs.pods, { namespace: 'default', labelSelector: 'app=roll' }).items) ready.set(p.metadata.uid!, isReady(p) && !p.metadata.deletionTimestamp);
    let minReady = Infinity;
    let maxTotal = 0;
    const stop = c.client.watch(refs.pods, { namespace: 'default', labelSelector: 'app=roll', resourceVersion: c.client.list(refs.pods).resourceVersion }, (e) => {
      if (e.type === 'DELETED') ready.delete(e.object.metadata.uid!);
      else ready.set(e.object.metadata.uid!, isReady(e.object) && !e.object.metadata.deletionTimestamp);
      minReady = Math.min(minReady, [...ready.values()].filter(Boolean).length);
      maxTotal = Math.max(maxTotal, ready.size);
    });
    const d = dep('roll');
    d.spec.template.spec.containers[0].image = 'nginx:1.27.4';
    c.client.update(refs.deployments, d);
    await waitFor(() => rolledOut('roll') && dep('roll').metadata.generation === dep('roll').status.observedGeneration && dep('roll').metadata.annotations['deployment.kubernetes.io/revision'] === '2', 20_000, 'update rollout');
    stop();
    expect(minReady).toBeGreaterThanOrEqual(replicas - 1);
    expect(minReady).not.toBe(Infinity);
    const rss = c.client.list(refs.replicasets, { namespace: 'default', labelSelector: 'app=roll' }).items;
    expect(rss).toHaveLength(2);
    const newRs = rss.find((r: any) => r.spec.template.spec.containers[0].image === 'nginx:1.27.4') as any;
    expect(newRs.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    expect(newRs.metadata.labels['pod-template-hash']).toBeTruthy();
    const events = c.client.list(refs.events, { namespace: 'default' }).items.filter((e: any) => e.involvedObject.name === 'roll' && e.reason === 'ScalingReplicaSet');
    expect(events.length).toBeGreaterThanOrEqual(2);
  });

  it('Recreate scales old pods to zero before starting new ones', async () => {
    c.client.create(refs.deployments, deploymentObj('recreate', 'httpd:2.4.61', 2, { strategy: { type: 'Recreate' } }));
    await waitFor(() => rolledOut('recreate'), 15_000, 'initial rollout');
    const images = new Map<string, string>();
    let overlap = false;
    const stop = c.client.watch(refs.pods, { namespace: 'default', labelSelector: 'app=recreate', resourceVersion: c.client.list(refs.pods).resourceVersion }, (e) => {
      if (e.type === 'DELETED') images.delete(e.object.metadata.uid!);
      else images.set(e.object.metadata.uid!, (e.object as any).spec.containers[0].image);
      if (new Set(images.values()).size > 1) overlap = true;
    });
    const d = dep('recreate');
    d.spec.template.spec.containers[0].image = 'httpd:2.4.62';
    c.client.update(refs.deployments, d);
    await waitFor(() => rolledOut('recreate') && dep('recreate').metadata.annotations['deployment.kubernetes.io/revision'] === '2', 20_000, 'recreate rollout');
    stop();
    expect(overlap).toBe(false);
  });

  it('reports ProgressDeadlineExceeded for an image that cannot be pulled', async () => {
    c.client.create(refs.deployments, deploymentObj('stuck', 'ghcr.io/acme/missing-app:1.0', 1, { progressDeadlineSeconds: 30 }));
    const cond = await waitFor(() => (dep('stuck')?.status?.conditions ?? []).find((x: any) => x.type === 'Progressing' && x.reason === 'ProgressDeadlineExceeded'), 15_000, 'deadline');
    expect(cond.status).toBe('False');
    expect((dep('stuck').status.conditions as any[]).find((x) => x.type === 'Available').status).toBe('False');
    const pod = c.client.list(refs.pods, { namespace: 'default', labelSelector: 'app=stuck' }).items[0] as any;
    expect(['ErrImagePull', 'ImagePullBackOff']).toContain(pod.status.containerStatuses[0].state.waiting.reason);
  });

  it('keeps revisionHistoryLimit old ReplicaSets and honours paused', async () => {
    c.client.create(refs.deployments, deploymentObj('hist', 'nginx:1', 1, { revisionHistoryLimit: 1 }));
    for (const tag of ['2', '3', '4']) {
      await waitFor(() => rolledOut('hist'), 15_000, `rollout before ${tag}`);
      const d = dep('hist');
      d.spec.template.spec.containers[0].image = `nginx:${tag}`;
      c.client.update(refs.deployments, d);
      await waitFor(() => dep('hist').metadata.annotations['deployment.kubernetes.io/revision'] === String(Number(tag)), 10_000, `revision ${tag}`);
    }
    await waitFor(() => rolledOut('hist') && c.client.list(refs.replicasets, { namespace: 'default', labelSelector: 'app=hist' }).items.length === 2, 15_000, 'history pruned');
    // paused: template changes don't roll out
    c.client.patch(refs.deployments, 'default', 'hist', 'merge', { spec: { paused: true } });
    await waitFor(() => (dep('hist').status.conditions as any[]).find((x) => x.type === 'Progressing')?.reason === 'DeploymentPaused', 10_000, 'paused');
    c.client.patch(refs.deployments, 'default', 'hist', 'merge', { spec: { template: { spec: { containers: [{ name: 'main', image: 'nginx:5' }] } } } });
    // the controller has handled the change once it settles; a paused Deployment must not have rolled out
    await c.settled();
    expect(c.client.list(refs.replicasets, { namespace: 'default', labelSelector: 'app=hist' }).items.every((r: any) => r.spec.template.spec.containers[0].image !== 'nginx:5')).toBe(true);
    c.client.patch(refs.deployments, 'default', 'hist', 'merge', { spec: { paused: false } });
    await waitFor(() => rolledOut('hist') && (dep('hist').spec.template.spec.containers[0].image === 'nginx:5') && dep('hist').metadata.annotations['deployment.kubernetes.io/revision'] === '5', 15_000, 'resumed rollout');
  });

  it('rollback via kubectl rollout undo restores the image and records revision max+1', async () => {
    c.client.create(refs.deployments, deploymentObj('undo', 'nginx:1.26', 2));
    await waitFor(() => rolledOut('undo'), 15_000, 'rev 1');
    await c.kubectl(['set', 'image', 'deployment/undo', 'main=nginx:1.27', '-n', 'default']);
    await c.kubectl(['rollout', 'status', 'deployment/undo', '--timeout=20s']);
    await c.kubectl(['rollout', 'undo', 'deployment/undo']);
    const { stdout } = await c.kubectl(['rollout', 'status', 'deployment/undo', '--timeout=20s']);
    expect(stdout).toContain('successfully rolled out');
    const d = dep('undo');
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.26');
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('3');
    const hist = await c.kubectl(['rollout', 'history', 'deployment/undo']);
    expect(hist.stdout).toMatch(/^2\s/m);
    expect(hist.stdout).toMatch(/^3\s/m);
    expect(hist.stdout).not.toMatch(/^1\s/m);
    const rs = c.client.list(refs.replicasets, { namespace: 'default', labelSelector: 'app=undo' }).items as KObject[];
    const reused = rs.find((r: any) => r.spec.template.spec.containers[0].image === 'nginx:1.26')!;
    expect(reused.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });
});
