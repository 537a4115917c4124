/**
 * May this person do that on this cluster? The cluster decides (its RBAC, webhooks, whatever it runs): for a
 * local user the BFF POSTs a SubjectAccessReview with its own (service) identity, naming the user and groups it
 * impersonates; for a token login it POSTs a SelfSubjectAccessReview as the person (their token); the service
 * identity is always allowed (it is the kubeconfig's own identity: the cluster enforces it on every call).
 * Answers are cached ≤ ttlMs (60 s) per (identityKey, cluster, attributes); the cache of a cluster is dropped
 * when its RBAC objects change (server/watch/access-guard.ts). Used by the watch fan-out (per subscriber),
 * the summary socket, the log socket and POST /api/clusters/:cluster/access.
 */
import type { AccessCheck } from '../../lib/auth-types';
import { identityKey, SERVICE_IDENTITY, type Identity } from '../auth/identity';
import { K8sApiError } from '../k8s/errors';
import type { ClusterRegistry } from '../clusters/registry';

export interface Verdict {
  allowed: boolean;
  /** why not: the cluster's reason, or "not allowed to <verb> <resource> in namespace <ns>" */
  reason?: string;
}

/** The cluster summary counts pods, workloads and nodes of every namespace: shown to people who may list pods in all. */
export const SUMMARY_ACCESS: AccessCheck = { verb: 'list', group: '', resource: 'pods' };

const ALLOWED: Verdict = Object.freeze({ allowed: true });
const MAX_ENTRIES_PER_CLUSTER = 20_000;

/** Our own wording when the cluster gives no reason (upstream RBAC usually gives none on a denial). */
export function deniedReason(a: AccessCheck): string {
  const what = `${a.resource}${a.subresource ? `/${a.subresource}` : ''}${a.group ? `.${a.group}` : ''}${a.name ? ` "${a.name}"` : ''}`;
  return `not allowed to ${a.verb} ${what} ${a.namespace ? `in namespace ${a.namespace}` : 'cluster-wide'}`;
}

/** A typed 403 (convention 7) carrying a verdict's reason. */
export function forbidden(reason: string | undefined, cluster: string): K8sApiError {
  return new K8sApiError({ status: 403, reason: 'Forbidden', message: reason ?? 'forbidden', cluster });
}

/** Runs `fn` over `items` with at most `limit` at a time, results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

interface Entry {
  at: number;
  verdict: Promise<Verdict>;
}

interface ReviewStatus {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

export class AccessReviewer {
  private cache = new Map<string, Map<string, Entry>>();
  /** reviews POSTed upstream (tests and diagnostics: the cache must keep this small) */
  reviews = 0;

  constructor(
    private readonly registry: ClusterRegistry,
    private readonly o: { ttlMs?: number; now?: () => number } = {},
  ) {}

  async can(identity: Identity, cluster: string, attrs: AccessCheck): Promise<Verdict> {
    if (identity.kind === 'service') return ALLOWED;
    const now = (this.o.now ?? Date.now)();
    let byKey = this.cache.get(cluster);
    if (!byKey) this.cache.set(cluster, (byKey = new Map()));
    const key = JSON.stringify([identityKey(identity), attrs.verb, attrs.group, attrs.resource, attrs.subresource ?? '', attrs.namespace ?? '', attrs.name ?? '']);
    const hit = byKey.get(key);
    if (hit && now - hit.at < (this.o.ttlMs ?? 60_000)) return hit.verdict;
    const verdict = this.review(identity, cluster, attrs);
    const map = byKey;
    map.delete(key);
    map.set(key, { at: now, verdict });
    if (map.size > MAX_ENTRIES_PER_CLUSTER) map.delete(map.keys().next().value as string);
    // failures (cluster unreachable) are not answers: never cache them
    verdict.catch(() => map.get(key)?.verdict === verdict && map.delete(key));
    return verdict;
  }

  /** Forget every answer about `cluster` (its RBAC changed). */
  invalidate(cluster: string): void {
    this.cache.delete(cluster);
  }

  private async review(identity: Exclude<Identity, { kind: 'service' }>, cluster: string, a: AccessCheck): Promise<Verdict> {
    const resourceAttributes = { verb: a.verb, group: a.group, resource: a.resource, subresource: a.subresource, namespace: a.namespace, name: a.name };
    const base = this.registry.client(cluster);
    this.reviews++;
    let r: ReviewStatus;
    if (identity.kind === 'user') {
      // the groups an impersonated request ends up with: the API server adds system:authenticated to those
      const groups = [...new Set([...identity.groups, 'system:authenticated'])];
      r = await base.request<ReviewStatus>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/subjectaccessreviews',
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SubjectAccessReview', spec: { user: identity.username, groups, resourceAttributes } },
      });
    } else {
      r = await base.as(identity).request<ReviewStatus>({
        method: 'POST',
        path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
        body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes } },
      });
    }
    if (r?.status?.allowed === true && r.status.denied !== true) return ALLOWED;
    return { allowed: false, reason: r?.status?.reason || deniedReason(a) };
  }
}

/**
 * Who a socket acts for: server/auth's handshake middleware sets `socket.data.identity`; a socket.io server
 * without it (tests that build a data plane without auth) is the service identity. The ONE socket fallback.
 */
export function socketIdentity(socket: { data?: unknown }): Identity {
  return (socket.data as { identity?: Identity } | undefined)?.identity ?? SERVICE_IDENTITY;
}
