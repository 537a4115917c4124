/**
 * The legacy ServiceAccount token controller: fills Secrets of type kubernetes.io/service-account-token
 * that name a ServiceAccount (annotation kubernetes.io/service-account.name) with data.token, ca.crt and
 * namespace plus the account's uid annotation, and deletes such Secrets when their ServiceAccount goes.
 * The token authenticates while the Secret and the account (same uid) exist (apiserver/auth/authn.ts).
 */
import type { KObject } from '../types';
import { legacyToken } from '../apiserver/auth/tokens';
import { keyOf, makeController, watchAll, type Ctx } from './lib/context';
import { isNotFound } from './lib/queue';
import { R } from './lib/refs';

const TYPE = 'kubernetes.io/service-account-token';
const NAME = 'kubernetes.io/service-account.name';
const UID = 'kubernetes.io/service-account.uid';
const PLACEHOLDER_CA = '-----BEGIN CERTIFICATE-----\nc2FuZGJveCByb290IENBIHBsYWNlaG9sZGVy\n-----END CERTIFICATE-----\n';
const b64 = (s: string) => Buffer.from(s).toString('base64');

export function startServiceAccountTokenController(ctx: Ctx) {
  const { client } = ctx;

  function reconcile(key: string) {
    const [ns, name] = key.split('/');
    const secret = client.get(R.secrets, ns, name);
    if (!secret || secret.type !== TYPE || secret.metadata.deletionTimestamp) return;
    const ann = secret.metadata.annotations ?? {};
    const sa = ann[NAME] ? client.get(R.serviceaccounts, ns, ann[NAME]) : undefined;
    if (!sa) return;
    if (ann[UID] && ann[UID] !== sa.metadata.uid) {
      // a token for an earlier account of the same name is stale
      try {
        client.delete(R.secrets, ns, name);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      return;
    }
    const data = (secret.data ?? {}) as Record<string, string>;
    if (ann[UID] && data.token && data['ca.crt'] && data.namespace) return;
    const ca = (client.get(R.configmaps, ns, 'kube-root-ca.crt')?.data as Record<string, string> | undefined)?.['ca.crt'] ?? PLACEHOLDER_CA;
    client.update(R.secrets, {
      ...secret,
      metadata: { ...secret.metadata, annotations: { ...ann, [UID]: sa.metadata.uid! } },
      data: { ...data, token: data.token ?? b64(legacyToken(ns, name, sa.metadata.name!, sa.metadata.uid!)), 'ca.crt': b64(ca), namespace: b64(ns) },
    } as KObject);
  }

  return makeController(ctx, 'serviceaccount-token', reconcile, (enqueue) => [
    watchAll(ctx, R.secrets, (e) => {
      if (e.type !== 'DELETED' && e.object.type === TYPE) enqueue(keyOf(e.object));
    }),
    watchAll(ctx, R.serviceaccounts, (e) => {
      const sa = e.object;
      for (const s of client.list(R.secrets, { namespace: sa.metadata.namespace }).items) {
        if (s.type !== TYPE || s.metadata.annotations?.[NAME] !== sa.metadata.name) continue;
        if (e.type !== 'DELETED') enqueue(keyOf(s));
        else {
          try {
            client.delete(R.secrets, s.metadata.namespace, s.metadata.name!);
          } catch (err) {
            if (!isNotFound(err)) ctx.warn('delete service account token', err);
          }
        }
      }
    }),
  ]);
}
