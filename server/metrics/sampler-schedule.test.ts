import { afterEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { MetricsSampler } from './sampler';
import type { ClusterRegistry } from '../clusters/registry';

describe('the metrics sampler’s tick', () => {
  afterEach(() => vi.useRealTimers());

  it('waits while lists are being opened, but never longer than one interval', async () => {
    vi.useFakeTimers();
    let hold = 0;
    const registry = { onChange: () => () => undefined, list: () => [{ id: 'c1', state: 'connected' }] } as unknown as ClusterRegistry;
    const sampler = new MetricsSampler(registry, pino({ level: 'silent' }), { intervalMs: 10_000, holdOffMs: () => hold });
    const sampled: number[] = [];
    vi.spyOn(sampler, 'sample').mockImplementation(async (c) => {
      sampled.push(Date.now());
      return sampler.entry(c);
    });
    try {
      const t0 = Date.now();
      await vi.advanceTimersByTimeAsync(1_000); // the first tick, nobody browsing
      expect(sampled).toEqual([t0 + 1_000]);
      hold = 3_000;
      await vi.advanceTimersByTimeAsync(10_000); // the next tick comes while lists are being opened
      expect(sampled).toHaveLength(1);
      hold = 0;
      await vi.advanceTimersByTimeAsync(3_000); // quiet again: sampled after the hold-off
      expect(sampled).toEqual([t0 + 1_000, t0 + 14_000]);
      hold = 3_000; // always browsing: held off for at most one interval (4 × 3 s), then sampled anyway
      await vi.advanceTimersByTimeAsync(10_000 + 12_000);
      expect(sampled).toEqual([t0 + 1_000, t0 + 14_000, t0 + 36_000]);
    } finally {
      await sampler.stop();
    }
  });
});

describe('recording a sample', () => {
  afterEach(() => vi.useRealTimers());

  it('writes the history once lists stop opening (at most one interval later)', async () => {
    vi.useFakeTimers();
    let hold = 4_000;
    const registry = { onChange: () => () => undefined, list: () => [] } as unknown as ClusterRegistry;
    const sampler = new MetricsSampler(registry, pino({ level: 'silent' }), { intervalMs: 10_000, timer: false, holdOffMs: () => hold });
    const m = sampler.entry('c1');
    const items = [{ metadata: { namespace: 'ns', name: 'p1' }, containers: [{ name: 'app', usage: { cpu: '250m', memory: '64Mi' } }] }];
    let done = false;
    const recorded = sampler.record(m, Date.now(), items, []).then(() => (done = true));
    try {
      await vi.advanceTimersByTimeAsync(3_999);
      expect(done).toBe(false);
      expect(m.available).toBe(false);
      hold = 0;
      await vi.advanceTimersByTimeAsync(1);
      await recorded;
      expect(m.pods).toEqual([{ ns: 'ns', name: 'p1', labelSet: expect.any(Number), cpu: 0.25, memory: 64 * 2 ** 20, containers: [{ name: 'app', cpu: 0.25, memory: 64 * 2 ** 20 }] }]);
      hold = 4_000; // always browsing: written after waiting one interval
      done = false;
      const again = sampler.record(m, Date.now(), items, []).then(() => (done = true));
      await vi.advanceTimersByTimeAsync(11_999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      await again;
    } finally {
      await sampler.stop();
    }
  });
});

describe('the latest usage', () => {
  it('never waits for a sample: an unsampled cluster gets its first one started and answers "no sample yet"', async () => {
    const registry = { onChange: () => () => undefined, list: () => [] } as unknown as ClusterRegistry;
    const sampler = new MetricsSampler(registry, pino({ level: 'silent' }), { timer: false });
    let finish!: () => void;
    const started: string[] = [];
    vi.spyOn(sampler, 'sample').mockImplementation((c) => {
      started.push(c);
      return new Promise((r) => (finish = () => r(sampler.entry(c))));
    });
    try {
      const m = sampler.latest('c1');
      expect(m.available).toBe(false);
      expect(m.reason).toMatch(/^No sample yet/);
      expect(started).toEqual(['c1']);
      expect(sampler.latest('c1')).toBe(m); // the entry exists now: no second sample
      expect(started).toEqual(['c1']);
      finish();
    } finally {
      await sampler.stop();
    }
  });
});
