/** The patch functions driven by the real OpenAPI navigator of the sandbox's built-in kinds. */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { schemaNavigator } from '../openapi/navigator';
import { applyStrategicMergePatch, serverSideApply, trackUpdate } from './index';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const T0 = '2026-11-22T10:00:00Z';
const T1 = '2026-11-22T11:00:00Z';

const deployNav = () => schemaNavigator({ group: 'apps', version: 'v1', kind: 'Deployment' }, []);

function deployment(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.25',
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
              ports: [{ containerPort: 80, protocol: 'TCP' }],
            },
          ],
        },
      },
    },
  };
}

describe('patches with the sandbox OpenAPI schema', () => {
  it('the navigator exists for apps/v1 Deployment', () => {
    expect(deployNav()).toBeDefined();
  });

  it('kubectl apply patch: $setElementOrder, env delete, strategy $retainKeys', () => {
    const out = applyStrategicMergePatch(
      deployment(),
      {
        spec: {
          strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' },
          template: {
            spec: {
              '$setElementOrder/containers': [{ name: 'nginx' }],
              containers: [{ '$setElementOrder/env': [{ name: 'A' }], env: [{ $patch: 'delete', name: 'B' }], image: 'nginx:1.27', name: 'nginx' }],
            },
          },
        },
      },
      deployNav(),
    ) as Any;
    expect(out.spec.strategy).toEqual({ type: 'Recreate' });
    expect(out.spec.template.spec.containers).toEqual([
      { name: 'nginx', image: 'nginx:1.27', env: [{ name: 'A', value: '1' }], ports: [{ containerPort: 80, protocol: 'TCP' }] },
    ]);
  });

  it('kubectl set image on a Pod merges containers by name', () => {
    const nav = schemaNavigator({ group: '', version: 'v1', kind: 'Pod' }, []);
    const pod: KObject = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: { containers: [{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:1' }] },
    };
    const out = applyStrategicMergePatch(pod, { spec: { containers: [{ name: 'b', image: 'b:2' }] } }, nav) as Any;
    expect(out.spec.containers).toEqual([{ name: 'a', image: 'a:1' }, { name: 'b', image: 'b:2' }]);
  });

  it('server-side apply: selector is atomic, ports keyed by containerPort+protocol', () => {
    const out = serverSideApply(undefined, deployment(), { manager: 'kubectl', force: false, nav: deployNav(), now: T0 });
    const f = (out.metadata.managedFields as Any[])[0].fieldsV1;
    expect(f['f:spec']['f:selector']).toEqual({});
    expect(f['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']['f:ports']).toEqual({
      'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {}, 'f:protocol': {} },
    });
  });

  it('server-side apply conflicts with a client-side-apply creator', () => {
    const nav = deployNav();
    const created = trackUpdate(undefined, deployment(), 'kubectl-client-side-apply', nav, T0);
    const cfg = deployment() as Any;
    cfg.spec.replicas = 4;
    expect(() => serverSideApply(created, cfg, { manager: 'kubectl', force: false, nav, now: T1 })).toThrow(
      expect.objectContaining({
        status: 409,
        message: 'Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas',
      }),
    );
    const forced = serverSideApply(created, cfg, { manager: 'kubectl', force: true, nav, now: T1 }) as Any;
    expect(forced.spec.replicas).toBe(4);
  });

  it('a Service port keyed by port+protocol keeps its defaulted protocol', () => {
    const nav = schemaNavigator({ group: '', version: 'v1', kind: 'Service' }, []);
    const svc = (ports: unknown[]): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports } });
    const live = serverSideApply(undefined, svc([{ port: 80, targetPort: 8080 }]), { manager: 'm', force: false, nav, now: T0 }) as Any;
    live.spec.ports[0].protocol = 'TCP'; // defaulting by the apiserver: nobody owns it
    const out = serverSideApply(live, svc([{ port: 80, targetPort: 8080 }, { port: 443 }]), { manager: 'm', force: false, nav, now: T1 }) as Any;
    expect(out.spec.ports).toEqual([{ port: 80, protocol: 'TCP', targetPort: 8080 }, { port: 443 }]);
  });

  it('a ConfigMap: data keys are owned one by one', () => {
    const nav = schemaNavigator({ group: '', version: 'v1', kind: 'ConfigMap' }, []);
    const cm = (data: Record<string, string>): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data });
    const a = serverSideApply(undefined, cm({ a: '1' }), { manager: 'alice', force: false, nav, now: T0 });
    const b = serverSideApply(a, cm({ b: '2' }), { manager: 'bob', force: false, nav, now: T0 });
    const a2 = serverSideApply(b, cm({}), { manager: 'alice', force: false, nav, now: T1 }) as Any;
    expect(a2.data).toEqual({ b: '2' });
  });

  it('tracking a large pod template hands fields to their last writer', () => {
    const nav = deployNav();
    const big = deployment() as Any;
    big.spec.template.spec.containers = Array.from({ length: 10 }, (_, i) => ({
      name: `c${i}`,
      image: 'x',
      env: Array.from({ length: 10 }, (_, j) => ({ name: `E${j}`, value: String(j) })),
    }));
    let o = trackUpdate(undefined, big, 'm', nav, T0);
    for (let i = 0; i < 10; i++) {
      const next = structuredClone(o) as Any;
      next.spec.replicas = i;
      o = trackUpdate(o, next, `m${i % 3}`, nav, T1);
    }
    // speed lives in the benchmarks; here: the creator keeps the template, spec.replicas moved with each update
    // and ends with its last writer (i = 9 → m0), so m1 and m2 own nothing and have no entry
    expect(((o as Any).metadata.managedFields as Any[]).map((e) => e.manager).sort()).toEqual(['m', 'm0']);
  });
});
