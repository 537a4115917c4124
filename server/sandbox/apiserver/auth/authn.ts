/**
 * Bearer-token authentication: the static admin token (user sandbox-admin in system:masters), bound
 * ServiceAccount tokens from TokenRequest and legacy tokens from service-account-token Secrets. A
 * ServiceAccount token only authenticates while its ServiceAccount exists with the uid the token names
 * (a deleted and re-created account does not inherit old tokens), like upstream's validator.
 */
import type { IncomingMessage } from 'node:http';
import type { ObjectStore } from '../../store/store';
import { LEGACY_ISSUER, peekClaims, sameSecret, type LegacyClaims, type TokenSigner } from './tokens';
import { ADMIN_USER, AUTHENTICATED, saGroups, saUsername, type UserInfo } from './user';

const SA_KEY = '/serviceaccounts';
const SECRET_KEY = '/secrets';
export const SA_TOKEN_TYPE = 'kubernetes.io/service-account-token';

export class Authenticator {
  private readonly adminHeader: string;

  constructor(
    private readonly store: ObjectStore,
    private readonly signer: TokenSigner,
    private readonly adminToken: string,
  ) {
    this.adminHeader = `Bearer ${adminToken}`;
  }

  /** The requester, or undefined (401) for a missing, unknown, expired or orphaned token. */
  authenticate(req: IncomingMessage): UserInfo | undefined {
    const h = req.headers.authorization;
    if (h === this.adminHeader) return ADMIN_USER;
    if (typeof h !== 'string' || !/^bearer /i.test(h)) return undefined;
    return this.user(h.slice(7).trim());
  }

  user(token: string): UserInfo | undefined {
    if (!token) return undefined;
    if (sameSecret(token, this.adminToken)) return ADMIN_USER;
    const bound = this.signer.verify(token);
    if (bound) {
      const k = bound['kubernetes.io'];
      return this.serviceAccount(k.namespace, k.serviceaccount.name, k.serviceaccount.uid);
    }
    const c = peekClaims(token) as Partial<LegacyClaims> | undefined;
    if (c?.iss !== LEGACY_ISSUER) return undefined;
    const ns = c['kubernetes.io/serviceaccount/namespace'];
    const secretName = c['kubernetes.io/serviceaccount/secret.name'];
    if (!ns || !secretName) return undefined;
    const secret = this.store.get(SECRET_KEY, `${ns}/${secretName}`);
    const stored = (secret?.data as Record<string, string> | undefined)?.token;
    if (!secret || secret.type !== SA_TOKEN_TYPE || !stored || !sameSecret(Buffer.from(stored, 'base64').toString('utf8'), token)) return undefined;
    const ann = secret.metadata.annotations ?? {};
    return this.serviceAccount(ns, ann['kubernetes.io/service-account.name'] ?? '', ann['kubernetes.io/service-account.uid'] ?? '');
  }

  private serviceAccount(ns: string, name: string, uid: string): UserInfo | undefined {
    const sa = this.store.get(SA_KEY, `${ns}/${name}`);
    if (!sa || sa.metadata.uid !== uid || sa.metadata.deletionTimestamp) return undefined;
    return { username: saUsername(ns, name), uid, groups: [...saGroups(ns), AUTHENTICATED] };
  }
}
