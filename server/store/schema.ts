/**
 * The store's tables as TypeScript types, so every Kysely query is checked against them. A migration that adds or
 * changes a table updates this file in the same commit (server/store/migrations/). Column names are snake_case
 * as in SQL; `Generated` columns are filled by the database (serial ids, defaults).
 */
import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** timestamptz: written as Date (or ISO string), read back as Date on both PGlite and PostgreSQL */
export type Timestamp = ColumnType<Date, Date | string, Date | string>;
/** jsonb: read back parsed on both drivers; written as a JSON string (pg would send a JS array as a PG array) */
export type Json<T> = ColumnType<T, string, string>;
/** nullable jsonb */
export type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

/** One write (or console event) made through the console: who did what to which object, and how it ended. */
export interface AuditEventsTable {
  /** bigserial, read as a JS number (both drivers parse int8 that way here): the paging cursor */
  id: Generated<number>;
  at: Timestamp;
  username: string;
  cluster: string;
  verb: string;
  api_group: string;
  api_version: string;
  resource: string;
  /** null for cluster-scoped objects */
  namespace: string | null;
  name: string;
  result: 'success' | 'failure';
  status: number | null;
  message: string | null;
  /** of the object as the server answered the write, when it answered with one: lets a change be attributed */
  resource_version: string | null;
  uid: string | null;
  /** terminal/port-forward session id, when the entry belongs to one (exec_sessions.id) */
  session_id: string | null;
}

/** Logged-out sessions (by id), honoured by every replica until the session would have expired anyway. */
export interface SessionRevocationsTable {
  sid: string;
  username: string;
  revoked_at: Timestamp;
  /** the session's absolute expiry: after it the row is useless and is pruned */
  expires_at: Timestamp;
}

/** "Sign out everywhere": every session of `username` issued at or before `revoked_before` is refused. */
export interface UserRevocationsTable {
  username: string;
  revoked_before: Timestamp;
}

/** Terminal, attach, debug, node-shell and port-forward sessions: what ran, where, for whom, and how it ended. */
export interface ExecSessionsTable {
  id: string;
  username: string;
  kind: string;
  cluster: string;
  namespace: string | null;
  pod: string;
  container: string | null;
  /** the command as run (exec); null for attach and port-forward */
  command: NullableJson<string[]>;
  port: number | null;
  started_at: Timestamp;
  ended_at: Timestamp | null;
  exit_code: number | null;
}

export interface Database {
  audit_events: AuditEventsTable;
  session_revocations: SessionRevocationsTable;
  user_revocations: UserRevocationsTable;
  exec_sessions: ExecSessionsTable;
}

export type AuditEventRow = Selectable<AuditEventsTable>;
export type NewAuditEvent = Insertable<AuditEventsTable>;
export type ExecSessionRow = Selectable<ExecSessionsTable>;
export type NewExecSession = Insertable<ExecSessionsTable>;
