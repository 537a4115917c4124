import { describe, expect, it } from 'vitest';
import { restoreVersion, viewBefore } from './versions';

describe('viewBefore', () => {
  it('undoes the diff on the view after an update', () => {
    const after = { spec: { replicas: 5, template: { image: 'b' } }, metadata: { labels: { new: 'x' } } };
    const before = viewBefore({
      type: 'updated',
      object: after,
      diff: [
        { path: '/spec/replicas', op: 'replace', before: 2, after: 5 },
        { path: '/metadata/labels/new', op: 'add', after: 'x' },
        { path: '/spec/paused', op: 'remove', before: true },
      ],
    });
    expect(before).toEqual({ spec: { replicas: 2, paused: true, template: { image: 'b' } }, metadata: { labels: {} } });
    expect(after.spec.replicas).toBe(5); // not mutated
  });

  it('has nothing before a creation, the object itself before a deletion, and undefined for a diff that does not apply', () => {
    expect(viewBefore({ type: 'created', object: { spec: {} }, diff: [] })).toBeNull();
    expect(viewBefore({ type: 'deleted', object: { spec: { a: 1 } }, diff: [] })).toEqual({ spec: { a: 1 } });
    expect(viewBefore({ type: 'updated', object: { spec: {} }, diff: [{ path: '/spec/x/y', op: 'replace', before: 1 }] })).toBeUndefined();
  });
});

describe('restoreVersion', () => {
  it('puts the version’s declared content on the current object and keeps what is live', () => {
    const current = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'ns', resourceVersion: '9', labels: { now: '1' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}', now: 'y' } },
      data: { a: '2', added: 'later' },
      binaryData: { b: 'AA==' },
    };
    const version = { metadata: { labels: { then: '1' } }, data: { a: '1' } };
    expect(restoreVersion(current, version)).toEqual({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'c', namespace: 'ns', resourceVersion: '9', labels: { then: '1' }, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}' } },
      data: { a: '1' },
    });
  });
});
