/**
 * Usage history in the state store. Tiers as in memory (defaultTiers: the sampling interval for 15 min, 1 min
 * for 1 h, 5 min for 6 h, 30 min for 24 h), but each bucket is a row of metrics_buckets packing every series
 * of the cluster (buckets.ts): a sample writes one tier-0 row; when a coarser bucket closes, the replica that
 * samples rolls it up from the finer tier's rows (sample-weighted), and deletes rows older than their tier's
 * span. The still-open coarse bucket is averaged from finer rows at query time, so charts reach "now" on every
 * replica. Only the lease holder (history_leases row `metrics:<cluster>`, server/history/leadership.ts) samples
 * and writes; every write re-checks the lease under FOR UPDATE. Other replicas read the latest tier-0 row for
 * their list columns (readLatest).
 */
import { sql } from 'kysely';
import { tryLease, releaseLease } from '../history/leadership';
import type { HistoryDb } from '../history/history-store';
import type { MetricsDb } from './schema';
import { averageBuckets, packBucket, pointOf, toBytes, type Bucket } from './buckets';
import { keyOf, readBuckets, selectSeries } from './bucket-reads';
import type { QueryResult, SampleEntry, TierSpec } from './series-store';
import type { SeriesSelector, UsageHistory } from './usage-history';

const ROWS = 1_000;

export const metricsLease = (cluster: string) => `metrics:${cluster}`;

function chunks<T>(xs: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += ROWS) out.push(xs.slice(i, i + ROWS));
  return out;
}

export interface StoreHistoryOptions {
  tiers: TierSpec[];
  replicaId: string;
  leaseTtlMs: number;
}

export class StoreHistory implements UsageHistory {
  private leading = false;
  private series = new Map<string, { id: number; labelSet: number }>();
  /** when each series was last sampled; a replica taking over starts everything it loads at "now" */
  private seen = new Map<number, number>();
  private free: number[] = [];
  private nextId = 0;
  private labelIds = new Map<string, number>();
  private labelSets = new Map<number, Record<string, string>>();
  private nextLabel = 0;
  private pendingLabels: number[] = [];
  private lastT?: number;
  private retainDue = false;
  /** readers: id → series, reloaded when an unknown id shows up or it is older than the shortest tier */
  private byId = new Map<number, { key: string; labelSet: number }>();
  private byIdAt = -Infinity;

  constructor(
    private readonly db: MetricsDb,
    readonly cluster: string,
    private readonly o: StoreHistoryOptions,
  ) {}

  get isLeader(): boolean {
    return this.leading;
  }

  /** Takes or renews this cluster's sampling lease; loads the series tables when it was just taken. */
  async lead(now: number): Promise<boolean> {
    const held = await tryLease(this.db as unknown as HistoryDb, metricsLease(this.cluster), this.o.replicaId, new Date(now), this.o.leaseTtlMs);
    if (held && !this.leading) await this.load(now);
    this.leading = held;
    return held;
  }

  async release(): Promise<void> {
    if (this.leading) await releaseLease(this.db as unknown as HistoryDb, metricsLease(this.cluster), this.o.replicaId).catch(() => undefined);
    this.leading = false;
  }

  internLabels(labels: Record<string, string> | undefined): number {
    const json = JSON.stringify(labels ?? {});
    let id = this.labelIds.get(json);
    if (id === undefined) {
      id = this.nextLabel++;
      this.labelIds.set(json, id);
      this.labelSets.set(id, labels ?? {});
      this.pendingLabels.push(id);
    }
    return id;
  }

  labels(id: number): Record<string, string> {
    return this.labelSets.get(id) ?? {};
  }

