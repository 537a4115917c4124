/**
 * One packed bucket: a tier's average over one time bucket for every series of a cluster, as Uint16 codes
 * (codec.ts) [cpu, memory] per series id from minId. Little-endian on the wire (every platform Node runs on
 * here is little-endian; the typed arrays are used as-is).
 */
import { decode, encode, EMPTY } from './codec';

export interface Bucket {
  start: number;
  samples: number;
  minId: number;
  /** length 2 × count */
  codes: Uint16Array;
}

export function packBucket(start: number, values: { id: number; cpu: number; memory: number }[]): Bucket {
  let min = Infinity;
  let max = -1;
  for (const v of values) {
    if (v.id < min) min = v.id;
    if (v.id > max) max = v.id;
  }
  if (max < 0) return { start, samples: 1, minId: 0, codes: new Uint16Array(0) };
  const codes = new Uint16Array((max - min + 1) * 2);
  for (const v of values) {
    codes[(v.id - min) * 2] = encode(v.cpu);
    codes[(v.id - min) * 2 + 1] = encode(v.memory);
  }
  return { start, samples: 1, minId: min, codes };
}

export function toBytes(codes: Uint16Array): Uint8Array {
  return new Uint8Array(codes.buffer, codes.byteOffset, codes.byteLength);
}

export function fromBytes(b: Uint8Array): Uint16Array {
  // a driver's Buffer may sit at an odd offset of a shared pool: copy to an aligned buffer
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Uint16Array(copy.buffer, 0, b.byteLength >> 1);
}

/** [cpu, memory] of series `id` in a bucket, null where it has no sample. */
export function pointOf(b: Bucket, id: number): [number | null, number | null] {
  const i = (id - b.minId) * 2;
  if (i < 0 || i >= b.codes.length) return [null, null];
  return [decode(b.codes[i]), decode(b.codes[i + 1])];
}

/** The sample-weighted average of buckets (a coarser tier's bucket from the finer tier's ones). */
export function averageBuckets(start: number, parts: Bucket[]): Bucket {
  let min = Infinity;
  let end = 0;
  let samples = 0;
  for (const p of parts) {
    samples += p.samples;
    if (p.codes.length === 0) continue;
    min = Math.min(min, p.minId);
    end = Math.max(end, p.minId + p.codes.length / 2);
  }
  if (end === 0) return { start, samples, minId: 0, codes: new Uint16Array(0) };
  const n = (end - min) * 2;
  const sum = new Float64Array(n);
  const weight = new Float64Array(n);
  for (const p of parts) {
    const off = (p.minId - min) * 2;
    for (let i = 0; i < p.codes.length; i++) {
      const c = p.codes[i];
      if (c === EMPTY) continue;
      sum[off + i] += decode(c)! * p.samples;
      weight[off + i] += p.samples;
    }
  }
  const codes = new Uint16Array(n);
  for (let i = 0; i < n; i++) if (weight[i] > 0) codes[i] = encode(sum[i] / weight[i]);
  return { start, samples, minId: min, codes };
}
