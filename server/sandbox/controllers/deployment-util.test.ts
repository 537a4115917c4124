/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { newRSReplicas, oldRSScaleDown, resolveIntOrPercent, sameTemplate, surgeAndUnavailable } from './deployment-util';

const rs = (name: string, replicas: number, available: number, created: number): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, creationTimestamp: new Date(created * 1000).toISOString() },
  spec: { replicas },
  status: { replicas, availableReplicas: available },
});

describe('rolling update arithmetic', () => {
  it('resolves percentages like upstream (surge rounds up, unavailable down)', () => {
    expect(resolveIntOrPercent('25%', 10, true, '25%')).toBe(3);
    expect(resolveIntOrPercent('25%', 10, false, '25%')).toBe(2);
    expect(resolveIntOrPercent(2, 10, false, '25%')).toBe(2);
    expect(surgeAndUnavailable({ replicas: 1, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } } })).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    expect(surgeAndUnavailable({ replicas: 4 })).toEqual({ maxSurge: 1, maxUnavailable: 1 });
  });

  it('scales the new RS up to maxSurge and old RSes down keeping minAvailable', () => {
    const spec = { replicas: 4, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 1 } } };
    const old = rs('old', 4, 4, 1);
    const nu = rs('new', 0, 0, 2);
    expect(newRSReplicas(spec, [old, nu], nu)).toBe(1);
    const plan = oldRSScaleDown(spec, [old, rs('new', 1, 0, 2)], [old], rs('new', 1, 0, 2));
    expect(plan.get('old')).toBe(3);
  });

  it('sameTemplate ignores the pod-template-hash label and empty maps', () => {
    const a = { metadata: { labels: { app: 'x', 'pod-template-hash': 'abc' }, annotations: {} }, spec: { containers: [{ name: 'a', image: 'i' }] } };
    const b = { metadata: { labels: { app: 'x' } }, spec: { containers: [{ image: 'i', name: 'a' }] } };
    expect(sameTemplate(a, b)).toBe(true);
    expect(sameTemplate(a, { ...b, spec: { containers: [{ name: 'a', image: 'j' }] } })).toBe(false);
  });

  it('property: a simulated rollout never drops below replicas - maxUnavailable available and never exceeds replicas + maxSurge', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 }), (replicas, surge, unavail) => {
        const spec = { replicas, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: surge, maxUnavailable: unavail } } };
        const { maxSurge, maxUnavailable } = surgeAndUnavailable(spec);
        // pods become available one reconcile after their RS is scaled up (worst case for the invariant)
        let old = rs('old', replicas, replicas, 1);
        let nu = rs('new', 0, 0, 2);
        for (let step = 0; step < 200; step++) {
          const up = newRSReplicas(spec, [old, nu], nu);
          nu = rs('new', up, (nu.status as any).availableReplicas, 2);
          const plan = oldRSScaleDown(spec, [old, nu], [old], nu);
          const down = plan.get('old') ?? (old.spec as any).replicas;
          old = rs('old', down, Math.min((old.status as any).availableReplicas, down), 1);
          const total = (old.spec as any).replicas + (nu.spec as any).replicas;
          const available = (old.status as any).availableReplicas + (nu.status as any).availableReplicas;
          expect(total).toBeLessThanOrEqual(replicas + maxSurge);
          expect(available).toBeGreaterThanOrEqual(replicas - maxUnavailable);
          nu = rs('new', (nu.spec as any).replicas, (nu.spec as any).replicas, 2);
          if ((old.spec as any).replicas === 0 && (nu.status as any).availableReplicas === replicas) return;
        }
        throw new Error('rollout did not finish');
      }),
      { numRuns: 200 },
    );
  });
});