  async record(t: number, entries: SampleEntry[]): Promise<void> {
    if (!this.leading) throw new Error(`this replica does not hold the metrics lease of ${this.cluster}`);
    if (!(await this.rollUp(t))) return;
    const fresh: { id: number; key: string; labelSet: number }[] = [];
    const values = entries.map((e) => {
      let s = this.series.get(e.key);
      if (!s || s.labelSet !== e.labelSet) {
        s = { id: s?.id ?? this.free.pop() ?? this.nextId++, labelSet: e.labelSet };
        this.series.set(e.key, s);
        fresh.push({ id: s.id, key: e.key, labelSet: e.labelSet });
      }
      this.seen.set(s.id, t);
      return { id: s.id, cpu: e.cpu, memory: e.memory };
    });
    const labels = this.pendingLabels.splice(0);
    const ok = await this.write(async (trx) => {
      for (const c of chunks(labels)) {
        await trx
          .insertInto('metrics_label_sets')
          .values(c.map((id) => ({ cluster: this.cluster, id, labels: JSON.stringify(this.labelSets.get(id) ?? {}) })))
          .onConflict((oc) => oc.columns(['cluster', 'id']).doUpdateSet((eb) => ({ labels: eb.ref('excluded.labels') })))
          .execute();
      }
      for (const c of chunks(fresh)) {
        const rows = c.map((s) => {
          const [kind, a, b, cont] = s.key.split('/');
          return kind === 'n'
            ? { cluster: this.cluster, id: s.id, kind: 'n' as const, namespace: '', name: a, container: '', label_set: s.labelSet }
            : { cluster: this.cluster, id: s.id, kind: 'p' as const, namespace: a, name: b, container: cont, label_set: s.labelSet };
        });
        // a series whose pod's labels changed keeps its id and replaces its row
        await trx.deleteFrom('metrics_series').where('cluster', '=', this.cluster).where('id', 'in', c.map((s) => s.id)).execute();
        await trx.insertInto('metrics_series').values(rows).execute();
      }
      await this.put(trx, 0, t, packBucket(this.bucketStart(0, t), values));
    });
    if (!ok) return;
    this.lastT = t;
    // after this sample's rows: what it saw (series, label sets) is in use, not gone
    if (this.retainDue) {
      this.retainDue = false;
      await this.retain(t);
    }
  }

  /** Rolls up every coarser bucket that closed since the last sample; false when the lease was lost. */
  private async rollUp(t: number): Promise<boolean> {
    const prev = this.lastT;
    if (prev === undefined || prev >= t) return true;
    for (let k = 1; k < this.o.tiers.length; k++) {
      const closed = this.bucketStart(k, prev);
      if (closed === this.bucketStart(k, t)) break; // coarser buckets cannot close when this one did not
      const spec = this.o.tiers[k];
      // after a long pause the bucket that closed may be older than this tier keeps: prune only
      const parts = closed < t - spec.widthMs * spec.points ? [] : await readBuckets(this.db, this.cluster, k - 1, closed, closed + spec.widthMs - 1);
      if (!(await this.write((trx) => this.put(trx, k, t, parts.length ? averageBuckets(closed, parts) : undefined)))) return false;
      // PGlite has no autovacuum: without one every minute, deleted buckets would hold their space until then
      // (cheap: the visibility map skips the pages of buckets that did not change)
      if (k === 1) await sql`vacuum metrics_buckets`.execute(this.db).catch(() => undefined);
      if (k === this.o.tiers.length - 1) this.retainDue = true;
    }
    return true;
  }

