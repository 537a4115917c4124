import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { applyJsonPatch } from './index';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

const deploy = (): KObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', annotations: { 'deployment.kubernetes.io/revision': '3' } },
  spec: {
    replicas: 2,
    template: {
      metadata: { labels: { app: 'web' } },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] },
    },
  },
});

function thrown(f: () => unknown): { status?: number; reason?: string; message?: string; causes?: unknown[] } {
  try {
    f();
  } catch (e) {
    return e as { status?: number; reason?: string; message?: string; causes?: unknown[] };
  }
  throw new Error('expected an error');
}

describe('applyJsonPatch', () => {
  const cases: { name: string; ops: unknown; check: (o: KObject) => void }[] = [
    { name: 'replace a scalar', ops: [{ op: 'replace', path: '/spec/replicas', value: 5 }], check: (o) => expect((o.spec as { replicas: number }).replicas).toBe(5) },
    {
      name: 'add a label',
      ops: [{ op: 'add', path: '/metadata/labels', value: { tier: 'fe' } }],
      check: (o) => expect(o.metadata.labels).toEqual({ tier: 'fe' }),
    },
    {
      name: 'add with ~1 escaping',
      ops: [{ op: 'add', path: '/metadata/annotations/kubernetes.io~1change-cause', value: 'x' }],
      check: (o) => expect(o.metadata.annotations!['kubernetes.io/change-cause']).toBe('x'),
    },
    {
      name: 'append to a list with -',
      ops: [{ op: 'add', path: '/spec/template/spec/containers/-', value: { name: 'side', image: 'busybox' } }],
      check: (o) => expect((o.spec as Any).template.spec.containers.map((c: { name: string }) => c.name)).toEqual(['nginx', 'side']),
    },
    { name: 'remove', ops: [{ op: 'remove', path: '/spec/replicas' }], check: (o) => expect((o.spec as object)).not.toHaveProperty('replicas') },
    {
      name: 'test then replace',
      ops: [
        { op: 'test', path: '/spec/replicas', value: 2 },
        { op: 'replace', path: '/spec/replicas', value: 3 },
      ],
      check: (o) => expect((o.spec as { replicas: number }).replicas).toBe(3),
    },
    {
      name: 'move and copy',
      ops: [
        { op: 'copy', from: '/metadata/name', path: '/metadata/labels' },
        { op: 'move', from: '/metadata/labels', path: '/metadata/generateName' },
      ],
      check: (o) => {
        expect(o.metadata.generateName).toBe('web');
        expect(o.metadata.labels).toBeUndefined();
      },
    },
    {
      // kubectl rollout undo: replace the pod template and the annotations in one json patch
      name: 'kubectl rollout undo',
      ops: [
        {
          op: 'replace',
          path: '/spec/template',
          value: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } },
        },
        { op: 'replace', path: '/metadata/annotations', value: { 'deployment.kubernetes.io/revision': '1' } },
      ],
      check: (o) => {
        expect((o.spec as Any).template.spec.containers[0].image).toBe('nginx:1.25');
        expect(o.metadata.annotations).toEqual({ 'deployment.kubernetes.io/revision': '1' });
      },
    },
    { name: 'test null on a missing key passes (evanphx)', ops: [{ op: 'test', path: '/spec/paused', value: null }], check: (o) => expect(o).toEqual(deploy()) },
    { name: 'empty op list is a no-op', ops: [], check: (o) => expect(o).toEqual(deploy()) },
    { name: 'a null body is an empty patch, as Go decodes it', ops: null, check: (o) => expect(o).toEqual(deploy()) },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const input = deploy();
      c.check(applyJsonPatch(input, c.ops));
      expect(input).toEqual(deploy()); // never mutates its input
    });
  }

  const failures: { name: string; ops: unknown; status: number; reason: string; detail?: RegExp }[] = [
    { name: 'failed test', ops: [{ op: 'test', path: '/spec/replicas', value: 9 }], status: 422, reason: 'Invalid', detail: /^testing value \/spec\/replicas failed: test failed$/ },
    { name: 'replace a missing path', ops: [{ op: 'replace', path: '/spec/nope', value: 1 }], status: 422, reason: 'Invalid', detail: /replace operation does not apply/ },
    { name: 'remove a missing path', ops: [{ op: 'remove', path: '/metadata/labels' }], status: 422, reason: 'Invalid', detail: /remove operation does not apply/ },
    { name: 'add below a missing parent', ops: [{ op: 'add', path: '/a/b/c', value: 1 }], status: 422, reason: 'Invalid', detail: /add operation does not apply/ },
    { name: 'test null below a missing parent', ops: [{ op: 'test', path: '/nope/x', value: null }], status: 422, reason: 'Invalid' },
    { name: 'unknown op', ops: [{ op: 'frobnicate', path: '/spec' }], status: 422, reason: 'Invalid', detail: /^Unexpected kind: frobnicate$/ },
    { name: 'add without value', ops: [{ op: 'add', path: '/spec/x' }], status: 422, reason: 'Invalid' },
    { name: 'not a list', ops: { op: 'add' }, status: 400, reason: 'BadRequest' },
    { name: 'list of non-objects', ops: ['x'], status: 400, reason: 'BadRequest' },
    { name: 'root replaced by a scalar', ops: [{ op: 'replace', path: '', value: 3 }], status: 400, reason: 'BadRequest' },
  ];
  for (const f of failures) {
    it(`rejects: ${f.name}`, () => {
      const e = thrown(() => applyJsonPatch(deploy(), f.ops));
      expect(e.status).toBe(f.status);
      expect(e.reason).toBe(f.reason);
      if (f.status === 422) {
        expect(e.message).toBe('the server rejected our request due to an error in our request');
        expect(e.causes).toEqual([{ reason: 'UnexpectedServerResponse', message: expect.stringMatching(f.detail ?? /./) }]);
      }
    });
  }

  it('a failing operation leaves the input untouched (all or nothing)', () => {
    const input = deploy();
    thrown(() => applyJsonPatch(input, [{ op: 'replace', path: '/spec/replicas', value: 7 }, { op: 'test', path: '/spec/replicas', value: 2 }]));
    expect(input).toEqual(deploy());
  });

  it('rejects more than 10000 operations with 413', () => {
    const ops = Array.from({ length: 10001 }, () => ({ op: 'test', path: '/kind', value: 'Deployment' }));
    expect(thrown(() => applyJsonPatch(deploy(), ops)).status).toBe(413);
  });

  it('property: replace then test the same value always succeeds', () => {
    fc.assert(
      fc.property(fc.constantFrom('/spec/replicas', '/metadata/name', '/spec/template'), fc.jsonValue(), (path, value) => {
        const out = applyJsonPatch(deploy(), [
          { op: 'replace', path, value },
          { op: 'test', path, value },
        ]);
        expect(out.kind).toBe('Deployment');
      }),
    );
  });
});
