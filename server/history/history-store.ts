/**
 * The recorder's and the API's queries over the history tables. A batch is written in ONE transaction that
 * first locks this replica's lease row (FOR UPDATE): a replica that lost the cluster writes nothing, and a
 * replica taking it over waits for the old holder's last batch before it reads what was recorded.
 */
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChangeActor, ChangeDetail, ChangeDiffEntry, ChangeRecord, ChangeType } from '../../lib/history/types';
import type { View } from './normalize';
import type { HistoryChangesTable, HistoryTables, ObjectColumns } from './schema';

export type HistoryDb = Kysely<HistoryTables>;

/** The history tables of the console's store (the store's Database type does not name them). */
export function historyDb(store: { db: object }): HistoryDb {
  return (store.db as unknown as Kysely<HistoryTables>).withTables<HistoryTables>();
}

export interface ObjectRef {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespace: string | null;
  name: string;
  uid: string;
  resourceVersion: string;
}

export interface TrackedObject extends ObjectRef {
  view: View;
}

export interface NewChange extends ObjectRef {
  time: Date;
  type: ChangeType;
  actor: ChangeActor;
  summary: string;
  diff: ChangeDiffEntry[];
  object: View | null;
}

export interface Batch {
  changes: NewChange[];
  /** the latest recorded view per object (one entry per uid) */
  upserts: TrackedObject[];
  /** uids of objects gone */
  deletes: string[];
  cursors: { group: string; resource: string; resourceVersion: string }[];
}

function objectColumns(o: ObjectRef): ObjectColumns {
  return {
    api_group: o.group,
    api_version: o.version,
    resource: o.resource,
    kind: o.kind,
    namespace: o.namespace,
    name: o.name,
    uid: o.uid,
    resource_version: o.resourceVersion,
  };
}

function objectRef(r: ObjectColumns): ObjectRef {
  return {
    group: r.api_group,
    version: r.api_version,
    resource: r.resource,
    kind: r.kind,
    namespace: r.namespace,
    name: r.name,
    uid: r.uid,
    resourceVersion: r.resource_version,
  };
}

/** rows per INSERT: 19 columns × 1,000 stays far below PostgreSQL's 65,535 parameters */
const CHUNK = 1_000;

function chunks<T>(xs: T[], n = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export async function loadCluster(db: HistoryDb, cluster: string): Promise<{ objects: TrackedObject[]; cursors: Map<string, string> }> {
  const [rows, cursorRows] = await Promise.all([
    db.selectFrom('history_objects').selectAll().where('cluster', '=', cluster).execute(),
    db.selectFrom('history_cursors').selectAll().where('cluster', '=', cluster).execute(),
  ]);
  const objects = rows.map((r) => ({ ...objectRef(r), view: r.view }));
  return { objects, cursors: new Map(cursorRows.map((c) => [`${c.api_group}/${c.resource}`, c.resource_version])) };
}

export function changeRow(cluster: string, c: NewChange) {
  const diff = JSON.stringify(c.diff);
  const object = c.object ? JSON.stringify(c.object) : null;
  return {
    cluster,
    ...objectColumns(c),
    at: c.time,
    type: c.type,
    actor_name: c.actor.name,
    actor_via: c.actor.via,
    actor_manager: c.actor.manager ?? null,
    summary: c.summary,
    diff,
    object,
    size: diff.length + (object?.length ?? 0) + c.summary.length + c.name.length + 160,
  };
}

/**
 * Writes a batch if `lease` (name, holder) is still held at `now`; returns false (nothing written) when not.
 * `lease` undefined: no leadership (a single process that records alone, e.g. the benchmark's bulk fill).
 */
export async function writeBatch(db: HistoryDb, cluster: string, b: Batch, lease?: { name: string; holder: string; now: Date }): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    if (lease) {
      const held = await tx
        .selectFrom('history_leases')
        .select('holder')
        .where('name', '=', lease.name)
        .where('holder', '=', lease.holder)
        .where('expires_at', '>', lease.now)
        .forUpdate()
        .executeTakeFirst();
      if (!held) return false;
    }
    for (const part of chunks(b.changes)) await tx.insertInto('history_changes').values(part.map((c) => changeRow(cluster, c))).execute();
    for (const part of chunks(b.upserts)) {
      await tx
        .insertInto('history_objects')
        .values(
          part.map((o) => ({ cluster, ...objectColumns(o), view: JSON.stringify(o.view) })),
        )
        .onConflict((oc) =>
          oc.columns(['cluster', 'uid']).doUpdateSet((eb) => ({
            api_version: eb.ref('excluded.api_version'),
            name: eb.ref('excluded.name'),
            resource_version: eb.ref('excluded.resource_version'),
            view: eb.ref('excluded.view'),
          })),
        )
        .execute();
    }
    for (const part of chunks(b.deletes)) await tx.deleteFrom('history_objects').where('cluster', '=', cluster).where('uid', 'in', part).execute();
    if (b.cursors.length) {
      await tx
        .insertInto('history_cursors')
        .values(b.cursors.map((c) => ({ cluster, api_group: c.group, resource: c.resource, resource_version: c.resourceVersion })))
        .onConflict((oc) => oc.columns(['cluster', 'api_group', 'resource']).doUpdateSet((eb) => ({ resource_version: eb.ref('excluded.resource_version') })))
        .execute();
    }
    return true;
  });
}

type ChangeRow = Pick<Selectable<HistoryChangesTable>, (typeof RECORD_COLUMNS)[number]>;

export function toRecord(r: ChangeRow): ChangeRecord {
  const actor: ChangeActor = { name: r.actor_name, via: r.actor_via };
  if (r.actor_manager) actor.manager = r.actor_manager;
  return {
    id: String(r.id),
    cluster: r.cluster,
    ...objectRef(r),
    time: new Date(r.at).toISOString(),
    type: r.type,
    actor,
    summary: r.summary,
  };
}

export const RECORD_COLUMNS = ['id', 'cluster', 'api_group', 'api_version', 'resource', 'kind', 'namespace', 'name', 'uid', 'resource_version', 'at', 'type', 'actor_name', 'actor_via', 'actor_manager', 'summary'] as const;

export async function getChange(db: HistoryDb, id: number): Promise<ChangeDetail | undefined> {
  const r = await db.selectFrom('history_changes').select([...RECORD_COLUMNS, 'diff', 'object']).where('id', '=', id).executeTakeFirst();
  return r ? { ...toRecord(r), diff: r.diff, object: r.object } : undefined;
}

/** Records of `cluster` written after `afterId`, oldest first (the live feed; ids grow per cluster: one writer each). */
export async function changesAfter(db: HistoryDb, cluster: string, afterId: number, limit = 500): Promise<ChangeRecord[]> {
  const rows = await db.selectFrom('history_changes').select(RECORD_COLUMNS).where('cluster', '=', cluster).where('id', '>', afterId).orderBy('id').limit(limit).execute();
  return rows.map(toRecord);
}

export async function lastChangeId(db: HistoryDb): Promise<number> {
  const r = await db.selectFrom('history_changes').select(sql<number>`coalesce(max(id), 0)`.as('id')).executeTakeFirst();
  return Number(r?.id ?? 0);
}
