/**
 * The console's own shared state: audit events, session revocations (per session and per user) and terminal
 * sessions. Every replica reads and writes these, so nothing here may live in one process's memory.
 */
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations are frozen in time: they must not follow Database
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('audit_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('at', 'timestamptz', (c) => c.notNull())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('verb', 'text', (c) => c.notNull())
    .addColumn('api_group', 'text', (c) => c.notNull())
    .addColumn('api_version', 'text', (c) => c.notNull())
    .addColumn('resource', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('result', 'text', (c) => c.notNull().check(sql`result in ('success', 'failure')`))
    .addColumn('status', 'integer')
    .addColumn('message', 'text')
    .addColumn('resource_version', 'text')
    .addColumn('uid', 'text')
    .addColumn('session_id', 'text')
    .execute();
  // the audit page pages newest first by id; the change recorder looks up one object around a time
  await db.schema.createIndex('audit_events_at').on('audit_events').column('at').execute();
  await db.schema.createIndex('audit_events_object').on('audit_events').columns(['cluster', 'resource', 'name', 'at']).execute();
  await db.schema.createIndex('audit_events_user').on('audit_events').columns(['username', 'id']).execute();

  await db.schema
    .createTable('session_revocations')
    .addColumn('sid', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'timestamptz', (c) => c.notNull())
    .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('session_revocations_revoked_at').on('session_revocations').column('revoked_at').execute();

  await db.schema
    .createTable('user_revocations')
    .addColumn('username', 'text', (c) => c.primaryKey())
    .addColumn('revoked_before', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('exec_sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('username', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('cluster', 'text', (c) => c.notNull())
    .addColumn('namespace', 'text')
    .addColumn('pod', 'text', (c) => c.notNull())
    .addColumn('container', 'text')
    .addColumn('command', 'jsonb')
    .addColumn('port', 'integer')
    .addColumn('started_at', 'timestamptz', (c) => c.notNull())
    .addColumn('ended_at', 'timestamptz')
    .addColumn('exit_code', 'integer')
    .execute();
  await db.schema.createIndex('exec_sessions_started_at').on('exec_sessions').column('started_at').execute();
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['exec_sessions', 'user_revocations', 'session_revocations', 'audit_events']) await db.schema.dropTable(t).execute();
}
