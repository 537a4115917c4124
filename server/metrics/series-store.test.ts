import { describe, expect, it } from 'vitest';
import { decode, encode } from './codec';
import { defaultTiers, SeriesStore } from './series-store';

const T0 = Date.UTC(2026, 0, 1);

function store(maxSeries = 100) {
  return new SeriesStore({ tiers: defaultTiers(15_000), maxSeries });
}

describe('codec', () => {
  it('round-trips within 0.07 % from microcores to terabytes, and keeps zero and empty apart', () => {
    for (const v of [1e-6, 0.0021, 0.25, 3.7, 12 * 2 ** 20, 7.5 * 2 ** 30, 2 ** 43]) {
      const back = decode(encode(v))!;
      expect(Math.abs(back - v) / v).toBeLessThan(7e-4);
    }
    expect(decode(encode(0))).toBe(0);
    expect(decode(0)).toBeNull();
  });
});

describe('SeriesStore', () => {
  it('serves 15 s points for 15 min and averaged buckets for longer ranges', () => {
    const s = store();
    const l = s.internLabels({ app: 'web' });
    for (let i = 0; i < 8; i++) s.record(T0 + i * 15_000, [{ key: 'p/a', labelSet: l, cpu: i % 2 ? 0.2 : 0.1, memory: 1000 }]);
    const now = T0 + 7 * 15_000;
    const fine = s.query(now, 900_000, () => true);
    expect(fine.stepMs).toBe(15_000);
    expect(fine.times).toHaveLength(8);
    expect(fine.series[0].cpu[1]).toBeCloseTo(0.2, 3);
    const hour = s.query(now, 3_600_000, () => true);
    expect(hour.stepMs).toBe(60_000);
    expect(hour.times).toEqual([T0, T0 + 60_000]);
    expect(hour.series[0].cpu[0]).toBeCloseTo(0.15, 3);
    expect(hour.series[0].memory[0]).toBeCloseTo(1000, -1);
  });

  it('forgets buckets older than a ring and frees series unseen for 24 h', () => {
    const s = store();
    const l = s.internLabels(undefined);
    s.record(T0, [{ key: 'old', labelSet: l, cpu: 1, memory: 1 }]);
    for (let t = T0 + 15_000; t <= T0 + 2 * 3_600_000; t += 15_000) s.record(t, [{ key: 'new', labelSet: l, cpu: 1, memory: 1 }]);
    const now = T0 + 2 * 3_600_000;
    expect(s.query(now, 900_000, () => true).times).toHaveLength(60);
    expect(s.query(now, 900_000, (k) => k === 'old').series[0].cpu.every((v) => v === null)).toBe(true);
    expect(s.size).toBe(2);
    s.record(T0 + 25 * 3_600_000, [{ key: 'new', labelSet: l, cpu: 1, memory: 1 }]);
    expect(s.size).toBe(1);
  });

  it('never holds more than maxSeries, evicting the series seen longest ago', () => {
    const s = store(3);
    const l = s.internLabels(undefined);
    s.record(T0, ['a', 'b', 'c'].map((key) => ({ key, labelSet: l, cpu: 1, memory: 1 })));
    s.record(T0 + 15_000, ['b', 'c', 'd'].map((key) => ({ key, labelSet: l, cpu: 1, memory: 1 })));
    expect(s.size).toBe(3);
    expect(s.query(T0 + 15_000, 900_000, () => true).series.map((x) => x.key).sort()).toEqual(['b', 'c', 'd']);
  });

  it('shares label sets between series and drops them with their last series', () => {
    const s = store();
    const a = s.internLabels({ app: 'web', hash: '1' });
    expect(s.internLabels({ app: 'web', hash: '1' })).toBe(a);
    s.record(T0, [{ key: 'x', labelSet: a, cpu: 1, memory: 1 }]);
    s.record(T0 + 25 * 3_600_000, []);
    expect(s.labels(a)).toEqual({});
  });
});
