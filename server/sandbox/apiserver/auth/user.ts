/**
 * Who a request runs as (k8s.io/apiserver's user.Info) and the well-known names the authenticators,
 * the impersonation filter and the bootstrap policy share.
 */
export interface UserInfo {
  username: string;
  uid?: string;
  groups: string[];
  extra?: Record<string, string[]>;
}

export const MASTERS = 'system:masters';
export const AUTHENTICATED = 'system:authenticated';
export const UNAUTHENTICATED = 'system:unauthenticated';
export const ANONYMOUS = 'system:anonymous';
export const SA_PREFIX = 'system:serviceaccount:';
export const SA_GROUPS = 'system:serviceaccounts';

/** The sandbox's static bearer token identity (a cluster-admin via system:masters). */
export const ADMIN_USER: UserInfo = Object.freeze({ username: 'sandbox-admin', groups: Object.freeze([MASTERS, AUTHENTICATED]) as string[] });

export function saUsername(namespace: string, name: string): string {
  return `${SA_PREFIX}${namespace}:${name}`;
}

/** [namespace, name] of a `system:serviceaccount:<ns>:<name>` username, or undefined. */
export function parseSaUsername(username: string): [string, string] | undefined {
  if (!username.startsWith(SA_PREFIX)) return undefined;
  const parts = username.slice(SA_PREFIX.length).split(':');
  if (parts.length !== 2 || !parts[0] || !parts[1]) return undefined;
  return [parts[0], parts[1]];
}

export function saGroups(namespace: string): string[] {
  return [SA_GROUPS, `${SA_GROUPS}:${namespace}`];
}

export function isMaster(u: UserInfo): boolean {
  return u.groups.includes(MASTERS);
}
