/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** The real /usr/bin/kubectl against the sandbox: workload life commands. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refs, startTestCluster, waitFor, type TestCluster } from './test-helpers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ speed: 25 });
  await c.kubectl(['create', 'deployment', 'web', '--image=nginx:1.27.3', '--replicas=2']);
  await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=20s']);
});
afterAll(async () => {
  await c?.stop();
});

describe('kubectl rollout', () => {
  it('restart, pause/resume and history for a deployment', async () => {
    await c.kubectl(['rollout', 'restart', 'deployment/web']);
    await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    const d = c.client.get(refs.deployments, 'default', 'web') as any;
    expect(d.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toBeTruthy();
    expect(d.metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    await c.kubectl(['rollout', 'pause', 'deployment/web']);
    await c.kubectl(['set', 'image', 'deployment/web', 'nginx=nginx:1.27.4']);
    await c.settled();
    expect((c.client.get(refs.deployments, 'default', 'web') as any).metadata.annotations['deployment.kubernetes.io/revision']).toBe('2');
    await c.kubectl(['rollout', 'resume', 'deployment/web']);
    const { stdout } = await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    expect(stdout).toContain('successfully rolled out');
    const hist = await c.kubectl(['rollout', 'history', 'deployment/web']);
    expect(hist.stdout).toMatch(/^3\s/m);
    const rev2 = await c.kubectl(['rollout', 'history', 'deployment/web', '--revision=3']);
    expect(rev2.stdout).toContain('nginx:1.27.4');
  });

  it('statefulset and daemonset: status, restart, history, undo', async () => {
    c.client.create(refs.statefulsets, {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'kv', namespace: 'default' },
      spec: { replicas: 2, serviceName: 'kv', selector: { matchLabels: { app: 'kv' } }, template: { metadata: { labels: { app: 'kv' } }, spec: { containers: [{ name: 'kv', image: 'redis:7.4.0' }] } } },
    });
    c.client.create(refs.daemonsets, {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'exporter', namespace: 'default' },
      spec: { selector: { matchLabels: { app: 'exporter' } }, template: { metadata: { labels: { app: 'exporter' } }, spec: { containers: [{ name: 'x', image: 'prom/node-exporter:v1.8.1' }] } } },
    });
    await c.kubectl(['rollout', 'status', 'statefulset/kv', '--timeout=20s']);
    await c.kubectl(['rollout', 'status', 'daemonset/exporter', '--timeout=20s']);
    await c.kubectl(['set', 'image', 'statefulset/kv', 'kv=redis:7.4.1']);
    await c.kubectl(['set', 'image', 'daemonset/exporter', 'x=prom/node-exporter:v1.8.2']);
    await c.kubectl(['rollout', 'status', 'statefulset/kv', '--timeout=20s']);
    await c.kubectl(['rollout', 'status', 'daemonset/exporter', '--timeout=20s']);
    const h = await c.kubectl(['rollout', 'history', 'daemonset/exporter']);
    expect(h.stdout).toMatch(/^2\s/m);
    await c.kubectl(['rollout', 'undo', 'statefulset/kv']);
    await c.kubectl(['rollout', 'undo', 'daemonset/exporter']);
    await c.kubectl(['rollout', 'status', 'statefulset/kv', '--timeout=20s']);
    await c.kubectl(['rollout', 'status', 'daemonset/exporter', '--timeout=20s']);
    const kv = c.client.list(refs.pods, { namespace: 'default', labelSelector: 'app=kv' }).items as any[];
    expect(kv.map((p) => p.spec.containers[0].image)).toEqual(['redis:7.4.0', 'redis:7.4.0']);
    const ex = c.client.list(refs.pods, { namespace: 'default', labelSelector: 'app=exporter' }).items as any[];
    await waitFor(() => (c.client.list(refs.pods, { namespace: 'default', labelSelector: 'app=exporter' }).items as any[]).every((p) => p.spec.containers[0].image === 'prom/node-exporter:v1.8.1'), 10_000, 'ds undone');
    expect(ex.length).toBeGreaterThan(0);
  });
});

