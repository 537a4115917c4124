import { describe, expect, it } from 'vitest';
import { evalJsonPath } from './jsonpath';

const obj = {
  metadata: { name: 'x', labels: { 'app.kubernetes.io/name': 'web' } },
  spec: { replicas: 3, items: [{ name: 'a' }, { name: 'b' }] },
  status: { conditions: [{ type: 'Ready', status: 'True' }, { type: 'Synced', status: 'False' }], ok: false },
};

describe('evalJsonPath subset', () => {
  it('fields, indexes, negatives, wildcard', () => {
    expect(evalJsonPath(obj, '.spec.replicas')).toEqual([3]);
    expect(evalJsonPath(obj, '.spec.items[0].name')).toEqual(['a']);
    expect(evalJsonPath(obj, '.spec.items[-1].name')).toEqual(['b']);
    expect(evalJsonPath(obj, '.spec.items[*].name')).toEqual(['a', 'b']);
    expect(evalJsonPath(obj, '{.spec.replicas}')).toEqual([3]);
    expect(evalJsonPath(obj, '$.status.ok')).toEqual([false]);
  });
  it('quoted keys', () => {
    expect(evalJsonPath(obj, ".metadata.labels['app.kubernetes.io/name']")).toEqual(['web']);
    expect(evalJsonPath(obj, '.metadata.labels["app.kubernetes.io/name"]')).toEqual(['web']);
  });
  it('filters', () => {
    expect(evalJsonPath(obj, '.status.conditions[?(@.type=="Ready")].status')).toEqual(['True']);
    expect(evalJsonPath(obj, ".status.conditions[?(@.type != 'Ready')].type")).toEqual(['Synced']);
    expect(evalJsonPath(obj, '.status.conditions[?(@.status)].type')).toEqual(['Ready', 'Synced']);
  });
  it('missing paths give [] and bad expressions give null', () => {
    expect(evalJsonPath(obj, '.spec.nope.deeper')).toEqual([]);
    expect(evalJsonPath(obj, '.spec[?(@.a > 1)]')).toBeNull();
    expect(evalJsonPath(obj, 'spec')).toBeNull();
  });
});
