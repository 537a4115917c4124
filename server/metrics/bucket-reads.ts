/** Reads of packed buckets (buckets.ts) and of the series table, for store-history.ts. */
import { sql } from 'kysely';
import type { MetricsDb, MetricsSeriesTable } from './schema';
import { fromBytes, type Bucket } from './buckets';
import { nodeKey, podKey, type SeriesSelector } from './usage-history';

export interface SeriesRef {
  id: number;
  key: string;
  labelSet: number;
}

/** Below this many series a read fetches each one's 4 bytes with substring(); above it, whole buckets. */
const SLICE_LIMIT = 64;

export function keyOf(r: Pick<MetricsSeriesTable, 'kind' | 'namespace' | 'name' | 'container'>): string {
  return r.kind === 'n' ? nodeKey(r.name) : podKey(r.namespace, r.name, r.container);
}

/** Buckets of one tier with start in [from, to], oldest first; with `ids`, only those series are filled in. */
export async function readBuckets(db: MetricsDb, cluster: string, tier: number, from: number, to: number, ids?: number[]): Promise<Bucket[]> {
  const base = db
    .selectFrom('metrics_buckets')
    .where('cluster', '=', cluster)
    .where('tier', '=', tier)
    .where('start', '>=', from)
    .where('start', '<=', to)
    .orderBy('start')
    .select(['start', 'samples', 'min_id', 'count']);
  if (!ids || ids.length > SLICE_LIMIT) {
    const rows = await base.select('data').execute();
    return rows.map((r) => ({ start: Number(r.start), samples: r.samples, minId: r.min_id, codes: fromBytes(r.data) }));
  }
  if (ids.length === 0) {
    const rows = await base.execute();
    return rows.map((r) => ({ start: Number(r.start), samples: r.samples, minId: 0, codes: new Uint16Array(0) }));
  }
  const lo = Math.min(...ids);
  const hi = Math.max(...ids);
  const rows = await base
    .select(ids.map((id, i) => sql<Uint8Array | null>`case when ${id}::int >= min_id and ${id}::int < min_id + count then substring(data from 4 * (${id}::int - min_id) + 1 for 4) end`.as(`p${i}`)))
    .execute();
  return rows.map((r) => {
    const codes = new Uint16Array((hi - lo + 1) * 2);
    const rec = r as unknown as Record<string, Uint8Array | null>;
    ids.forEach((id, i) => {
      const b = rec[`p${i}`];
      if (!b || b.byteLength < 4) return;
      const pair = fromBytes(b);
      codes[(id - lo) * 2] = pair[0];
      codes[(id - lo) * 2 + 1] = pair[1];
    });
    return { start: Number(r.start), samples: r.samples, minId: lo, codes };
  });
}

/** The series a selector names, by id (the order series were first seen). */
export async function selectSeries(db: MetricsDb, cluster: string, sel: SeriesSelector, labelsOf: (ids: number[]) => Promise<Map<number, Record<string, string>>>): Promise<SeriesRef[]> {
  let q = db.selectFrom('metrics_series').select(['id', 'kind', 'namespace', 'name', 'container', 'label_set']).where('cluster', '=', cluster).orderBy('id');
  if (sel.kind === 'pod') q = q.where('kind', '=', 'p').where('namespace', '=', sel.namespace).where('name', '=', sel.name);
  else if (sel.kind === 'node') q = q.where('namespace', '=', '').where('name', '=', sel.name).where('kind', '=', 'n');
  else if (sel.kind === 'nodes') q = q.where('namespace', '=', '').where('kind', '=', 'n');
  else {
    const sets = await db.selectFrom('metrics_series').select('label_set').distinct().where('cluster', '=', cluster).where('kind', '=', 'p').where('namespace', '=', sel.namespace).execute();
    const labels = await labelsOf(sets.map((s) => s.label_set));
    const matching = [...labels].filter(([, l]) => sel.match(l)).map(([id]) => id);
    if (matching.length === 0) return [];
    q = q.where('kind', '=', 'p').where('namespace', '=', sel.namespace).where('label_set', 'in', matching);
  }
  const rows = await q.execute();
  return rows.map((r) => ({ id: r.id, key: keyOf(r), labelSet: r.label_set }));
}
