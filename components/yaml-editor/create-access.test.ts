import { describe, expect, it } from 'vitest';
import type { DiscoveryResource } from '@/lib/api-types';
import { createChecks } from './create-access';

const res = (group: string, version: string, resource: string, kind: string, namespaced: boolean) =>
  ({ group, version, resource, kind, namespaced, verbs: ['create', 'list'] }) as unknown as DiscoveryResource;
const discovery = [res('', 'v1', 'configmaps', 'ConfigMap', true), res('', 'v1', 'namespaces', 'Namespace', false), res('apps', 'v1', 'deployments', 'Deployment', true)];

describe('createChecks', () => {
  it('one create check per served kind and namespace, the default namespace for objects without one', () => {
    const docs = [
      { value: { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' } } },
      { value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', namespace: 'x' } } },
      { value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b', namespace: 'x' } } },
      { value: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' } } },
    ];
    expect(createChecks(docs, discovery, 'default')).toEqual([
      { verb: 'create', group: '', resource: 'namespaces', namespace: undefined },
      { verb: 'create', group: '', resource: 'configmaps', namespace: 'x' },
      { verb: 'create', group: 'apps', resource: 'deployments', namespace: 'default' },
    ]);
  });

  it('skips documents it cannot resolve, and everything until discovery is known', () => {
    const docs = [{ value: { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w' } } }, { value: 'not an object' }, { value: { kind: 'ConfigMap' } }];
    expect(createChecks(docs, discovery, 'default')).toEqual([]);
    expect(createChecks([{ value: { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} } }], undefined, 'default')).toEqual([]);
  });
});
