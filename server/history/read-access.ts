/**
 * May this person read the object a change record is about? The same question as reading the object itself:
 * "get" on its resource in its namespace (cluster-wide for cluster-scoped kinds), answered by the cluster
 * through the shared AccessReviewer (server/watch/access.ts, cached). A cluster that cannot answer (down)
 * counts as "no": history never shows more than the person could see.
 */
import type { ChangeRecord } from '../../lib/history/types';
import type { Identity } from '../auth/identity';
import type { AccessReviewer } from '../watch/access';

export type ReadCheck = (r: Pick<ChangeRecord, 'cluster' | 'group' | 'resource' | 'namespace'>) => Promise<boolean>;

/** answers kept by one check (a request, a live subscription) before asking the reviewer (and its cache) again */
const MEMO_MS = 30_000;

export function readCheck(access: AccessReviewer, identity: Identity, now: () => number = Date.now): ReadCheck {
  let memo = new Map<string, Promise<boolean>>();
  let since = now();
  return (r) => {
    if (now() - since > MEMO_MS) {
      memo = new Map();
      since = now();
    }
    const key = JSON.stringify([r.cluster, r.group, r.resource, r.namespace]);
    let v = memo.get(key);
    if (!v) {
      v = access
        .can(identity, r.cluster, { verb: 'get', group: r.group, resource: r.resource, namespace: r.namespace ?? undefined })
        .then((x) => x.allowed, () => false);
      memo.set(key, v);
    }
    return v;
  };
}
