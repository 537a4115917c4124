/**
 * Authorization attributes of an HTTP request, parsed from the path exactly like k8s.io/apiserver's
 * RequestInfoFactory (so authorization happens before routing: an unknown resource is still a 403, not a
 * 404, for someone without rights), and the 403 Status a real kube-apiserver sends when RBAC says no.
 */
import { StatusError } from '../errors';
import type { UserInfo } from './user';
import { boolParam } from '../http-util';

export interface Attributes {
  user: UserInfo;
  verb: string;
  resourceRequest: boolean;
  /** non-resource requests */
  path: string;
  apiGroup: string;
  apiVersion: string;
  namespace: string;
  resource: string;
  subresource: string;
  name: string;
}
const SPECIAL_VERBS = new Set(['proxy', 'watch']);
const NAMESPACE_SUBRESOURCES = new Set(['status', 'finalize']);
const METHOD_VERBS: Record<string, string> = { POST: 'create', GET: 'get', HEAD: 'get', PUT: 'update', PATCH: 'patch', DELETE: 'delete' };

function truthy(v: string | null): boolean {
  return boolParam(v) === true;
}

export function requestAttributes(user: UserInfo, method: string, url: URL): Attributes {
  const path = url.pathname;
  const base: Attributes = {
    user,
    verb: method.toLowerCase(),
    resourceRequest: false,
    path,
    apiGroup: '',
    apiVersion: '',
    namespace: '',
    resource: '',
    subresource: '',
    name: '',
  };
  let parts = path.replace(/^\/+|\/+$/g, '').split('/').filter((p) => p !== '').map(decodeURIComponent);
  if (parts.length < 3 || (parts[0] !== 'api' && parts[0] !== 'apis')) return base;
  const prefix = parts[0];
  parts = parts.slice(1);
  const a: Attributes = { ...base, resourceRequest: true };
  if (prefix === 'apis') {
    if (parts.length < 3) return base;
    a.apiGroup = parts[0];
    parts = parts.slice(1);
  }
  a.apiVersion = parts[0];
  parts = parts.slice(1);
  if (SPECIAL_VERBS.has(parts[0])) {
    if (parts.length < 2) return base;
    a.verb = parts[0];
    parts = parts.slice(1);
  } else {
    a.verb = METHOD_VERBS[method] ?? '';
  }
  if (parts[0] === 'namespaces' && parts.length > 1) {
    a.namespace = parts[1];
    if (parts.length > 2 && !NAMESPACE_SUBRESOURCES.has(parts[2])) parts = parts.slice(2);
  }
  if (parts.length >= 3 && a.verb !== 'proxy') a.subresource = parts[2];
  if (parts.length >= 2) a.name = parts[1];
  a.resource = parts[0] ?? '';
  if (!a.name && a.verb === 'get') {
    a.verb = truthy(url.searchParams.get('watch')) ? 'watch' : 'list';
    // `kubectl get pod x -w` lists/watches with metadata.name=x: authorized as a named request
    const fs = url.searchParams.get('fieldSelector');
    const m = fs?.match(/^metadata\.name==?([^,]+)$/);
    if (m) a.name = m[1];
  }
  if (!a.name && a.verb === 'delete') a.verb = 'deletecollection';
  return a;
}

/** "deployments.apps" / "pods": GroupResource.String(). */
function groupResource(group: string, resource: string): string {
  return group ? `${resource}.${group}` : resource;
}

/** responsewriters.Forbidden: the message RBAC denials carry, verbatim. */
export function forbiddenMessage(a: Attributes): string {
  const u = a.user.username;
  if (!a.resourceRequest) return `User ${JSON.stringify(u)} cannot ${a.verb} path ${JSON.stringify(a.path)}`;
  const resource = a.subresource ? `${a.resource}/${a.subresource}` : a.resource;
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${JSON.stringify(u)} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.apiGroup)} ${where}`;
}

/** apierrors.NewForbidden(groupResource, name, err): the 403 Status every authorization refusal carries. */
export function newForbidden(group: string, resource: string, name: string, why: string): StatusError {
  const gr = resource ? groupResource(group, resource) : '';
  const message = !gr ? `forbidden: ${why}` : name ? `${gr} ${JSON.stringify(name)} is forbidden: ${why}` : `${gr} is forbidden: ${why}`;
  return new StatusError(403, 'Forbidden', message, {
    ...(name ? { name } : {}),
    ...(group ? { group } : {}),
    ...(resource ? { kind: resource } : {}),
  });
}

/** apierrors.NewForbidden(groupResource, name, forbiddenMessage(attrs)). */
export function forbiddenError(a: Attributes, reason = ''): StatusError {
  const why = reason ? `${forbiddenMessage(a)}: ${reason}` : forbiddenMessage(a);
  return a.resourceRequest ? newForbidden(a.apiGroup, a.resource, a.name, why) : newForbidden('', '', '', why);
}
