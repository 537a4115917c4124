/**
 * The history tables as Kysely types (migration server/store/migrations/002-history.ts). The recorder reaches
 * them through `store.db.withTables<HistoryTables>()`, so the store's own Database type stays its own.
 */
import type { ColumnType, Generated } from 'kysely';
import type { ChangeDiffEntry, ChangeType } from '../../lib/history/types';
import type { View } from './normalize';

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type Json<T> = ColumnType<T, string, string>;

/** The columns that name an object, in both tables that hold objects. */
export interface ObjectColumns {
  api_group: string;
  api_version: string;
  resource: string;
  kind: string;
  namespace: string | null;
  name: string;
  uid: string;
  resource_version: string;
}

export interface HistoryChangesTable extends ObjectColumns {
  id: Generated<number>;
  cluster: string;
  at: Timestamp;
  type: ChangeType;
  actor_name: string;
  actor_via: 'console' | 'controller' | 'manager' | 'unknown';
  actor_manager: string | null;
  summary: string;
  diff: Json<ChangeDiffEntry[]>;
  object: ColumnType<View | null, string | null, string | null>;
  size: number;
}

export interface HistoryObjectsTable extends ObjectColumns {
  cluster: string;
  view: Json<View>;
}

export interface HistoryCursorsTable {
  cluster: string;
  api_group: string;
  resource: string;
  resource_version: string;
}

export interface HistoryLeasesTable {
  name: string;
  holder: string;
  expires_at: Timestamp;
}

export type HistoryTables = {
  history_changes: HistoryChangesTable;
  history_objects: HistoryObjectsTable;
  history_cursors: HistoryCursorsTable;
  history_leases: HistoryLeasesTable;
};
