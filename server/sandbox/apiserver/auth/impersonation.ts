/**
 * The impersonation filter (k8s.io/apiserver filters/impersonation.go): Impersonate-User, -Group
 * (repeatable), -Uid and -Extra-<key> headers, each checked as the `impersonate` verb on users, groups,
 * serviceaccounts, uids or userextras for the REAL requester; any refusal is upstream's 403.
 */
import type { IncomingMessage } from 'node:http';
import { badRequest } from '../errors';
import { forbiddenError, type Attributes } from './request-info';
import type { RbacAuthorizer } from './rbac';
import { ANONYMOUS, AUTHENTICATED, parseSaUsername, saGroups, type UserInfo } from './user';

const EXTRA_PREFIX = 'impersonate-extra-';

/** True when the request carries any impersonation header (cheap: header names only). */
export function wantsImpersonation(req: IncomingMessage): boolean {
  for (const k in req.headers) if (k.startsWith('impersonate-')) return true;
  return false;
}

export function impersonate(req: IncomingMessage, requester: UserInfo, rbac: RbacAuthorizer): UserInfo {
  const hd = req.headersDistinct;
  const username = hd['impersonate-user']?.[0];
  const groups = hd['impersonate-group'] ?? [];
  const uid = hd['impersonate-uid']?.[0];
  const extra: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(hd)) {
    if (k.startsWith(EXTRA_PREFIX) && v) extra[decodeURIComponent(k.slice(EXTRA_PREFIX.length))] = v;
  }
  if (!username) {
    // empty headers count as absent, like upstream
    if (!groups.length && !uid && !Object.keys(extra).length) return requester;
    const asked = [...groups.map((g) => `groups=${g}`), ...Object.keys(extra).map((k) => `extra=${k}`), ...(uid ? [`uid=${uid}`] : [])];
    throw badRequest(`requested [${asked.join(' ')}] without impersonating a user`);
  }
  const check = (over: Partial<Attributes>) => {
    const a: Attributes = {
      user: requester, verb: 'impersonate', resourceRequest: true, path: req.url ?? '', apiGroup: '', apiVersion: 'v1',
      namespace: '', resource: '', subresource: '', name: '', ...over,
    };
    if (!rbac.authorize(a).allowed) throw forbiddenError(a);
  };
  const sa = parseSaUsername(username);
  let outGroups = [...groups];
  if (sa) {
    check({ namespace: sa[0], resource: 'serviceaccounts', name: sa[1] });
    if (groups.length === 0) outGroups = saGroups(sa[0]);
  } else {
    check({ resource: 'users', name: username });
  }
  for (const g of groups) check({ resource: 'groups', name: g });
  for (const [k, vals] of Object.entries(extra)) {
    for (const v of vals) check({ apiGroup: 'authentication.k8s.io', resource: 'userextras', subresource: k, name: v });
  }
  if (uid) check({ apiGroup: 'authentication.k8s.io', resource: 'uids', name: uid });
  if (username !== ANONYMOUS && !outGroups.includes(AUTHENTICATED)) outGroups.push(AUTHENTICATED);
  return {
    username,
    groups: outGroups,
    ...(uid ? { uid } : {}),
    ...(Object.keys(extra).length ? { extra } : {}),
  };
}
