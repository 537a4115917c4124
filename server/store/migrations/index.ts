/**
 * Every migration, in order. Names sort as they run ("001-…", "002-…"); a new migration is a new file here plus
 * one line below, never an edit of a migration that has shipped (replicas compare names with the database's
 * kysely_migration table and refuse to start on a database that ran migrations this build does not know).
 */
import type { Migration } from 'kysely/migration';
import * as core001 from './001-core';
import * as history002 from './002-history';
import * as metrics003 from './003-metrics';

export const migrations: Record<string, Migration> = {
  '001-core': core001,
  '002-history': history002,
  '003-metrics': metrics003,
};
