/**
 * Usage history (server/metrics/store-history.ts). Points are packed: one metrics_buckets row holds ONE time
 * bucket of ONE tier for EVERY series of a cluster (16-bit codes, CPU and memory interleaved, indexed by series
 * id), so 24 h of a 50,000-pod cluster is a few hundred rows, not hundreds of millions. metrics_series maps a
 * series id to its pod container or node, metrics_label_sets the pod label sets workload charts select by.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not follow Database
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('metrics_label_sets')
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    .addColumn('labels', 'jsonb', (c) => c.notNull())
    .addPrimaryKeyConstraint('metrics_label_sets_pk', ['cluster', 'id'])
    .execute();

  await db.schema
    .createTable('metrics_series')
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('id', 'integer', (c) => c.notNull())
    /** 'p' a pod container, 'n' a node */
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('p', 'n')`))
    .addColumn('namespace', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('container', 'text', (c) => c.notNull())
    .addColumn('label_set', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('metrics_series_pk', ['cluster', 'id'])
    .execute();
  // charts select a pod's containers, a namespace's pods or the nodes; the sampling replica keeps names unique
  await db.schema.createIndex('metrics_series_object').on('metrics_series').columns(['cluster', 'namespace', 'name']).execute();

  await db.schema
    .createTable('metrics_buckets')
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('tier', 'smallint', (c) => c.notNull())
    /** bucket start, epoch ms */
    .addColumn('start', 'bigint', (c) => c.notNull())
    /** samples averaged into this bucket: the weight when buckets are rolled up */
    .addColumn('samples', 'integer', (c) => c.notNull())
    .addColumn('min_id', 'integer', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    /** Uint16 little-endian [cpu, memory] per series id from min_id (server/metrics/codec.ts; 0 = no sample) */
    .addColumn('data', 'bytea', (c) => c.notNull())
    .addPrimaryKeyConstraint('metrics_buckets_pk', ['cluster', 'tier', 'start'])
    .execute();
  // uncompressed out-of-line storage: substring() of one series reads only the TOAST chunks it needs
  await sql`alter table metrics_buckets alter column data set storage external`.execute(db);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['metrics_buckets', 'metrics_series', 'metrics_label_sets']) await db.schema.dropTable(t).ifExists().execute();
}
