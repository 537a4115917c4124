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

/**
 * A read of a few series fetches, per bucket row, only the byte ranges that hold them (substring() on the
 * bytea): ids are grouped into runs, and ids less than RUN_GAP apart share one run (a workload's pods were
 * mostly first seen together, so their ids are close). Above MAX_RUNS runs, whole buckets are read. Whole
 * rows are the slow path: every byte crosses the driver (PGlite hands bytea over as text).
 */
const RUN_GAP = 64;
const MAX_RUNS = 64;

/** Sorted, distinct ids grouped into [lo, hi] runs. */
export function idRuns(ids: number[]): [number, number][] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const runs: [number, number][] = [];
  for (const id of sorted) {
    const last = runs.at(-1);
    if (last && id - last[1] <= RUN_GAP) last[1] = id;
    else runs.push([id, id]);
  }
  return runs;
}

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
  const runs = ids ? idRuns(ids) : [];
  if (!ids || runs.length > MAX_RUNS) {
    const rows = await base.select('data').execute();
    return rows.map((r) => ({ start: Number(r.start), samples: r.samples, minId: r.min_id, codes: fromBytes(r.data) }));
  }
  if (runs.length === 0) {
    const rows = await base.execute();
    return rows.map((r) => ({ start: Number(r.start), samples: r.samples, minId: 0, codes: new Uint16Array(0) }));
  }
  const lo = runs[0][0];
  const hi = runs.at(-1)![1];
  // a start before the row's first id shortens the piece (substring from a position below 1 starts at 1), one
  // past its end gives an empty piece: the piece begins at series max(run start, min_id)
  const rows = await base.select(runs.map(([a, b], i) => sql<Uint8Array>`substring(data from 4 * (${a}::int - min_id) + 1 for ${4 * (b - a + 1)}::int)`.as(`r${i}`))).execute();
  const wanted = new Set(ids);
  return rows.map((r) => {
    const codes = new Uint16Array((hi - lo + 1) * 2);
    const rec = r as unknown as Record<string, Uint8Array | null>;
    runs.forEach(([a, b], i) => {
      const piece = rec[`r${i}`];
      if (!piece || piece.byteLength < 4) return;
      const first = Math.max(a, r.min_id);
      const part = fromBytes(piece);
      for (let id = first; id <= b && (id - first) * 2 + 1 < part.length; id++) {
        if (!wanted.has(id)) continue;
        codes[(id - lo) * 2] = part[(id - first) * 2];
        codes[(id - lo) * 2 + 1] = part[(id - first) * 2 + 1];
      }
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
