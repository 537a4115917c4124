/**
 * Pure parts of the sandbox's auth: request attributes as upstream's RequestInfoFactory, rule matching, token
 * expiry, and the protobuf form of review bodies.
 */
import { describe, expect, it } from 'vitest';
import { ruleAllows } from './rbac';
import { requestAttributes } from './request-info';
import { TokenSigner } from './tokens';
import { decodeProtobufObject, PROTOBUF_MAGIC } from '../protobuf/index';
import { lookupType, UNKNOWN_TYPE } from '../protobuf/schema';

const u = { username: 'jane', groups: [] };
const attrs = (method: string, path: string) => {
  const a = requestAttributes(u, method, new URL(path, 'https://x'));
  return [a.verb, a.apiGroup, a.namespace, a.resource, a.subresource, a.name, a.resourceRequest];
};

describe('requestAttributes', () => {
  it('derives verbs, scope and subresources like kube-apiserver', () => {
    expect(attrs('GET', '/api/v1/namespaces/default/pods')).toEqual(['list', '', 'default', 'pods', '', '', true]);
    expect(attrs('GET', '/api/v1/namespaces/default/pods?watch=true')).toEqual(['watch', '', 'default', 'pods', '', '', true]);
    expect(attrs('GET', '/api/v1/watch/namespaces/default/pods/web')).toEqual(['watch', '', 'default', 'pods', '', 'web', true]);
    expect(attrs('GET', '/api/v1/namespaces/default/pods?fieldSelector=metadata.name%3Dweb')).toEqual(['list', '', 'default', 'pods', '', 'web', true]);
    expect(attrs('GET', '/api/v1/namespaces/default/pods/web/log')).toEqual(['get', '', 'default', 'pods', 'log', 'web', true]);
    expect(attrs('DELETE', '/apis/apps/v1/namespaces/a/deployments')).toEqual(['deletecollection', 'apps', 'a', 'deployments', '', '', true]);
    expect(attrs('PATCH', '/apis/apps/v1/namespaces/a/deployments/web/scale')).toEqual(['patch', 'apps', 'a', 'deployments', 'scale', 'web', true]);
    // a namespace is its own namespace; its status and finalize are subresources of it
    expect(attrs('GET', '/api/v1/namespaces/team')).toEqual(['get', '', 'team', 'namespaces', '', 'team', true]);
    expect(attrs('PUT', '/api/v1/namespaces/team/finalize')).toEqual(['update', '', 'team', 'namespaces', 'finalize', 'team', true]);
    expect(attrs('GET', '/api/v1/nodes/n1/proxy/metrics')).toEqual(['get', '', '', 'nodes', 'proxy', 'n1', true]);
    expect(attrs('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews')).toEqual(['create', 'authorization.k8s.io', '', 'selfsubjectaccessreviews', '', '', true]);
  });

  it('treats discovery and other paths as non-resource requests with the lower-case method', () => {
    for (const p of ['/api', '/api/v1', '/apis/apps', '/apis/apps/v1', '/openapi/v2', '/logs']) {
      const a = requestAttributes(u, 'GET', new URL(p, 'https://x'));
      expect([a.resourceRequest, a.verb, a.path]).toEqual([false, 'get', p]);
    }
  });
});

describe('ruleAllows', () => {
  const a = (method: string, path: string) => requestAttributes(u, method, new URL(path, 'https://x'));
  it('matches wildcards, */subresource, resourceNames and URL prefixes', () => {
    expect(ruleAllows({ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, a('DELETE', '/api/v1/nodes/n1'))).toBe(true);
    expect(ruleAllows({ verbs: ['get'], apiGroups: [''], resources: ['pods'] }, a('GET', '/api/v1/namespaces/d/pods/p/log'))).toBe(false);
    expect(ruleAllows({ verbs: ['get'], apiGroups: [''], resources: ['*/log'] }, a('GET', '/api/v1/namespaces/d/pods/p/log'))).toBe(true);
    expect(ruleAllows({ verbs: ['get'], apiGroups: ['apps'], resources: ['pods'] }, a('GET', '/api/v1/namespaces/d/pods/p'))).toBe(false);
    expect(ruleAllows({ verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: ['p'] }, a('GET', '/api/v1/namespaces/d/pods/p'))).toBe(true);
    expect(ruleAllows({ verbs: ['list'], apiGroups: [''], resources: ['pods'], resourceNames: ['p'] }, a('GET', '/api/v1/namespaces/d/pods'))).toBe(false);
    expect(ruleAllows({ verbs: ['get'], nonResourceURLs: ['/apis/*'] }, a('GET', '/apis/apps/v1'))).toBe(true);
    expect(ruleAllows({ verbs: ['get'], nonResourceURLs: ['/api'] }, a('GET', '/api/v1'))).toBe(false);
    expect(ruleAllows({ verbs: ['get'], nonResourceURLs: ['*'] }, a('POST', '/logs'))).toBe(false);
  });
});

describe('TokenSigner', () => {
  it('accepts its own unexpired tokens only', () => {
    const s = new TokenSigner();
    const now = Date.UTC(2026, 0, 1);
    const { token } = s.issue('ns', 'bot', 'uid-1', 600, ['https://kubernetes.default.svc.cluster.local'], now);
    expect(s.verify(token, now + 599_000)?.['kubernetes.io']).toEqual({ namespace: 'ns', serviceaccount: { name: 'bot', uid: 'uid-1' } });
    expect(s.verify(token, now + 600_000)).toBeUndefined();
    expect(new TokenSigner().verify(token, now)).toBeUndefined();
    const other = s.issue('ns', 'bot', 'uid-1', 600, ['vault'], now).token;
    expect(s.verify(other, now)).toBeUndefined();
  });
});

describe('review protobuf bodies', () => {
  it('decodes a SubjectAccessReview as kubectl-style protobuf, extra values included', () => {
    const sar = lookupType('k8s.io.api.authorization.v1.SubjectAccessReview');
    const raw = sar.encode(sar.fromObject({
      spec: { user: 'jane', groups: ['a', 'b'], extra: { scopes: { items: ['x', 'y'] } }, resourceAttributes: { verb: 'get', resource: 'pods', namespace: 'default', name: 'p' } },
    })).finish();
    const unknown = lookupType(UNKNOWN_TYPE);
    const env = unknown.encode(unknown.fromObject({ typeMeta: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview' }, raw })).finish();
    const obj = decodeProtobufObject(Buffer.concat([PROTOBUF_MAGIC, env]));
    expect(obj.spec).toEqual({
      resourceAttributes: { namespace: 'default', verb: 'get', resource: 'pods', name: 'p' },
      user: 'jane',
      groups: ['a', 'b'],
      extra: { scopes: { items: ['x', 'y'] } },
    });
  });
});
