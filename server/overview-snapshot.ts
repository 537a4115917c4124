/**
 * The overview's server-rendered snapshot (lib/overview-snapshot.ts): the registry's cluster list and each
 * connected cluster's summary when its tracker has already listed everything (the summary warm-up starts them as
 * clusters connect) — never waiting for a cluster, so a slow or unreachable one is simply absent and its card
 * loads as before. A summary is included only for a person allowed to see it (SUMMARY_ACCESS, as for the summary
 * socket and REST route); an access review that does not answer within `reviewMs` leaves the summary out.
 */
import type { ClusterSummary } from '../lib/api-types';
import type { OverviewSnapshot } from '../lib/overview-snapshot';
import type { Identity } from './auth/identity';
import type { ClusterRegistry } from './clusters/registry';
import type { SummaryService } from './clusters/summary-service';
import { SUMMARY_ACCESS, type AccessReviewer } from './watch/access';

export interface OverviewSnapshotDeps {
  registry: ClusterRegistry;
  summary: Pick<SummaryService, 'peek'>;
  access: Pick<AccessReviewer, 'can'>;
  reviewMs?: number;
}

export async function buildOverviewSnapshot(d: OverviewSnapshotDeps, identity: Identity): Promise<OverviewSnapshot> {
  const clusters = d.registry.list();
  const summaries: Record<string, ClusterSummary> = {};
  await Promise.all(
    clusters.map(async (c) => {
      if (c.state !== 'connected') return;
      const s = d.summary.peek(c.id);
      if (!s) return;
      let timer: NodeJS.Timeout | undefined;
      const allowed = await Promise.race([
        d.access.can(identity, c.id, SUMMARY_ACCESS).then((v) => v.allowed, () => false),
        new Promise<false>((r) => (timer = setTimeout(() => r(false), d.reviewMs ?? 200))),
      ]);
      clearTimeout(timer);
      if (allowed) summaries[c.id] = s;
    }),
  );
  return { clusters, summaries };
}
