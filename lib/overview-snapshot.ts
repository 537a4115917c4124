/**
 * What the overview page's server render may show at once: the cluster list and every summary the console
 * already has (server/overview-snapshot.ts), so the cards arrive with their figures in the page's HTML instead
 * of after its scripts, its socket and its requests. The console registers the provider in its own process;
 * the page's server component asks it with the request's Cookie header (the person decides which summaries they
 * may see). Without a provider (tests rendering the page alone) or on any failure there is no snapshot and the
 * page loads its data as usual.
 */
import type { ClusterInfo, ClusterSummary } from './api-types';

export interface OverviewSnapshot {
  clusters: ClusterInfo[];
  /** by cluster id: only clusters whose summary was ready and that this person may see */
  summaries: Record<string, ClusterSummary>;
}

export type OverviewSnapshotProvider = (cookieHeader: string | undefined) => Promise<OverviewSnapshot | undefined>;

const KEY = Symbol.for('wheelhouse.overviewSnapshot');
type Holder = { [KEY]?: OverviewSnapshotProvider };

export function provideOverviewSnapshot(p: OverviewSnapshotProvider | undefined): void {
  (globalThis as Holder)[KEY] = p;
}

export async function overviewSnapshot(cookieHeader: string | undefined): Promise<OverviewSnapshot | undefined> {
  const p = (globalThis as Holder)[KEY];
  if (!p) return undefined;
  return p(cookieHeader).catch(() => undefined);
}
