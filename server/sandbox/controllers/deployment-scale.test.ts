/** Proportional scaling of a Deployment's active ReplicaSets: the pure plan, then a stuck rollout scaled over HTTPS. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { isScalingEvent, proportionalScale } from './deployment-scale';
import { apiCreate, apiGet, apiList, apiPatch, deploymentObj, refs, startTestCluster, waitFor, type TestCluster } from './test-helpers';

const rs = (name: string, replicas: number, createdS: number, desired: number, max: number, available = replicas): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: {
    name,
    creationTimestamp: new Date(createdS * 1000).toISOString(),
    annotations: { 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(max) },
  },
  spec: { replicas },
  status: { replicas, availableReplicas: available },
});
const rolling = (replicas: number, maxSurge: number | string = 3, maxUnavailable: number | string = 2) => ({
  replicas,
  strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge, maxUnavailable } },
});
const plan = (m: Map<string, number>) => Object.fromEntries(m);

describe('proportional scaling plan (upstream scale())', () => {
  it("spreads a scale-up over old and new RSes like the documentation's 10 → 15 example", () => {
    const old = rs('old', 8, 1, 10, 13);
    const nu = rs('new', 5, 2, 10, 13, 0);
    expect(isScalingEvent(rolling(15), nu, [old])).toBe(true);
    expect(isScalingEvent(rolling(10), nu, [old])).toBe(false);
    expect(plan(proportionalScale(rolling(15), 13, nu, [old]))).toEqual({ old: 11, new: 7 });
  });

  it('gives the rounding leftover to the largest RS, newest on ties when scaling up and oldest when scaling down', () => {
    const a = rs('a', 2, 1, 4, 4);
    const b = rs('b', 2, 2, 4, 4, 0);
    // 4 → 5 (maxSurge 0): +1 each would be 2.5 → 3 for the first; the first in order is the newer one on ties
    expect(plan(proportionalScale(rolling(5, 0, 1), 4, b, [a]))).toEqual({ b: 3, a: 2 });
    // 4 → 3: the older one shrinks first
    expect(plan(proportionalScale(rolling(3, 0, 1), 4, b, [a]))).toEqual({ a: 1, b: 2 });
  });

  it('scales every active RS to zero for replicas 0, and a single active RS takes the whole count', () => {
    expect(plan(proportionalScale(rolling(0), 13, rs('new', 5, 2, 10, 13, 0), [rs('old', 8, 1, 10, 13)]))).toEqual({ old: 0, new: 0 });
    expect(plan(proportionalScale(rolling(7), 3, rs('new', 0, 2, 3, 4), [rs('old', 3, 1, 3, 4)]))).toEqual({ old: 7 });
    // no active RS: the new one
    expect(plan(proportionalScale(rolling(2), 0, rs('new', 0, 2, 0, 0), [rs('old', 0, 1, 0, 0)]))).toEqual({ new: 2 });
  });

  it('a saturated new RS makes the old ones go to zero; Recreate has no proportional step', () => {
    const nu = rs('new', 4, 2, 4, 5);
    expect(plan(proportionalScale(rolling(4), 5, nu, [rs('old', 1, 1, 3, 4)]))).toEqual({ old: 0 });
    expect(plan(proportionalScale({ replicas: 6, strategy: { type: 'Recreate' } }, 5, rs('new', 1, 2, 4, 4, 0), [rs('old', 2, 1, 4, 4)]))).toEqual({});
  });

  it('falls back to status.replicas when the max-replicas annotation is missing', () => {
    const old = rs('old', 8, 1, 10, 13);
    delete old.metadata.annotations!['deployment.kubernetes.io/max-replicas'];
    const nu = rs('new', 5, 2, 10, 13, 0);
    expect(plan(proportionalScale(rolling(15), 13, nu, [old]))).toEqual({ old: 11, new: 7 });
  });
});

describe('proportional scaling in the cluster (over HTTPS)', () => {
  let c: TestCluster;
  beforeAll(async () => {
    c = await startTestCluster({ speed: 25 });
  });
  afterAll(async () => {
    await c?.stop();
  });

  /** spec.replicas and annotations of the deployment's RSes, keyed old/new by image. */
  const sizes = async () => {
    const list = await apiList(c, refs.replicasets, 'default', 'app=prop');
    const by = (img: string) => list.find((r) => r.spec.template.spec.containers[0].image === img);
    return { old: by('nginx:1.27.3'), new: by('ghcr.io/acme/missing-app:2') };
  };

  it('a stuck rollout scaled from 10 to 20 grows both ReplicaSets in proportion, and paused scaling does the same', async () => {
    await apiCreate(c, refs.deployments, deploymentObj('prop', 'nginx:1.27.3', 10, { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } } }));
    await waitFor(async () => (await apiGet(c, refs.deployments, 'default', 'prop'))?.status?.availableReplicas === 10, 15_000, 'initial rollout');
    await apiPatch(c, refs.deployments, 'default', 'prop', { spec: { template: { spec: { containers: [{ name: 'main', image: 'ghcr.io/acme/missing-app:2' }] } } } });
    // maxSurge 3 / maxUnavailable 2 with pods that never become available: old 8, new 5 (13 = 10 + maxSurge)
    await waitFor(async () => {
      const s = await sizes();
      return s.old?.spec.replicas === 8 && s.new?.spec.replicas === 5;
    }, 15_000, 'stuck at 8 + 5');
    await apiPatch(c, refs.deployments, 'default', 'prop', { spec: { replicas: 20 } }, 'scale');
    // allowed 23 = 20 + 3; old 8·23/13 = 14.2 → 14, new 5·23/13 = 8.8 → 9 (without proportional scaling: 8 + 15)
    await waitFor(async () => (await apiGet(c, refs.deployments, 'default', 'prop'))?.status?.replicas === 23, 15_000, '23 pods');
    let s = await sizes();
    expect([s.old.spec.replicas, s.new.spec.replicas]).toEqual([14, 9]);
    for (const r of [s.old, s.new]) {
      expect(r.metadata.annotations['deployment.kubernetes.io/desired-replicas']).toBe('20');
      expect(r.metadata.annotations['deployment.kubernetes.io/max-replicas']).toBe('23');
    }
    const events = (await apiList(c, refs.events, 'default')).filter((e) => e.involvedObject.name === 'prop' && e.reason === 'ScalingReplicaSet');
    expect(events.map((e) => e.message)).toEqual(expect.arrayContaining([`Scaled up replica set ${s.old.metadata.name} from 8 to 14`, `Scaled up replica set ${s.new.metadata.name} from 5 to 9`]));

    // paused mid-rollout: scaling still works, proportionally (20 → 5: allowed 8; 14·8/23 → 5, 9·8/23 → 3)
    await apiPatch(c, refs.deployments, 'default', 'prop', { spec: { paused: true } });
    await apiPatch(c, refs.deployments, 'default', 'prop', { spec: { replicas: 5 } }, 'scale');
    await waitFor(async () => (await apiGet(c, refs.deployments, 'default', 'prop'))?.status?.replicas === 8, 15_000, '8 pods');
    s = await sizes();
    expect([s.old.spec.replicas, s.new.spec.replicas]).toEqual([5, 3]);
    // and back up to 10 (allowed 13: 5·13/8 = 8.1 → 8, 3·13/8 = 4.9 → 5)
    await apiPatch(c, refs.deployments, 'default', 'prop', { spec: { replicas: 10 } }, 'scale');
    await waitFor(async () => (await apiGet(c, refs.deployments, 'default', 'prop'))?.status?.replicas === 13, 15_000, '13 pods');
    s = await sizes();
    expect([s.old.spec.replicas, s.new.spec.replicas]).toEqual([8, 5]);
  });
});
