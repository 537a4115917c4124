/**
 * GET /api/changes as a query: the filters of changesQuery over history_changes, newest first by (time, id),
 * paged by an opaque cursor (the last row's position). Rows the person may not read are skipped: the page is
 * filled from further rows, scanning at most SCAN_ROUNDS windows, so a person who may read little still gets
 * answers quickly; the cursor then points past what was scanned and the page may hold fewer than `limit`.
 */
import type { ExpressionBuilder } from 'kysely';
import type { ChangePage, ChangeRecord, ChangesQuery } from '../../lib/history/types';
import { badRequest } from '../k8s/errors';
import { RECORD_COLUMNS, toRecord, type HistoryDb } from './history-store';
import type { HistoryTables } from './schema';

const SCAN_ROUNDS = 5;

export function encodeCursor(time: string, id: string): string {
  return Buffer.from(JSON.stringify([time, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { at: Date; id: number } {
  try {
    const [t, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as [string, string];
    const at = new Date(t);
    if (Number.isNaN(at.getTime()) || !/^\d+$/.test(id)) throw new Error('bad');
    return { at, id: Number(id) };
  } catch {
    throw badRequest('invalid cursor: pass the nextCursor of the previous page');
  }
}

const like = (s: string) => `%${s.replace(/[\\%_]/g, (c) => '\\' + c)}%`;

type EB = ExpressionBuilder<HistoryTables, 'history_changes'>;

function filters(q: ChangesQuery, clusters: readonly string[]) {
  return (eb: EB) => {
    const conds = [eb('cluster', 'in', clusters.length ? [...clusters] : [''])];
    if (q.cluster) conds.push(eb('cluster', '=', q.cluster));
    if (q.namespace) conds.push(eb('namespace', '=', q.namespace));
    if (q.group !== undefined) conds.push(eb('api_group', '=', q.group));
    if (q.resource) conds.push(eb('resource', '=', q.resource));
    if (q.name) conds.push(eb('name', '=', q.name));
    if (q.uid) conds.push(eb('uid', '=', q.uid));
    if (q.kind) conds.push(eb(eb.fn('lower', ['kind']), '=', q.kind.toLowerCase()));
    if (q.actor) conds.push(eb('actor_name', '=', q.actor));
    if (q.since) conds.push(eb('at', '>=', new Date(q.since)));
    if (q.until) conds.push(eb('at', '<=', new Date(q.until)));
    if (q.q) {
      const p = like(q.q);
      conds.push(eb.or([eb('name', 'ilike', p), eb('summary', 'ilike', p), eb('actor_name', 'ilike', p)]));
    }
    return eb.and(conds);
  };
}

/**
 * `clusters`: the clusters the person may see (the console's configured ones); `may`: may they read this
 * record's object (cached by the caller per cluster/resource/namespace).
 */
export async function queryChanges(db: HistoryDb, q: ChangesQuery, clusters: readonly string[], may: (r: ChangeRecord) => Promise<boolean>): Promise<ChangePage> {
  let pos = q.cursor ? decodeCursor(q.cursor) : undefined;
  const items: ChangeRecord[] = [];
  const window = Math.max(q.limit * 2, 200);
  for (let round = 0; round < SCAN_ROUNDS; round++) {
    let query = db.selectFrom('history_changes').select(RECORD_COLUMNS).where(filters(q, clusters));
    if (pos) {
      const p = pos;
      query = query.where((eb) => eb(eb.refTuple('at', 'id'), '<', eb.tuple(p.at, p.id)));
    }
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(window).execute();
    for (const row of rows) {
      const r = toRecord(row);
      pos = { at: new Date(row.at), id: Number(row.id) };
      if (await may(r)) items.push(r);
      if (items.length === q.limit) {
        return { items, nextCursor: encodeCursor(r.time, r.id) };
      }
    }
    if (rows.length < window) return { items };
  }
  return pos ? { items, nextCursor: encodeCursor(pos.at.toISOString(), String(pos.id)) } : { items };
}

