import { describe, expect, it } from 'vitest';
import { clusterHref, listHref, objectHref, parseNsParam, parseRoute } from './routes';

describe('parseRoute', () => {
  it('reads the overview', () => expect(parseRoute('/')).toEqual({}));
  it('reads a dashboard', () => expect(parseRoute('/c/sandbox-east')).toEqual({ cluster: 'sandbox-east' }));
  it('reads a core list', () =>
    expect(parseRoute('/c/east/r/core/v1/pods')).toEqual({ cluster: 'east', group: '', version: 'v1', resource: 'pods' }));
  it('reads a cluster-scoped object', () =>
    expect(parseRoute('/c/east/r/core/v1/nodes/_/node-1')).toMatchObject({ namespace: undefined, name: 'node-1' }));
  it('reads a namespaced object', () =>
    expect(parseRoute('/c/east/r/apps/v1/deployments/default/web')).toMatchObject({
      group: 'apps',
      namespace: 'default',
      name: 'web',
    }));
});

describe('hrefs', () => {
  it('round-trips through parseRoute', () => {
    const href = objectHref('east', '', 'v1', 'pods', 'default', 'web-1');
    expect(href).toBe('/c/east/r/core/v1/pods/default/web-1');
    expect(parseRoute(href)).toEqual({ cluster: 'east', group: '', version: 'v1', resource: 'pods', namespace: 'default', name: 'web-1' });
  });
  it('carries the namespace selection', () => {
    expect(listHref('east', 'apps', 'v1', 'deployments', ['a', 'b'])).toBe('/c/east/r/apps/v1/deployments?ns=a,b');
    expect(clusterHref('east', [])).toBe('/c/east');
  });
});

describe('parseNsParam', () => {
  it('drops junk, dedupes and sorts', () => expect(parseNsParam('b,a,,A!,b')).toEqual(['a', 'b']));
  it('handles absence', () => expect(parseNsParam(null)).toEqual([]));
});
