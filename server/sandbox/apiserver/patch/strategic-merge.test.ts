import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { applyStrategicMergePatch } from './index';
import { deploymentSchema, liveDeployment as live } from './schema-fixture';
import type { SchemaNode } from './schema-node';

const nav = deploymentSchema();

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any
const spec = (o: KObject): Any => o.spec as Any;
const containers = (o: KObject): Any[] => spec(o).template.spec.containers;

/** n = null: no schema (undefined would select the default) */
function smp(patch: unknown, n: SchemaNode | null = nav, base = live()): KObject {
  const before = structuredClone(base);
  const out = applyStrategicMergePatch(base, patch, n ?? undefined);
  expect(base).toEqual(before); // inputs are never mutated
  return out;
}

describe('applyStrategicMergePatch: what kubectl sends', () => {
  it('kubectl apply: 3-way patch with $setElementOrder and an env var deleted', () => {
    const out = smp({
      metadata: { annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
            containers: [
              {
                '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }],
                env: [{ $patch: 'delete', name: 'B' }],
                image: 'nginx:1.27',
                name: 'nginx',
              },
            ],
          },
        },
      },
    });
    const [nginx, sidecar] = containers(out);
    expect(nginx.image).toBe('nginx:1.27');
    expect(nginx.imagePullPolicy).toBe('IfNotPresent'); // server-side default kept
    expect(nginx.env).toEqual([
      { name: 'A', value: '1' },
      { name: 'C', value: '3' },
    ]);
    expect(sidecar.name).toBe('sidecar');
    expect(out.metadata.annotations).toEqual({
      'deployment.kubernetes.io/revision': '2',
      'kubectl.kubernetes.io/last-applied-configuration': '{}',
    });
    expect(JSON.stringify(out)).not.toContain('$');
  });

  it('kubectl apply: $setElementOrder reorders containers and adds one in place', () => {
    const out = smp({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'init' }, { name: 'nginx' }],
            containers: [{ name: 'init', image: 'alpine' }],
          },
        },
      },
    });
    expect(containers(out).map((c) => c.name)).toEqual(['sidecar', 'init', 'nginx']);
  });

  it('kubectl apply: $retainKeys switching strategy to Recreate drops rollingUpdate', () => {
    const out = smp({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } });
    expect(spec(out).strategy).toEqual({ type: 'Recreate' });
  });

  it('kubectl apply: $retainKeys in a volume switches its source', () => {
    const out = smp({
      spec: {
        template: {
          spec: {
            '$setElementOrder/volumes': [{ name: 'data' }],
            volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'cm' }, name: 'data' }],
          },
        },
      },
    });
    expect(spec(out).template.spec.volumes).toEqual([{ name: 'data', configMap: { name: 'cm' } }]);
  });

  it('kubectl apply: removing a container ($patch delete beside $setElementOrder)', () => {
    const out = smp({
      spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ $patch: 'delete', name: 'sidecar' }] } } },
    });
    expect(containers(out).map((c) => c.name)).toEqual(['nginx']);
  });

  it('kubectl apply: removing a finalizer ($deleteFromPrimitiveList beside $setElementOrder)', () => {
    const out = smp({
      metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/f'], '$setElementOrder/finalizers': ['b.example/f'] },
    });
    expect(out.metadata.finalizers).toEqual(['b.example/f']);
  });

  it('kubectl apply: adding a port and an env var keeps the configured order', () => {
    const out = smp({
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }],
            containers: [
              {
                '$setElementOrder/env': [{ name: 'A' }, { name: 'NEW' }, { name: 'B' }, { name: 'C' }],
                '$setElementOrder/ports': [{ containerPort: 80 }, { containerPort: 8443 }],
                env: [{ name: 'NEW', value: 'n' }],
                name: 'nginx',
                ports: [{ containerPort: 8443 }],
              },
            ],
          },
        },
      },
    });
    expect(containers(out)[0].env.map((e: { name: string }) => e.name)).toEqual(['A', 'NEW', 'B', 'C']);
    expect(containers(out)[0].ports.map((p: { containerPort: number }) => p.containerPort)).toEqual([80, 8443]);
  });

  it('kubectl rollout restart: template annotation', () => {
    const out = smp({ spec: { template: { metadata: { annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T12:00:00Z' } } } } });
    expect(spec(out).template.metadata).toEqual({
      labels: { app: 'web' },
      annotations: { 'kubectl.kubernetes.io/restartedAt': '2026-11-22T12:00:00Z' },
    });
    expect(containers(out)).toEqual(containers(live()));
  });

  it('kubectl set image: containers merged by name, others untouched', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ image: 'nginx:1.28', name: 'nginx' }] } } } });
    expect(containers(out).map((c) => [c.name, c.image])).toEqual([
      ['nginx', 'nginx:1.28'],
      ['sidecar', 'busybox'],
    ]);
    expect(containers(out)[0].env).toHaveLength(3);
  });

  it('kubectl set env --env=B-: $patch delete of an env var', () => {
    const out = smp({ spec: { template: { spec: { containers: [{ name: 'nginx', env: [{ name: 'B', $patch: 'delete' }] }] } } } });
    expect(containers(out)[0].env.map((e: { name: string }) => e.name)).toEqual(['A', 'C']);
  });

  it('kubectl label / annotate: map merge and null deletes', () => {
    const out = smp({ metadata: { labels: { app: null, tier: 'fe' }, annotations: { note: 'x' } } });
    expect(out.metadata.labels).toEqual({ tier: 'fe' });
    expect(out.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '2', note: 'x' });
  });
});