  async query(now: number, rangeMs: number, sel: SeriesSelector): Promise<QueryResult> {
    const found = this.o.tiers.findIndex((t) => t.widthMs * t.points >= rangeMs);
    const k = found === -1 ? this.o.tiers.length - 1 : found;
    const tier = this.o.tiers[k];
    const refs = await selectSeries(this.db, this.cluster, sel, (ids) => this.loadLabels(ids));
    const ids = refs.map((r) => r.id);
    const buckets = await readBuckets(this.db, this.cluster, k, now - rangeMs - tier.widthMs + 1, now, ids);
    const open = this.bucketStart(k, now);
    if (k > 0 && buckets.at(-1)?.start !== open) {
      // the open bucket: what the finer tiers hold since it started
      const parts: Bucket[] = [];
      let cursor = open;
      for (let j = k - 1; j >= 0; j--) {
        const rows = await readBuckets(this.db, this.cluster, j, cursor, now, ids);
        parts.push(...rows);
        if (rows.length) cursor = rows.at(-1)!.start + this.o.tiers[j].widthMs;
      }
      if (parts.length) buckets.push(averageBuckets(open, parts));
    }
    const inRange = buckets.filter((b) => b.start + tier.widthMs > now - rangeMs && b.start <= now);
    return {
      stepMs: tier.widthMs,
      times: inRange.map((b) => b.start),
      series: refs.map((r) => {
        const points = inRange.map((b) => pointOf(b, r.id));
        return { key: r.key, labelSet: r.labelSet, cpu: points.map((p) => p[0]), memory: points.map((p) => p[1]) };
      }),
    };
  }

  async coverageStart(): Promise<number> {
    const r = await this.db.selectFrom('metrics_buckets').select((eb) => eb.fn.min('start').as('start')).where('cluster', '=', this.cluster).executeTakeFirst();
    return r?.start == null ? Infinity : Number(r.start);
  }

  /** The latest sample as the sampling replica wrote it (for replicas that do not sample this cluster). */
  async readLatest(now: number): Promise<{ t: number; entries: SampleEntry[] } | undefined> {
    const row = await this.db.selectFrom('metrics_buckets').select('start').where('cluster', '=', this.cluster).where('tier', '=', 0).orderBy('start', 'desc').limit(1).executeTakeFirst();
    if (!row) return undefined;
    const [b] = await readBuckets(this.db, this.cluster, 0, Number(row.start), Number(row.start));
    if (!b) return undefined;
    const ids: number[] = [];
    for (let i = 0; i < b.codes.length / 2; i++) if (b.codes[i * 2] !== 0) ids.push(b.minId + i);
    if (ids.some((id) => !this.byId.has(id)) || now - this.byIdAt > this.o.tiers[0].widthMs * this.o.tiers[0].points) {
      const rows = await this.db.selectFrom('metrics_series').select(['id', 'kind', 'namespace', 'name', 'container', 'label_set']).where('cluster', '=', this.cluster).execute();
      this.byId = new Map(rows.map((r) => [r.id, { key: keyOf(r), labelSet: r.label_set }]));
      this.byIdAt = now;
      await this.loadLabels([...new Set(rows.map((r) => r.label_set))]);
    }
    const entries: SampleEntry[] = [];
    for (const id of ids) {
      const s = this.byId.get(id);
      const [cpu, memory] = pointOf(b, id);
      if (s && cpu !== null && memory !== null) entries.push({ key: s.key, labelSet: s.labelSet, cpu, memory });
    }
    return { t: b.start, entries };
  }

  private bucketStart(k: number, t: number): number {
    const w = this.o.tiers[k].widthMs;
    return Math.floor(t / w) * w;
  }

  /** Drops a tier's buckets older than its span at time t, and writes bucket `b` of it. */
  private async put(trx: MetricsDb, tier: number, t: number, b?: Bucket): Promise<void> {
    const spec = this.o.tiers[tier];
    await trx.deleteFrom('metrics_buckets').where('cluster', '=', this.cluster).where('tier', '=', tier).where('start', '<', t - spec.widthMs * (spec.points + 1)).execute();
    if (!b) return;
    const row = { cluster: this.cluster, tier, start: b.start, samples: b.samples, min_id: b.minId, count: b.codes.length / 2, data: toBytes(b.codes) };
    await trx
      .insertInto('metrics_buckets')
      .values(row)
      .onConflict((oc) => oc.columns(['cluster', 'tier', 'start']).doUpdateSet({ samples: row.samples, min_id: row.min_id, count: row.count, data: row.data }))
      .execute();
  }

