/**
 * The change history: one row per recorded change (history_changes), the latest recorded view of every object
 * the recorder knows (history_objects: what a restart or a relist compares against, and "compare with a past
 * version" reads), the last resourceVersion recorded per (cluster, resource) (history_cursors), and one lease
 * row per cluster naming the replica that records it (history_leases).
 */
import { sql, type CreateTableBuilder, type Kysely } from 'kysely';

/** The columns that name an object, in the same order in both tables that hold objects. */
function objectNameColumns<T extends string, C extends string>(t: CreateTableBuilder<T, C>) {
  return t
    .addColumn('api_group', 'text', (c) => c.notNull())
    .addColumn('api_version', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text')
    .addColumn('name', 'text', (c) => c.notNull());
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not follow Database
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('history_changes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .$call(objectNameColumns)
    .addColumn('uid', 'text', (c) => c.notNull())
    .addColumn('resource_version', 'text', (c) => c.notNull())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('created', 'updated', 'deleted', 'resynced')`))
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('actor_via', 'text', (c) => c.notNull())
    .addColumn('actor_manager', 'text')
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('diff', 'jsonb', (c) => c.notNull())
    .addColumn('object', 'jsonb')
    /** bytes of diff + object + the text columns: what size-based retention counts */
    .addColumn('size', 'integer', (c) => c.notNull())
    .execute();
  // newest first over everything, per cluster, per namespace, per object
  await db.schema.createIndex('history_changes_at').on('history_changes').columns(['at desc', 'id desc']).execute();
  await db.schema.createIndex('history_changes_cluster_at').on('history_changes').columns(['cluster', 'at desc', 'id desc']).execute();
  await db.schema.createIndex('history_changes_ns_at').on('history_changes').columns(['namespace', 'at desc', 'id desc']).execute();
  await db.schema.createIndex('history_changes_uid').on('history_changes').columns(['uid', 'id desc']).execute();

  await db.schema
    .createTable('history_objects')
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('uid', 'text', (c) => c.notNull())
    .$call(objectNameColumns)
    .addColumn('resource_version', 'text', (c) => c.notNull())
    .addColumn('view', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('history_objects_pk', ['cluster', 'uid'])
    .execute();

  await db.schema
    .createTable('history_cursors')
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('api_group', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('resource_version', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('history_cursors_pk', ['cluster', 'api_group', 'resource'])
    .execute();

  await db.schema
    .createTable('history_leases')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('holder', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['history_leases', 'history_cursors', 'history_objects', 'history_changes']) await db.schema.dropTable(t).ifExists().execute();
}
