/** The Job pod-failure back-off record: doubling from 10 s, the cap, reset on success, per-index and --speed. */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../types';
import { backoffFor, MAX_POD_FAILURE_BACKOFF_MS, PodFailureBackoff } from './job-backoff';

const pod = (uid: string, index?: number): KObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: uid, uid, ...(index !== undefined ? { annotations: { i: String(index) } } : {}) } }) as KObject;
const idx = (p: KObject) => (p.metadata.annotations?.i !== undefined ? Number(p.metadata.annotations.i) : undefined);

function setup(speed = 1) {
  const clock = { t: 1_000_000, speed, now() {
    return this.t;
  } };
  return { clock, b: new PodFailureBackoff(clock) };
}

describe('job pod-failure back-off', () => {
  it('doubles from 10 s per consecutive failure up to the cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(backoffFor)).toEqual([0, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000]);
    expect(backoffFor(7)).toBe(MAX_POD_FAILURE_BACKOFF_MS);
    expect(backoffFor(40)).toBe(MAX_POD_FAILURE_BACKOFF_MS);
  });

  it('counts each failed pod once, measures from the last failure, resets after a success', () => {
    const { clock, b } = setup();
    expect(b.remaining('ns/j')).toBe(0);
    b.observe('ns/j', 'u1', [], [pod('a')], idx);
    expect(b.remaining('ns/j')).toBe(10_000);
    clock.t += 4_000;
    b.observe('ns/j', 'u1', [], [pod('a')], idx); // seen already: no change
    expect(b.remaining('ns/j')).toBe(6_000);
    b.observe('ns/j', 'u1', [], [pod('a'), pod('b')], idx);
    expect(b.remaining('ns/j')).toBe(20_000);
    clock.t += 25_000;
    expect(b.remaining('ns/j')).toBe(0);
    b.observe('ns/j', 'u1', [pod('ok')], [pod('a'), pod('b')], idx);
    expect(b.remaining('ns/j')).toBe(0);
    b.observe('ns/j', 'u1', [pod('ok')], [pod('c')], idx);
    expect(b.remaining('ns/j')).toBe(10_000); // first failure after the success
    // a new Job of the same name (new uid) starts afresh
    b.observe('ns/j', 'u2', [], [], idx);
    expect(b.remaining('ns/j')).toBe(0);
  });

  it('runs simulated time at --speed and keeps a count per index', () => {
    const { clock, b } = setup(20);
    b.observe('ns/j', 'u', [], [pod('x0', 0), pod('x1', 1)], idx);
    clock.t += 100; // 2 simulated seconds
    expect(b.remaining('ns/j')).toBe(18_000);
    expect(b.remainingForIndex('ns/j', 0, 1)).toBe(8_000);
    expect(b.remainingForIndex('ns/j', 1, 3)).toBe(38_000);
    expect(b.remainingForIndex('ns/j', 2, 0)).toBe(0);
    b.forget('ns/j');
    expect(b.remaining('ns/j')).toBe(0);
  });
});
