/**
 * Bounded, downsampled usage history in typed arrays. Every series (one per pod container, one per node) keeps
 * four rings of averaged buckets: the sampling interval for 15 min, 1 min for 1 h, 5 min for 6 h, 30 min for
 * 24 h (240 points, CPU and memory each as a 16-bit log-scale code: 960 bytes a series). All series of a cluster
 * are sampled together, so the time axis of each ring is shared (one Float64Array of bucket starts per tier).
 * Slots live in chunks of 1024 so a small cluster allocates little; `maxSeries` caps the total, evicting the
 * series seen longest ago. A series whose last sample is older than the longest tier is freed.
 */
import { decode, encode, EMPTY } from './codec';

export interface TierSpec {
  widthMs: number;
  points: number;
}

export function defaultTiers(intervalMs: number): TierSpec[] {
  return [
    { widthMs: intervalMs, points: Math.max(1, Math.round(900_000 / intervalMs)) },
    { widthMs: 60_000, points: 60 },
    { widthMs: 300_000, points: 72 },
    { widthMs: 1_800_000, points: 48 },
  ];
}

export interface SampleEntry {
  key: string;
  labelSet: number;
  cpu: number;
  memory: number;
}

export interface QueryResult {
  stepMs: number;
  times: number[];
  series: { key: string; labelSet: number; cpu: (number | null)[]; memory: (number | null)[] }[];
}

const CHUNK = 1024;

interface Tier extends TierSpec {
  offset: number;
  starts: Float64Array;
  counts: Uint32Array;
}

export class SeriesStore {
  readonly tiers: Tier[];
  private readonly perSeries: number;
  private readonly maxSeries: number;
  private chunks: Uint16Array[] = [];
  private lastSeen: Float64Array[] = [];
  private labelOf: Int32Array[] = [];
  private keys: (string | undefined)[] = [];
  private index = new Map<string, number>();
  private free: number[] = [];
  private labelIds = new Map<string, number>();
  private labelSets: (Record<string, string> | undefined)[] = [];
  private labelRefs: number[] = [];
  private labelFree: number[] = [];
  private oldestStart = Infinity;

  constructor(o: { tiers: TierSpec[]; maxSeries: number }) {
    let offset = 0;
    this.tiers = o.tiers.map((t) => {
      const tier = { ...t, offset, starts: new Float64Array(t.points).fill(NaN), counts: new Uint32Array(t.points) };
      offset += t.points;
      return tier;
    });
    this.perSeries = offset * 2;
    this.maxSeries = o.maxSeries;
  }

  get size(): number {
    return this.index.size;
  }

  /** Longest span the rings cover (the last tier's width × points). */
  get spanMs(): number {
    const t = this.tiers[this.tiers.length - 1];
    return t.widthMs * t.points;
  }

  /** Start of the oldest bucket still held, or Infinity when empty. */
  get coverageStart(): number {
    return this.oldestStart;
  }

  /** Bytes held by typed arrays plus an estimate of the key strings and maps (2 bytes a char + ~80 a series). */
  bytes(): number {
    let b = this.chunks.length * CHUNK * (this.perSeries * 2 + 8 + 4);
    for (const t of this.tiers) b += t.points * 12;
    for (const k of this.keys) if (k) b += k.length * 2 + 80;
    return b;
  }

  internLabels(labels: Record<string, string> | undefined): number {
    const json = JSON.stringify(labels ?? {});
    let id = this.labelIds.get(json);
    if (id === undefined) {
      id = this.labelFree.pop() ?? this.labelSets.length;
      this.labelSets[id] = labels ?? {};
      this.labelRefs[id] = 0;
      this.labelIds.set(json, id);
    }
    return id;
  }

  labels(id: number): Record<string, string> {
    return this.labelSets[id] ?? {};
  }

  /** Adds one sample of every series at time t (all series of a cluster share the sample time). */
  record(t: number, entries: Iterable<SampleEntry>): void {
    const positions = this.tiers.map((tier) => this.advance(tier, t));
    for (const e of entries) {
      const slot = this.slotFor(e.key, e.labelSet, t);
      const chunk = this.chunks[(slot / CHUNK) | 0];
      const base = (slot % CHUNK) * this.perSeries;
      this.lastSeen[(slot / CHUNK) | 0][slot % CHUNK] = t;
      const cpu = encode(e.cpu);
      const memory = encode(e.memory);
      for (let i = 0; i < this.tiers.length; i++) {
        const tier = this.tiers[i];
        const pos = positions[i];
        const n = tier.counts[pos];
        this.mix(chunk, base + tier.offset + pos, e.cpu, cpu, n);
        this.mix(chunk, base + this.perSeries / 2 + tier.offset + pos, e.memory, memory, n);
      }
    }
    // unseen series can only age out when the longest ring moves on
    const last = this.tiers[this.tiers.length - 1];
    if (last.counts[positions[positions.length - 1]] === 1) this.collect(t);
  }

