import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { serverSideApply, trackUpdate } from './index';
import { deploymentSchema } from './schema-fixture';

const nav = deploymentSchema();
const T0 = '2026-11-22T10:00:00Z';
const T1 = '2026-11-22T11:00:00Z';
const T2 = '2026-11-22T12:00:00Z';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function config(over: { replicas?: number | null; image?: string; labels?: Record<string, string>; env?: { name: string; value: string }[] } = {}): KObject {
  const c: Any = {
    name: 'nginx',
    image: over.image ?? 'nginx:1.25',
    ports: [{ containerPort: 80 }],
    ...(over.env ? { env: over.env } : {}),
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', labels: over.labels ?? { app: 'web' } },
    spec: {
      ...(over.replicas === null ? {} : { replicas: over.replicas ?? 2 }),
      selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [c] } },
    },
  };
}

/** What the store would hold: the object plus server-set metadata and defaults. */
function stored(o: KObject): KObject {
  const s = structuredClone(o) as Any;
  s.metadata.uid = 'u-1';
  s.metadata.resourceVersion = '10';
  s.metadata.creationTimestamp = T0;
  s.status = { replicas: 0 };
  return s;
}

const apply = (live: KObject | undefined, applied: KObject, manager = 'kubectl', force = false, now = T1) =>
  serverSideApply(live, applied, { manager, force, nav, now });

function fields(o: KObject, manager: string, operation?: string): Any {
  const e = (o.metadata.managedFields as Any[]).find((m) => m.manager === manager && (!operation || m.operation === operation));
  return e?.fieldsV1;
}

function thrown(f: () => unknown): Any {
  try {
    f();
  } catch (e) {
    return e;
  }
  throw new Error('expected an error');
}

