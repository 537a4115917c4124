/* eslint-disable @typescript-eslint/no-explicit-any -- HPAs are handled as untyped JSON here */
/**
 * autoscaling/v1 HorizontalPodAutoscalers are a converted view of the stored autoscaling/v2 objects
 * (hpa-v1.ts): `kubectl autoscale` (which POSTs v1) works, both versions read one object, and a v1
 * read-modify-write keeps the v2-only fields through the upstream annotations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';
import { hpaV1ToV2, hpaV2ToV1 } from './hpa-v1';

const V1 = '/apis/autoscaling/v1/namespaces/hpa/horizontalpodautoscalers';
const V2 = '/apis/autoscaling/v2/namespaces/hpa/horizontalpodautoscalers';

let c: TestCluster;
beforeAll(async () => {
  c = await startTestCluster({ name: 'hpa-v1' });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: 'hpa' } } });
});
afterAll(async () => {
  await c?.stop();
});

const target = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' };

describe('autoscaling/v1 HorizontalPodAutoscaler view', () => {
  it('is served in discovery next to v2, v2 preferred', async () => {
    const g = (await request(c, 'GET', '/apis/autoscaling')).json;
    expect(g.versions.map((v: any) => v.version)).toEqual(['v2', 'v1']);
    expect(g.preferredVersion.version).toBe('v2');
    const rl = (await request(c, 'GET', '/apis/autoscaling/v1')).json;
    expect(rl.resources.map((r: any) => r.name)).toContain('horizontalpodautoscalers');
  });

  it('stores a v1 create as v2 and reads it back through both versions', async () => {
    const created = await request(c, 'POST', V1, {
      body: { apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'cpu' }, spec: { scaleTargetRef: target, maxReplicas: 5, targetCPUUtilizationPercentage: 60 } },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ apiVersion: 'autoscaling/v1', spec: { minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 60 } });
    const v2 = (await request(c, 'GET', `${V2}/cpu`)).json;
    expect(v2.apiVersion).toBe('autoscaling/v2');
    expect(v2.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } }]);
    expect(v2.metadata.resourceVersion).toBe(created.json.metadata.resourceVersion);
    const list = (await request(c, 'GET', V1)).json;
    expect(list.kind).toBe('HorizontalPodAutoscalerList');
    expect(list.items.map((i: any) => [i.apiVersion, i.spec.targetCPUUtilizationPercentage])).toEqual([['autoscaling/v1', 60]]);
  });

  it('keeps v2-only metrics and behavior through a v1 read-modify-write', async () => {
    const behavior = { scaleDown: { stabilizationWindowSeconds: 120, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 1, periodSeconds: 60 }] } };
    const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } };
    await request(c, 'POST', V2, {
      body: { metadata: { name: 'mixed' }, spec: { scaleTargetRef: target, minReplicas: 2, maxReplicas: 8, metrics: [memory, { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }], behavior } },
    });
    const v1 = (await request(c, 'GET', `${V1}/mixed`)).json;
    expect(v1.spec.targetCPUUtilizationPercentage).toBe(70);
    expect(JSON.parse(v1.metadata.annotations['autoscaling.alpha.kubernetes.io/metrics'])).toEqual([
      { type: 'Resource', resource: { name: 'memory', targetAverageValue: '500Mi' } },
    ]);
    v1.spec.maxReplicas = 9;
    const put = await request(c, 'PUT', `${V1}/mixed`, { body: v1 });
    expect(put.status).toBe(200);
    const v2 = (await request(c, 'GET', `${V2}/mixed`)).json;
    expect(v2.spec.maxReplicas).toBe(9);
    expect(v2.spec.metrics).toEqual(expect.arrayContaining([memory]));
    expect(v2.spec.metrics).toHaveLength(2);
    expect(v2.spec.behavior.scaleDown).toMatchObject(behavior.scaleDown);
    expect(v2.metadata.annotations?.['autoscaling.alpha.kubernetes.io/metrics']).toBeUndefined();
  });

  it('converts status both ways', () => {
    const v2 = {
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 's' },
      spec: { scaleTargetRef: target, maxReplicas: 3 },
      status: {
        currentReplicas: 2,
        desiredReplicas: 3,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 91, averageValue: '455m' } } }],
        conditions: [{ type: 'AbleToScale', status: 'True', reason: 'SucceededRescale' }],
      },
    } as any;
    const v1 = hpaV2ToV1(v2) as any;
    expect(v1.status).toEqual({ currentReplicas: 2, desiredReplicas: 3, currentCPUUtilizationPercentage: 91 });
    const back = hpaV1ToV2(v1) as any;
    expect(back.status.currentMetrics).toEqual(v2.status.currentMetrics);
    expect(back.status.conditions).toEqual(v2.status.conditions);
    expect(back.metadata.annotations).toBeUndefined();
    expect(back.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  });

  it('defaults an HPA without metrics to 80 % CPU in both versions', async () => {
    await request(c, 'POST', V2, { body: { metadata: { name: 'bare2' }, spec: { scaleTargetRef: target, maxReplicas: 3 } } });
    await request(c, 'POST', V1, { body: { metadata: { name: 'bare1' }, spec: { scaleTargetRef: target, maxReplicas: 3 } } });
    for (const name of ['bare1', 'bare2']) {
      expect((await request(c, 'GET', `${V2}/${name}`)).json.spec.metrics[0].resource.target.averageUtilization).toBe(80);
      expect((await request(c, 'GET', `${V1}/${name}`)).json.spec.targetCPUUtilizationPercentage).toBe(80);
    }
  });

  it.runIf(hasKubectl)('kubectl autoscale creates an HPA that kubectl get shows', async () => {
    await request(c, 'POST', '/apis/apps/v1/namespaces/hpa/deployments', {
      body: { metadata: { name: 'web' }, spec: { selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx' }] } } } },
    });
    const out = await kubectl(c, ['-n', 'hpa', 'autoscale', 'deployment/web', '--min=2', '--max=4', '--cpu-percent=75']);
    expect(out.stdout).toContain('horizontalpodautoscaler.autoscaling/web autoscaled');
    const v2 = (await request(c, 'GET', `${V2}/web`)).json;
    expect(v2.spec).toMatchObject({ minReplicas: 2, maxReplicas: 4, metrics: [{ resource: { name: 'cpu', target: { averageUtilization: 75 } } }] });
    const get = await kubectl(c, ['-n', 'hpa', 'get', 'hpa', 'web']);
    expect(get.stdout).toMatch(/web\s+Deployment\/web\s+.*75%\s+2\s+4/);
  });
});