  /**
   * Series matching `match`, from the finest tier that covers `rangeMs` back from `now`. Values are bucket
   * averages; null where a series has no sample in a bucket.
   */
  query(now: number, rangeMs: number, match: (key: string, labelSet: number) => boolean): QueryResult {
    const tier = this.tiers.find((t) => t.widthMs * t.points >= rangeMs) ?? this.tiers[this.tiers.length - 1];
    const from = now - rangeMs;
    const order: number[] = [];
    for (let p = 0; p < tier.points; p++) {
      const s = tier.starts[p];
      if (!Number.isNaN(s) && s + tier.widthMs > from && s <= now) order.push(p);
    }
    order.sort((a, b) => tier.starts[a] - tier.starts[b]);
    const series: QueryResult['series'] = [];
    for (const [key, slot] of this.index) {
      const labelSet = this.labelOf[(slot / CHUNK) | 0][slot % CHUNK];
      if (!match(key, labelSet)) continue;
      const chunk = this.chunks[(slot / CHUNK) | 0];
      const base = (slot % CHUNK) * this.perSeries + tier.offset;
      const half = this.perSeries / 2;
      series.push({ key, labelSet, cpu: order.map((p) => decode(chunk[base + p])), memory: order.map((p) => decode(chunk[base + half + p])) });
    }
    return { stepMs: tier.widthMs, times: order.map((p) => tier.starts[p]), series };
  }

  /** Moves a tier's ring to the bucket of t, clearing the position it reuses; returns that position. */
  private advance(tier: Tier, t: number): number {
    const bucket = Math.floor(t / tier.widthMs);
    const pos = bucket % tier.points;
    const start = bucket * tier.widthMs;
    if (tier.starts[pos] !== start) {
      tier.starts[pos] = start;
      tier.counts[pos] = 0;
      for (const chunk of this.chunks) {
        for (let s = 0; s < CHUNK; s++) {
          const base = s * this.perSeries + tier.offset + pos;
          chunk[base] = EMPTY;
          chunk[base + this.perSeries / 2] = EMPTY;
        }
      }
      let oldest = Infinity;
      for (const x of this.tiers) for (const s of x.starts) if (s < oldest) oldest = s;
      this.oldestStart = oldest;
    }
    tier.counts[pos]++;
    return pos;
  }

  /** Running mean within a bucket: n samples of the cluster so far, including this one. */
  private mix(chunk: Uint16Array, i: number, v: number, code: number, n: number): void {
    const prev = chunk[i];
    if (prev === EMPTY || n <= 1) {
      chunk[i] = code;
      return;
    }
    const old = decode(prev)!;
    chunk[i] = encode(old + (v - old) / n);
  }

  private slotFor(key: string, labelSet: number, t: number): number {
    let slot = this.index.get(key);
    if (slot !== undefined) {
      const c = (slot / CHUNK) | 0;
      const old = this.labelOf[c][slot % CHUNK];
      if (old !== labelSet) {
        this.unref(old);
        this.labelRefs[labelSet]++;
        this.labelOf[c][slot % CHUNK] = labelSet;
      }
      return slot;
    }
    slot = this.free.pop();
    if (slot === undefined) {
      if (this.keys.length < this.maxSeries) {
        slot = this.keys.length;
        this.keys.push(undefined);
        if (slot % CHUNK === 0) {
          this.chunks.push(new Uint16Array(CHUNK * this.perSeries));
          this.lastSeen.push(new Float64Array(CHUNK));
          this.labelOf.push(new Int32Array(CHUNK));
        }
      } else {
        slot = this.oldestSlot(t);
        this.release(slot);
      }
    }
    this.keys[slot] = key;
    this.index.set(key, slot);
    this.labelOf[(slot / CHUNK) | 0][slot % CHUNK] = labelSet;
    this.labelRefs[labelSet]++;
    const chunk = this.chunks[(slot / CHUNK) | 0];
    chunk.fill(EMPTY, (slot % CHUNK) * this.perSeries, (slot % CHUNK + 1) * this.perSeries);
    return slot;
  }

  private oldestSlot(t: number): number {
    let best = 0;
    let bestSeen = t;
    for (let s = 0; s < this.keys.length; s++) {
      const seen = this.lastSeen[(s / CHUNK) | 0][s % CHUNK];
      if (seen < bestSeen) {
        bestSeen = seen;
        best = s;
      }
    }
    return best;
  }

  private release(slot: number): void {
    const key = this.keys[slot];
    if (key === undefined) return;
    this.index.delete(key);
    this.keys[slot] = undefined;
    this.unref(this.labelOf[(slot / CHUNK) | 0][slot % CHUNK]);
  }

  private unref(id: number): void {
    if (--this.labelRefs[id] > 0) return;
    const labels = this.labelSets[id];
    if (labels) this.labelIds.delete(JSON.stringify(labels));
    this.labelSets[id] = undefined;
    this.labelFree.push(id);
  }

  /** Frees series with no sample within the longest tier's span. */
  private collect(t: number): void {
    const horizon = t - this.spanMs;
    for (let s = 0; s < this.keys.length; s++) {
      if (this.keys[s] === undefined) continue;
      if (this.lastSeen[(s / CHUNK) | 0][s % CHUNK] < horizon) {
        this.release(s);
        this.free.push(s);
      }
    }
  }
}