  /** Runs `fn` in a transaction that holds this replica's lease row; false (and no longer leading) if lost. */
  private async write(fn: (trx: MetricsDb) => Promise<void>): Promise<boolean> {
    const ok = await this.db.transaction().execute(async (trx) => {
      const lease = await trx.selectFrom('history_leases').select('holder').where('name', '=', metricsLease(this.cluster)).forUpdate().executeTakeFirst();
      if (lease?.holder !== this.o.replicaId) return false;
      await fn(trx);
      return true;
    });
    if (!ok) this.leading = false;
    return ok;
  }

  /** Deletes series (and label sets no series uses) unseen for longer than the longest tier holds. */
  private async retain(t: number): Promise<void> {
    const longest = Math.max(...this.o.tiers.map((x) => x.widthMs * x.points));
    const gone = [...this.seen].filter(([, at]) => at < t - longest - this.o.tiers.at(-1)!.widthMs).map(([id]) => id);
    let dropped: number[] = [];
    const ok = await this.write(async (trx) => {
      for (const c of chunks(gone)) await trx.deleteFrom('metrics_series').where('cluster', '=', this.cluster).where('id', 'in', c).execute();
      const r = await sql<{ id: number }>`delete from metrics_label_sets l where l.cluster = ${this.cluster} and not exists (select 1 from metrics_series s where s.cluster = l.cluster and s.label_set = l.id) returning l.id`.execute(trx);
      dropped = r.rows.map((x) => x.id);
    });
    if (!ok) return;
    for (const id of dropped) {
      const labels = this.labelSets.get(id);
      this.labelSets.delete(id);
      if (labels) this.labelIds.delete(JSON.stringify(labels));
    }
    const goneIds = new Set(gone);
    for (const [key, s] of this.series) if (goneIds.has(s.id)) this.series.delete(key);
    for (const id of gone) {
      this.seen.delete(id);
      this.free.push(id);
    }
    if (gone.length) await sql`vacuum metrics_series`.execute(this.db).catch(() => undefined);
  }

  private async load(now: number): Promise<void> {
    const rows = await this.db.selectFrom('metrics_series').select(['id', 'kind', 'namespace', 'name', 'container', 'label_set']).where('cluster', '=', this.cluster).execute();
    const sets = await this.db.selectFrom('metrics_label_sets').select(['id', 'labels']).where('cluster', '=', this.cluster).execute();
    const last = await this.db.selectFrom('metrics_buckets').select((eb) => eb.fn.max('start').as('start')).where('cluster', '=', this.cluster).where('tier', '=', 0).executeTakeFirst();
    this.series = new Map(rows.map((r) => [keyOf(r), { id: r.id, labelSet: r.label_set }]));
    // when a series was last sampled is not stored (rewriting 50,000 rows every few minutes would bloat the
    // table): a series a replica loads counts as seen now, and is forgotten a day after it stops appearing
    this.seen = new Map(rows.map((r) => [r.id, now]));
    this.nextId = rows.reduce((m, r) => Math.max(m, r.id + 1), 0);
    const used = new Set(rows.map((r) => r.id));
    this.free = [];
    for (let id = this.nextId - 1; id >= 0; id--) if (!used.has(id)) this.free.push(id);
    this.labelSets = new Map(sets.map((s) => [s.id, s.labels]));
    this.labelIds = new Map(sets.map((s) => [JSON.stringify(s.labels), s.id]));
    this.nextLabel = sets.reduce((m, s) => Math.max(m, s.id + 1), 0);
    this.pendingLabels = [];
    this.lastT = last?.start == null ? undefined : Number(last.start);
  }

  private async loadLabels(ids: number[]): Promise<Map<number, Record<string, string>>> {
    const missing = ids.filter((id) => !this.labelSets.has(id));
    for (const c of chunks(missing)) {
      const rows = await this.db.selectFrom('metrics_label_sets').select(['id', 'labels']).where('cluster', '=', this.cluster).where('id', 'in', c).execute();
      for (const r of rows) this.labelSets.set(r.id, r.labels);
    }
    return new Map(ids.map((id) => [id, this.labels(id)]));
  }
}
