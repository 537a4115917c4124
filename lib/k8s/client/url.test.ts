import { describe, expect, it } from 'vitest';
import { apiVersionOf, groupFromSegment, groupSegment, objectRef, refId } from './ref';
import { apiUrls, nodeUrl, resourceUrl, workloadUrl } from './url';

describe('ResourceRef and its URLs', () => {
  const pods = { cluster: 'east', group: '', version: 'v1', resource: 'pods' };

  it("spells the core group '' inside and `core` only in URL segments", () => {
    expect(groupSegment('')).toBe('core');
    expect(groupFromSegment('core')).toBe('');
    expect(groupSegment('apps')).toBe('apps');
    expect(apiVersionOf('', 'v1')).toBe('v1');
    expect(apiVersionOf('apps', 'v1')).toBe('apps/v1');
    expect(resourceUrl(pods)).toBe('/api/clusters/east/resources/core/v1/pods');
  });

  it('addresses lists, objects and subresources, the namespace and options as query', () => {
    expect(resourceUrl({ ...pods, namespace: 'shop' }, undefined, { labelSelector: 'app in (a,b)' })).toBe(
      '/api/clusters/east/resources/core/v1/pods?namespace=shop&labelSelector=app+in+%28a%2Cb%29',
    );
    const web = objectRef('east', { group: 'apps', version: 'v1', plural: 'deployments' }, { metadata: { name: 'web', namespace: 'shop' } });
    expect(resourceUrl(web, 'scale', { dryRun: 'All', fieldManager: undefined })).toBe('/api/clusters/east/resources/apps/v1/deployments/web/scale?namespace=shop&dryRun=All');
    expect(workloadUrl(web, 'rollback')).toBe('/api/clusters/east/workloads/apps/v1/deployments/web/rollback?namespace=shop');
    expect(() => resourceUrl(pods, 'scale')).toThrow(/needs an object name/);
  });

  it('encodes every segment: a name cannot change which route is addressed', () => {
    expect(resourceUrl({ ...pods, name: '../../nodes/x' })).toBe('/api/clusters/east/resources/core/v1/pods/..%2F..%2Fnodes%2Fx');
    expect(nodeUrl('a/b', 'n?x', 'drain')).toBe('/api/clusters/a%2Fb/nodes/n%3Fx/drain');
    expect(apiUrls.openapi('east', 'apis/apps/v1')).toBe('/api/clusters/east/openapi/v3/apis/apps/v1');
    expect(apiUrls.logDownload('east', 'shop', 'p', { container: 'c', timestamps: false })).toBe('/api/clusters/east/logs/shop/p?container=c&timestamps=false');
  });

  it('gives every object one identity string', () => {
    expect(refId({ ...pods, namespace: 'shop', name: 'p' })).toBe('east/core/v1/pods/shop/p');
    expect(refId({ cluster: 'east', group: '', version: 'v1', resource: 'nodes', name: 'n1' })).toBe('east/core/v1/nodes/_/n1');
  });
});
