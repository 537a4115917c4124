/** The usage-history tables (server/store/migrations/003-metrics.ts) as Kysely types, plus the lease table. */
import type { ColumnType, Kysely } from 'kysely';
import type { HistoryLeasesTable } from '../history/schema';

export interface MetricsLabelSetsTable {
  cluster: string;
  id: number;
  labels: ColumnType<Record<string, string>, string, string>;
}

export interface MetricsSeriesTable {
  cluster: string;
  id: number;
  kind: 'p' | 'n';
  namespace: string;
  name: string;
  container: string;
  label_set: number;
}

export interface MetricsBucketsTable {
  cluster: string;
  tier: number;
  start: number;
  samples: number;
  min_id: number;
  count: number;
  data: Uint8Array;
}

export type MetricsTables = {
  metrics_label_sets: MetricsLabelSetsTable;
  metrics_series: MetricsSeriesTable;
  metrics_buckets: MetricsBucketsTable;
  history_leases: HistoryLeasesTable;
};

export type MetricsDb = Kysely<MetricsTables>;

/** The metrics tables of the console's store (the store's Database type does not name them). */
export function metricsDb(store: { db: object }): MetricsDb {
  return (store.db as unknown as Kysely<MetricsTables>).withTables<MetricsTables>();
}
