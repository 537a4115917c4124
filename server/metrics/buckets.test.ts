import { describe, expect, it } from 'vitest';
import { averageBuckets, fromBytes, packBucket, pointOf, toBytes } from './buckets';

describe('packed buckets', () => {
  it('packs series by id from the lowest one and reads them back', () => {
    const b = packBucket(60_000, [
      { id: 7, cpu: 0.25, memory: 64 * 2 ** 20 },
      { id: 5, cpu: 0, memory: 1 },
    ]);
    expect(b.minId).toBe(5);
    expect(b.codes.length).toBe(6);
    const [cpu, mem] = pointOf(b, 7);
    expect(cpu! / 0.25).toBeCloseTo(1, 3);
    expect(mem! / (64 * 2 ** 20)).toBeCloseTo(1, 3);
    expect(pointOf(b, 5)[0]).toBe(0);
    expect(pointOf(b, 6)).toEqual([null, null]);
    expect(pointOf(b, 4)).toEqual([null, null]);
    expect(pointOf(b, 8)).toEqual([null, null]);
    // a driver's Buffer at an odd offset of its pool still decodes
    const bytes = toBytes(b.codes);
    const odd = new Uint8Array(bytes.byteLength + 1);
    odd.set(bytes, 1);
    expect([...fromBytes(odd.subarray(1))]).toEqual([...b.codes]);
  });

  it('averages finer buckets weighted by their samples, over series present in any of them', () => {
    const a = { ...packBucket(0, [{ id: 1, cpu: 1, memory: 100 }]), samples: 3 };
    const c = { ...packBucket(60_000, [{ id: 1, cpu: 2, memory: 200 }, { id: 4, cpu: 0.5, memory: 50 }]), samples: 1 };
    const avg = averageBuckets(0, [a, c]);
    expect(avg.samples).toBe(4);
    expect(pointOf(avg, 1)[0]! / 1.25).toBeCloseTo(1, 3);
    expect(pointOf(avg, 1)[1]! / 125).toBeCloseTo(1, 3);
    // a series absent from a bucket is averaged over the buckets that have it
    expect(pointOf(avg, 4)[0]! / 0.5).toBeCloseTo(1, 3);
    expect(pointOf(avg, 2)).toEqual([null, null]);
    expect(averageBuckets(0, []).codes.length).toBe(0);
  });
});
