import { describe, expect, it } from 'vitest';
import { apiVersionOf, k8sKeys } from './query-keys';

describe('k8sKeys', () => {
  it('builds list and object keys that share a prefix', () => {
    const list = k8sKeys.list({ cluster: 'east', apiVersion: 'apps/v1', plural: 'deployments', namespace: 'web' });
    const obj = k8sKeys.object({ cluster: 'east', apiVersion: 'apps/v1', plural: 'deployments', namespace: 'web', name: 'api' });
    expect(list).toEqual(['k8s', 'east', 'apps/v1', 'deployments', 'web', 'list', '']);
    expect(obj).toEqual(['k8s', 'east', 'apps/v1', 'deployments', 'web', 'object', 'api']);
    expect(list.slice(0, 5)).toEqual(obj.slice(0, 5));
    expect(k8sKeys.scope('east', 'apps/v1', 'deployments', 'web')).toEqual(list.slice(0, 5));
  });
  it('uses * for all namespaces and the selector as the last element', () => {
    expect(k8sKeys.list({ cluster: 'c', apiVersion: 'v1', plural: 'pods', labelSelector: 'app=x' })).toEqual(['k8s', 'c', 'v1', 'pods', '*', 'list', 'app=x']);
  });
  it('maps the core group to v1', () => {
    expect(apiVersionOf('', 'v1')).toBe('v1');
    expect(apiVersionOf('batch', 'v1')).toBe('batch/v1');
  });
});