describe('kubectl logs', () => {
  it('supports --tail, --timestamps, -c, --since, -l and -f', async () => {
    c.client.create(refs.pods, {
      apiVersion: 'v1', kind: 'Pod', metadata: { name: 'chatty', namespace: 'default', labels: { app: 'chatty' }, annotations: { 'sandbox.wheelhouse.dev/log-rate': '50' } },
      spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'api', image: 'ghcr.io/acme/api:1' }] },
    });
    await waitFor(() => (c.client.get(refs.pods, 'default', 'chatty') as any)?.status?.containerStatuses?.every((s: any) => s.state.running), 10_000, 'running');
    // wait for the log to hold at least five lines (it grows at 50 lines/s)
    await waitFor(async () => (await c.kubectl(['logs', 'chatty', '-c', 'web', '--tail=5'])).stdout.trimEnd().split('\n').length === 5, 10_000, 'five lines');
    const tail = await c.kubectl(['logs', 'chatty', '-c', 'web', '--tail=5']);
    expect(tail.stdout.trimEnd().split('\n')).toHaveLength(5);
    expect(tail.stdout).toMatch(/HTTP\/1\.1" \d{3}/);
    const ts = await c.kubectl(['logs', 'chatty', '-c', 'api', '--tail=3', '--timestamps']);
    for (const l of ts.stdout.trimEnd().split('\n')) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z /);
    const since = await c.kubectl(['logs', 'chatty', '-c', 'web', '--since=1s']);
    const all = await c.kubectl(['logs', 'chatty', '-c', 'web']);
    expect(since.stdout.length).toBeLessThan(all.stdout.length);
    const byLabel = await c.kubectl(['logs', '-l', 'app=chatty', '-c', 'web', '--tail=2']);
    expect(byLabel.stdout.trimEnd().split('\n')).toHaveLength(2);
    // -f streams new lines and ends when the container stops (pod deleted)
    const child = spawn('/usr/bin/kubectl', ['--kubeconfig', path.join(c.dir, 'kubeconfig'), '--cache-dir', path.join(c.dir, 'cache'), 'logs', 'chatty', '-c', 'web', '-f', '--tail=1']);
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    // delete only once the stream is flowing (kubectl has found the pod and is following)
    await waitFor(() => out.split('\n').length > 5, 15_000, 'follow output');
    c.client.delete(refs.pods, 'default', 'chatty');
    expect(await exited).toBe(0);
    expect(out.trimEnd().split('\n').length).toBeGreaterThan(5);
  });
});

describe('kubectl node and scaling commands', () => {
  it('top pods and top nodes', async () => {
    await waitFor(async () => true, 10);
    const nodes = await c.kubectl(['top', 'nodes']);
    expect(nodes.stdout).toMatch(/sandbox-test-worker-1\s+\d+m\s+\d+%\s+\d+Mi\s+\d+%/);
    const pods = await c.kubectl(['top', 'pods']);
    expect(pods.stdout).toMatch(/web-\S+\s+\d+m\s+\d+Mi/);
  });

  it('cordon, drain --ignore-daemonsets and uncordon', async () => {
    await c.kubectl(['cordon', 'sandbox-test-worker-1']);
    expect((c.client.get(refs.nodes, undefined, 'sandbox-test-worker-1') as any).spec.unschedulable).toBe(true);
    const r = await c.kubectl(['drain', 'sandbox-test-worker-1', '--ignore-daemonsets', '--delete-emptydir-data', '--timeout=20s'], { timeoutMs: 25_000 });
    expect(r.stdout).toContain('drained');
    await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    const onNode = (c.client.list(refs.pods, { namespace: 'default' }).items as any[]).filter((p) => p.spec.nodeName === 'sandbox-test-worker-1' && !p.metadata.ownerReferences?.some((o: any) => o.kind === 'DaemonSet'));
    expect(onNode).toHaveLength(0);
    await c.kubectl(['uncordon', 'sandbox-test-worker-1']);
    expect((c.client.get(refs.nodes, undefined, 'sandbox-test-worker-1') as any).spec.unschedulable).toBeFalsy();
  });

  it('autoscale creates an HPA that reads metrics', async () => {
    await c.kubectl(['set', 'resources', 'deployment/web', '--requests=cpu=50m']);
    await c.kubectl(['rollout', 'status', 'deployment/web', '--timeout=20s']);
    // kubectl 1.32 `autoscale` POSTs autoscaling/v1; until the API server serves that version, create the same HPA as v2
    const versions = (await c.kubectl(['api-versions'])).stdout.split('\n');
    if (versions.includes('autoscaling/v1')) await c.kubectl(['autoscale', 'deployment/web', '--min=2', '--max=4', '--cpu-percent=80']);
    else
      c.client.create(refs.hpas, {
        apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web', namespace: 'default' },
        spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 2, maxReplicas: 4, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }] },
      });
    await waitFor(() => (c.client.get(refs.hpas, 'default', 'web') as any)?.status?.currentMetrics, 10_000, 'hpa metrics');
    const { stdout } = await c.kubectl(['get', 'hpa', 'web']);
    expect(stdout).toMatch(/cpu: \d+%\/80%/);
  });
});
