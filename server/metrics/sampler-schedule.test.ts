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