describe('applyStrategicMergePatch: directives and list semantics', () => {
  const cases: { name: string; patch: unknown; check: (o: KObject) => void }[] = [
    {
      name: 'new merge-list item goes before server-only items (upstream order)',
      patch: { spec: { template: { spec: { containers: [{ name: 'new', image: 'x' }] } } } },
      check: (o) => expect(containers(o).map((c) => c.name)).toEqual(['new', 'nginx', 'sidecar']),
    },
    {
      name: 'ports merge by containerPort',
      patch: { spec: { template: { spec: { containers: [{ name: 'nginx', ports: [{ containerPort: 80, name: 'http' }, { containerPort: 443 }] }] } } } },
      check: (o) => expect(containers(o)[0].ports).toEqual([{ containerPort: 80, protocol: 'TCP', name: 'http' }, { containerPort: 443 }]),
    },
    {
      name: 'non-merge list (args) is replaced',
      patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', args: ['sleep', '1'] }] } } } },
      check: (o) => expect(containers(o)[1].args).toEqual(['sleep', '1']),
    },
    {
      name: '$patch: replace in a list replaces the whole list',
      patch: { spec: { template: { spec: { containers: [{ name: 'only', image: 'x' }, { $patch: 'replace' }] } } } },
      check: (o) => expect(containers(o)).toEqual([{ name: 'only', image: 'x' }]),
    },
    {
      name: '$patch: replace in a map replaces the map',
      patch: { metadata: { labels: { $patch: 'replace', fresh: 'yes' } } },
      check: (o) => expect(o.metadata.labels).toEqual({ fresh: 'yes' }),
    },
    {
      // upstream quirk: any list element carrying `$patch: replace` replaces the whole list with the
      // patch's other elements, and the marked element itself is dropped
      name: '$patch: replace on a list item replaces the list with the unmarked items',
      patch: { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'n:2', $patch: 'replace' }, { name: 'b', image: 'b' }] } } } },
      check: (o) => expect(containers(o)).toEqual([{ name: 'b', image: 'b' }]),
    },
    {
      name: '$patch: delete in a map empties it',
      patch: { spec: { strategy: { $patch: 'delete' } } },
      check: (o) => expect(spec(o).strategy).toEqual({}),
    },
    {
      name: '$patch: delete of a container',
      patch: { spec: { template: { spec: { containers: [{ name: 'sidecar', $patch: 'delete' }] } } } },
      check: (o) => expect(containers(o).map((c) => c.name)).toEqual(['nginx']),
    },
    {
      name: '$deleteFromPrimitiveList removes finalizers',
      patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['a.example/f'] } },
      check: (o) => expect(o.metadata.finalizers).toEqual(['b.example/f']),
    },
    {
      name: 'primitive merge list is a union in patch order',
      patch: { metadata: { finalizers: ['c.example/f', 'a.example/f'] } },
      check: (o) => expect(o.metadata.finalizers).toEqual(['c.example/f', 'a.example/f', 'b.example/f']),
    },
    {
      name: '$setElementOrder on a primitive list',
      patch: { metadata: { '$setElementOrder/finalizers': ['b.example/f', 'c.example/f', 'a.example/f'], finalizers: ['c.example/f'] } },
      check: (o) => expect(o.metadata.finalizers).toEqual(['b.example/f', 'c.example/f', 'a.example/f']),
    },
    {
      name: 'null removes a field; null for a missing field adds nothing',
      patch: { spec: { replicas: null, paused: null } },
      check: (o) => {
        expect(spec(o)).not.toHaveProperty('replicas');
        expect(spec(o)).not.toHaveProperty('paused');
      },
    },
    {
      name: 'a new subtree is taken with its nulls and directives removed',
      patch: { spec: { template: { spec: { nodeSelector: { disk: 'ssd', gone: null } } } } },
      check: (o) => expect(spec(o).template.spec.nodeSelector).toEqual({ disk: 'ssd' }),
    },
    {
      name: 'a new merge list with a delete directive drops the directive element',
      patch: { spec: { template: { spec: { initContainers: [{ name: 'i', image: 'x' }, { name: 'zz', $patch: 'delete' }] } } } },
      check: (o) => expect(spec(o).template.spec.initContainers).toEqual([{ name: 'i', image: 'x' }]),
    },
    {
      name: 'atomic selector map still merges under strategic patch (patch strategy is what counts)',
      patch: { spec: { selector: { matchLabels: { extra: 'y' } } } },
      check: (o) => expect(spec(o).selector).toEqual({ matchLabels: { app: 'web', extra: 'y' } }),
    },
    {
      name: 'type change replaces the value',
      patch: { spec: { replicas: '3' } },
      check: (o) => expect(spec(o).replicas).toBe('3'),
    },
  ];
  for (const c of cases) it(c.name, () => c.check(smp(c.patch)));

  const errors: { name: string; patch: unknown; status: number; message: RegExp }[] = [
    {
      name: 'merge-list item without its merge key',
      patch: { spec: { template: { spec: { containers: [{ image: 'x' }] } } } },
      status: 500,
      message: /does not contain declared merge key: name/,
    },
    { name: '$patch: merge in a map', patch: { metadata: { labels: { $patch: 'merge' } } }, status: 500, message: /unknown patch type: merge in map/ },
    { name: 'unknown $patch in a list', patch: { spec: { template: { spec: { containers: [{ name: 'x', $patch: 'nope' }] } } } }, status: 500, message: /unknown patch type: nope/ },
    {
      name: '$setElementOrder disagreeing with the patch list',
      patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'sidecar' }, { name: 'nginx' }], containers: [{ name: 'nginx' }, { name: 'sidecar' }] } } } },
      status: 500,
      message: /doesn't match \$setElementOrder\/containers list/,
    },
    { name: 'patch that is not an object', patch: ['x'], status: 400, message: /cannot unmarshal array/ },
  ];
  for (const e of errors) {
    it(`rejects: ${e.name}`, () => {
      expect(() => smp(e.patch)).toThrow(expect.objectContaining({ status: e.status, message: expect.stringMatching(e.message) }));
    });
  }
});