describe('serverSideApply', () => {
  it('create: the object is the configuration and the manager owns exactly its fields', () => {
    const out = apply(undefined, config());
    expect((out.spec as Any).replicas).toBe(2);
    expect(out.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T1,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('re-apply with a field removed removes it from the object and the set', () => {
    const v1 = stored(apply(undefined, config({ labels: { app: 'web', tier: 'fe' }, env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }] })));
    const v2 = apply(v1, config({ labels: { app: 'web' }, env: [{ name: 'A', value: '1' }] }), 'kubectl', false, T2);
    expect(v2.metadata.labels).toEqual({ app: 'web' });
    expect((v2.spec as Any).template.spec.containers[0].env).toEqual([{ name: 'A', value: '1' }]);
    expect(fields(v2, 'kubectl')['f:metadata']).toEqual({ 'f:labels': { 'f:app': {} } });
    expect((v2.metadata.managedFields as Any[])[0].time).toBe(T2);
    // server-set fields and status survive an apply
    expect(v2.metadata.uid).toBe('u-1');
    expect(v2.status).toEqual({ replicas: 0 });
  });

  it('dropping every label keeps the metadata shell, and a struct only this applier owned goes whole', () => {
    const withStrategy = config() as Any;
    withStrategy.spec.strategy = { rollingUpdate: { maxSurge: 1 } };
    const v1 = stored(apply(undefined, withStrategy)) as Any;
    v1.spec.strategy.type = 'RollingUpdate'; // defaulted by the server, owned by nobody
    const cfg = config({ labels: {} }) as Any;
    delete cfg.metadata.labels;
    const v2 = apply(v1, cfg, 'kubectl', false, T2) as Any;
    expect(v2.metadata).toMatchObject({ name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '10' });
    expect(v2.metadata.labels).toBeUndefined();
    expect(v2.spec.strategy).toBeUndefined();
    expect(v2.spec.template).toBeDefined();
  });

  it('a struct another manager still owns into keeps its unowned parts', () => {
    const withStrategy = config() as Any;
    withStrategy.spec.strategy = { rollingUpdate: { maxSurge: 1 } };
    const v1 = stored(apply(undefined, withStrategy)) as Any;
    const v2 = stored(trackUpdate(v1, { ...v1, spec: { ...v1.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } } }, 'editor', nav, T1)) as Any;
    const v3 = apply(v2, config(), 'kubectl', false, T2) as Any;
    expect(v3.spec.strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0 } });
  });

  it('re-applying the same configuration is a no-op that keeps the entry time', () => {
    const v1 = stored(apply(undefined, config()));
    const v2 = apply(v1, config(), 'kubectl', false, T2);
    expect(v2).toEqual(v1);
  });

  it('conflict with another manager that owns a field with a different value: 409 with causes', () => {
    const created = stored(trackUpdate(undefined, config(), 'kubectl-client-side-apply', nav, T0));
    const e = thrown(() => apply(created, config({ replicas: 3 })));
    expect(e.status).toBe(409);
    expect(e.reason).toBe('Conflict');
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
    expect(e.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' }]);
  });

  it('same values do not conflict: ownership becomes shared', () => {
    const created = stored(trackUpdate(undefined, config(), 'kubectl-client-side-apply', nav, T0));
    const out = apply(created, config());
    expect(fields(out, 'kubectl')['f:spec']['f:replicas']).toEqual({});
    expect(fields(out, 'kubectl-client-side-apply', 'Update')['f:spec']['f:replicas']).toEqual({});
  });

  it('several conflicts are listed per manager', () => {
    const created = stored(trackUpdate(undefined, config(), 'kubectl-client-side-apply', nav, T0));
    const e = thrown(() => apply(created, config({ replicas: 5, image: 'nginx:1.27' })));
    expect(e.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "kubectl-client-side-apply" using apps/v1:\n' +
        '- .spec.replicas\n' +
        '- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(e.causes.map((c: Any) => c.field)).toEqual(['.spec.replicas', '.spec.template.spec.containers[name="nginx"].image']);
  });

  it('force takes ownership of the conflicting fields', () => {
    const created = stored(trackUpdate(undefined, config(), 'kubectl-client-side-apply', nav, T0));
    const out = apply(created, config({ replicas: 3 }), 'kubectl', true);
    expect((out.spec as Any).replicas).toBe(3);
    expect(fields(out, 'kubectl')['f:spec']['f:replicas']).toEqual({});
    expect(fields(out, 'kubectl-client-side-apply', 'Update')['f:spec']).not.toHaveProperty('f:replicas');
  });

  it('an object nobody tracked: its fields belong to "before-first-apply"', () => {
    const untracked = stored(config());
    const e = thrown(() => apply(untracked, config({ replicas: 4 })));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
    const out = apply(untracked, config());
    expect((out.metadata.managedFields as Any[]).map((m) => `${m.operation}:${m.manager}`)).toEqual(['Apply:kubectl', 'Update:before-first-apply']);
  });

  it('kubectl apply --server-side takes over what its client-side apply configured', () => {
    const cfg = config();
    const csa = structuredClone(cfg);
    csa.metadata.annotations = { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(cfg) };
    const created = stored(trackUpdate(undefined, csa, 'kubectl-client-side-apply', nav, T0));
    const out = apply(created, config({ replicas: 3 }), 'kubectl');
    expect((out.spec as Any).replicas).toBe(3);
    expect(fields(out, 'kubectl-client-side-apply', 'Update')['f:spec']).not.toHaveProperty('f:replicas');
    // only the manager named "kubectl" gets this; others still conflict
    expect(thrown(() => apply(created, config({ replicas: 3 }), 'my-tool')).status).toBe(409);
    // and only while the live value is still the client-side applied one
    const scaled = stored(trackUpdate(created, { ...created, spec: { ...(created.spec as Any), replicas: 7 } }, 'kubectl-client-side-apply', nav, T1));
    expect(thrown(() => apply(scaled, config({ replicas: 3 }), 'kubectl')).status).toBe(409);
  });

  it('an Apply manager is named without "using" in conflicts', () => {
    const a = stored(apply(undefined, config(), 'alice'));
    const e = thrown(() => apply(a, config({ replicas: 9 }), 'bob'));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "alice": .spec.replicas');
  });

  it('apply after an Update by another manager: the updater owns the field now', () => {
    const v1 = stored(apply(undefined, config()));
    const scaled = stored(trackUpdate(v1, { ...v1, spec: { ...(v1.spec as Any), replicas: 5 } }, 'kubectl-edit', nav, T1));
    expect(fields(scaled, 'kubectl')['f:spec']).not.toHaveProperty('f:replicas');
    // re-applying the old value now conflicts with the updater
    const e = thrown(() => apply(scaled, config({ replicas: 2 }), 'kubectl', false, T2));
    expect(e.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-edit" using apps/v1: .spec.replicas');
    // dropping replicas from the configuration leaves the updater's value alone
    const out = apply(scaled, config({ replicas: null }), 'kubectl', false, T2);
    expect((out.spec as Any).replicas).toBe(5);
  });

  it('a field two appliers own stays when one of them stops applying it', () => {
    const a = stored(apply(undefined, config({ labels: { app: 'web', tier: 'fe' } }), 'alice'));
    const ab = stored(apply(a, config({ labels: { app: 'web', tier: 'fe' } }), 'bob'));
    const out = apply(ab, config({ labels: { app: 'web' } }), 'alice', false, T2);
    expect(out.metadata.labels).toEqual({ app: 'web', tier: 'fe' });
  });

  it('a container another applier added is kept (associative list merge)', () => {
    const a = stored(apply(undefined, config(), 'alice'));
    const sidecar: Any = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: { template: { spec: { containers: [{ name: 'sidecar', image: 'busybox' }] } } },
    };
    const out = apply(a, sidecar, 'bob');
    expect((out.spec as Any).template.spec.containers.map((c: Any) => c.name)).toEqual(['nginx', 'sidecar']);
    // alice dropping nothing of hers keeps bob's container
    const again = apply(stored(out), config(), 'alice', false, T2);
    expect((again.spec as Any).template.spec.containers.map((c: Any) => c.name)).toEqual(['nginx', 'sidecar']);
  });

  it('a port without protocol matches the defaulted live port (key default TCP)', () => {
    const live = stored(apply(undefined, config()));
    (live.spec as Any).template.spec.containers[0].ports[0].protocol = 'TCP';
    const out = apply(live, config(), 'kubectl', false, T2);
    expect((out.spec as Any).template.spec.containers[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP' }]);
  });

  it('sets (finalizers) are unions owned per value', () => {
    const base = config();
    const a = stored(apply(undefined, { ...base, metadata: { ...base.metadata, finalizers: ['x/a'] } }, 'alice'));
    const out = apply(a, { ...base, metadata: { ...base.metadata, finalizers: ['x/b'] } }, 'bob');
    expect(out.metadata.finalizers).toEqual(['x/a', 'x/b']);
    expect(fields(out, 'bob')['f:metadata']['f:finalizers']).toEqual({ 'v:"x/b"': {} });
  });

  it('a set value the applier stops applying is removed', () => {
    const base = config();
    const a = stored(apply(undefined, { ...base, metadata: { ...base.metadata, finalizers: ['x/a', 'x/b'] } }));
    const out = apply(a, { ...base, metadata: { ...base.metadata, finalizers: ['x/b'] } }, 'kubectl', false, T2);
    expect(out.metadata.finalizers).toEqual(['x/b']);
  });

  it('atomic lists conflict as a whole', () => {
    const withArgs = (args: string[]): KObject => {
      const c = config() as Any;
      c.spec.template.spec.containers[0].args = args;
      return c;
    };
    const a = stored(apply(undefined, withArgs(['-v']), 'alice'));
    const e = thrown(() => apply(a, withArgs(['-q']), 'bob'));
    expect(e.causes.map((c: Any) => c.field)).toEqual(['.spec.template.spec.containers[name="nginx"].args']);
  });

  it('status written by a controller never conflicts with an apply of the main resource', () => {
    const live = stored(apply(undefined, config()));
    const withStatus = trackUpdate(live, { ...live, status: { replicas: 2 } } as KObject, 'deployment-controller', nav, T1, 'status');
    const out = apply(withStatus, { ...config(), status: { replicas: 9 } } as KObject, 'kubectl', false, T2);
    expect(out.status).toEqual({ replicas: 2 });
  });

  it('status in the configuration is ignored on the main resource', () => {
    const out = apply(undefined, { ...config(), status: { replicas: 9 } } as KObject);
    expect(out.status).toBeUndefined();
    expect(fields(out, 'kubectl')).not.toHaveProperty('f:status');
  });

  it('apply to the status subresource writes and owns only status', () => {
    const live = stored(apply(undefined, config()));
    const out = serverSideApply(live, { ...config({ replicas: 7 }), status: { replicas: 2, readyReplicas: 2 } } as KObject, {
      manager: 'controller',
      force: false,
      nav,
      now: T2,
      subresource: 'status',
    });
    expect((out.spec as Any).replicas).toBe(2);
    expect(out.status).toEqual({ replicas: 2, readyReplicas: 2 });
    const e = (out.metadata.managedFields as Any[]).find((m) => m.manager === 'controller');
    expect(e).toMatchObject({ subresource: 'status', fieldsV1: { 'f:status': { 'f:replicas': {}, 'f:readyReplicas': {} } } });
  });

  it('without a schema maps are granular and lists atomic', () => {
    const cm = (data: Record<string, string>, items: string[]): KObject => ({
      apiVersion: 'example.com/v1',
      kind: 'Thing',
      metadata: { name: 't' },
      spec: { data, items },
    });
    const a = stored(serverSideApply(undefined, cm({ a: '1' }, ['x']), { manager: 'alice', force: false, nav: undefined, now: T1 }));
    const out = serverSideApply(a, cm({ b: '2' }, ['x']), { manager: 'bob', force: false, nav: undefined, now: T1 });
    expect((out.spec as Any).data).toEqual({ a: '1', b: '2' });
    const e = thrown(() => serverSideApply(a, cm({ a: '1' }, ['y']), { manager: 'bob', force: false, nav: undefined, now: T1 }));
    expect(e.causes).toEqual([{ reason: 'FieldManagerConflict', message: 'conflict with "alice"', field: '.spec.items' }]);
  });

  it('rejects managedFields in the configuration', () => {
    const bad = config();
    bad.metadata.managedFields = [{ manager: 'x' }];
    expect(thrown(() => apply(undefined, bad))).toMatchObject({ status: 400, message: 'metadata.managedFields must be nil' });
  });
});
