/**
 * The sandbox's authentication + authorization chain, as one object per cluster: authenticate the bearer
 * token, apply impersonation, authorize the request's attributes with RBAC. The admin token without
 * impersonation headers takes a fast path (one string compare) so bulk writes cost what they did before.
 */
import type { IncomingMessage } from 'node:http';
import type { ObjectStore } from '../../store/store';
import { unauthorized } from '../errors';
import { Authenticator } from './authn';
import { impersonate, wantsImpersonation } from './impersonation';
import { RbacAuthorizer } from './rbac';
import { forbiddenError, requestAttributes } from './request-info';
import { TokenSigner } from './tokens';
import { ADMIN_USER, isMaster, type UserInfo } from './user';

export type { UserInfo } from './user';

const requestUsers = new WeakMap<IncomingMessage, UserInfo>();

/** Who an authenticated request runs as (after impersonation); the admin when not recorded. */
export function requestUser(req: IncomingMessage): UserInfo {
  return requestUsers.get(req) ?? ADMIN_USER;
}

export class SandboxAuth {
  readonly signer = new TokenSigner();
  readonly rbac: RbacAuthorizer;
  readonly authn: Authenticator;

  constructor(store: ObjectStore, adminToken: string) {
    this.rbac = new RbacAuthorizer(store);
    this.authn = new Authenticator(store, this.signer, adminToken);
  }

  /**
   * Authenticates, impersonates and authorizes; throws the Status error (401, 400 or 403) a real
   * kube-apiserver would answer with. Returns the identity the request runs as.
   */
  check(req: IncomingMessage, method: string, url: URL): UserInfo {
    let user = this.authn.authenticate(req);
    if (!user) throw unauthorized();
    if (wantsImpersonation(req)) user = impersonate(req, user, this.rbac);
    if (user === ADMIN_USER) return user;
    requestUsers.set(req, user);
    if (isMaster(user)) return user;
    const a = requestAttributes(user, method, url);
    const d = this.rbac.authorize(a);
    if (!d.allowed) throw forbiddenError(a, d.reason);
    return user;
  }
}
