/**
 * Keeps live subscriptions (watch rooms, the summary room) authorised for as long as they last. One shared
 * informer serves every permitted person, so the cluster cannot enforce RBAC on the deltas: we do. A
 * subscription is admitted when all its checks pass (AccessReviewer) and tracked; it is re-checked
 *  - when any Role, RoleBinding, ClusterRole or ClusterRoleBinding of its cluster changes (shared service
 *    informers of those four, started when the cluster's first non-service subscription appears and released
 *    with its last), and once when those informers first sync (a change made between the admission review and
 *    the informers' list would otherwise go unseen), and
 *  - at least every `recheckMs` (60 s: bindings from groups the cluster resolves elsewhere, webhook authorizers).
 * A subscription that lost any of its checks is revoked through its callback. Review failures (cluster
 * unreachable) keep the subscription: the feed itself reports the outage.
 */
import type { Logger } from 'pino';
import type { AccessCheck } from '../../lib/auth-types';
import type { Identity } from '../auth/identity';
import { toApiError } from '../k8s/errors';
import type { WatchHub } from './hub';
import { mapLimit, type AccessReviewer, type Verdict } from './access';

export const RBAC_RESOURCES = ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] as const;

interface Tracked {
  identity: Identity;
  checks: AccessCheck[];
  revoke(reason: string): void;
}

/** The checks a watch subscription needs: list AND watch, in its namespace (none: cluster-wide). */
export function listWatchChecks(group: string, resource: string, namespace: string | undefined): AccessCheck[] {
  return (['list', 'watch'] as const).map((verb) => ({ verb, group, resource, namespace }));
}

export type Gate =
  | { ok: true; track(revoke: (reason: string) => void): () => void }
  | { ok: false; error: { status: number; reason: string; message: string } };

interface ClusterState {
  subs: Set<Tracked>;
  /** stops listening to the RBAC informers and releases them */
  release(): void;
  dirty: boolean;
  running?: Promise<void>;
}

export class AccessGuard {
  private clusters = new Map<string, ClusterState>();
  /** RBAC changes seen per cluster: a subscription admitted across a change is re-checked once tracked */
  private changes = new Map<string, number>();
  private timer: NodeJS.Timeout;
  /** subscriptions revoked so far (diagnostics) */
  revoked = 0;

  constructor(
    private readonly hub: WatchHub,
    readonly reviewer: AccessReviewer,
    private readonly logger: Logger,
    recheckMs = 60_000,
  ) {
    // fresh answers (not the ≤ 60 s cache), so a change the RBAC informers cannot see takes effect within recheckMs
    this.timer = setInterval(() => {
      for (const c of this.clusters.keys()) this.recheck(c, true);
    }, recheckMs);
    this.timer.unref();
  }

  /** Allowed when every check is; otherwise the first denial. Throws when the cluster cannot answer. */
  async admit(identity: Identity, cluster: string, checks: AccessCheck[]): Promise<Verdict> {
    const verdicts = await Promise.all(checks.map((c) => this.reviewer.can(identity, cluster, c)));
    return verdicts.find((v) => !v.allowed) ?? { allowed: true };
  }

  /**
   * Admission for a subscription: a 403 Forbidden error with the reason (or the cluster's error when it cannot
   * answer), or a gate whose `track` keeps the subscription under watch from then on.
   */
  async open(identity: Identity, cluster: string, checks: AccessCheck[]): Promise<Gate> {
    const since = this.changes.get(cluster) ?? 0;
    let verdict: Verdict;
    try {
      verdict = await this.admit(identity, cluster, checks);
    } catch (e) {
      const err = toApiError(e, cluster);
      return { ok: false, error: { status: err.status, reason: err.reason, message: err.message } };
    }
    if (!verdict.allowed) return { ok: false, error: { status: 403, reason: 'Forbidden', message: verdict.reason ?? 'forbidden' } };
    return {
      ok: true,
      track: (revoke) => {
        const untrack = this.track(identity, cluster, checks, revoke);
        if ((this.changes.get(cluster) ?? 0) !== since) this.recheck(cluster, false);
        return untrack;
      },
    };
  }

  /** Watches an admitted subscription until the returned function is called; `revoke` runs at most once. */
  track(identity: Identity, cluster: string, checks: AccessCheck[], revoke: (reason: string) => void): () => void {
    if (identity.kind === 'service') return () => undefined;
    let st = this.clusters.get(cluster);
    if (!st) {
      st = { subs: new Set(), release: this.watchRbac(cluster), dirty: false };
      this.clusters.set(cluster, st);
    }
    const t: Tracked = { identity, checks, revoke };
    st.subs.add(t);
    const state = st;
    return () => {
      if (state.subs.delete(t)) this.dropIfIdle(cluster, state);
    };
  }

  stop(): void {
    clearInterval(this.timer);
    for (const st of this.clusters.values()) st.release();
    this.clusters.clear();
  }

  private watchRbac(cluster: string): () => void {
    const leases = RBAC_RESOURCES.map((resource) => this.hub.acquire({ cluster, group: 'rbac.authorization.k8s.io', version: 'v1', resource }));
    const offs = leases.map((l) => l.feed.informer.onEvents(() => this.recheck(cluster, true)));
    void Promise.all(leases.map((l) => l.feed.informer.whenSynced())).then(() => this.recheck(cluster, true));
    return () => {
      for (const off of offs) off();
      for (const l of leases) l.release();
    };
  }

  private dropIfIdle(cluster: string, st: ClusterState): void {
    if (st.subs.size > 0 || this.clusters.get(cluster) !== st) return;
    this.clusters.delete(cluster);
    st.release();
  }

  /** Coalesces: while a pass runs, further changes mark the cluster dirty and one more pass follows. */
  private recheck(cluster: string, rbacChanged: boolean): void {
    if (rbacChanged) {
      this.reviewer.invalidate(cluster);
      this.changes.set(cluster, (this.changes.get(cluster) ?? 0) + 1);
    }
    const st = this.clusters.get(cluster);
    if (!st) return;
    st.dirty = true;
    if (st.running) return;
    st.running = (async () => {
      while (st.dirty && this.clusters.get(cluster) === st) {
        st.dirty = false;
        await mapLimit([...st.subs], 8, (t) => this.recheckOne(cluster, st, t));
      }
    })().finally(() => {
      st.running = undefined;
    });
  }

  private async recheckOne(cluster: string, st: ClusterState, t: Tracked): Promise<void> {
    let verdict: Verdict;
    try {
      verdict = await this.admit(t.identity, cluster, t.checks);
    } catch (e) {
      this.logger.debug({ cluster, err: e }, 'access re-check failed; keeping the subscription');
      return;
    }
    if (verdict.allowed || !st.subs.has(t)) return;
    st.subs.delete(t);
    this.revoked++;
    try {
      t.revoke(verdict.reason ?? 'forbidden');
    } catch (e) {
      this.logger.error({ cluster, err: e }, 'revoking a subscription failed');
    }
    this.dropIfIdle(cluster, st);
  }
}
