/**
 * MergeQueue: lines of several containers, each in its own time order, arriving in arbitrary chunk
 * interleavings, leave in global timestamp order without reordering any container; the reorder window
 * releases lines held for a quiet container; dropping takes the oldest.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { WireLogLine } from '../../lib/protocol';
import { MergeQueue } from './merge-queue';

const ts = (n: number) => `2026-01-01T00:00:${String(Math.floor(n / 1000)).padStart(2, '0')}.${String(n % 1000).padStart(3, '0')}000000Z`;
const line = (pod: string, n: number, text = `${pod}-${n}`): WireLogLine => ({ pod, container: 'c', ts: ts(n), text });

describe('MergeQueue', () => {
  it('merges interleaved chunks of several pods by timestamp and never reorders a pod', () => {
    fc.assert(
      fc.property(
        // per pod: increasing timestamps (gaps ≥ 0 so equal timestamps occur), cut into chunks
        fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 40 }), { minLength: 2, maxLength: 4 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 200 }),
        (gapsPerPod, schedule) => {
          const pods = gapsPerPod.map((gaps, p) => {
            let t = 0;
            return gaps.map((g, i) => line(`p${p}`, (t += g), `p${p}-${i}`));
          });
          const q = new MergeQueue(1_000);
          pods.forEach((_, p) => q.open(`p${p}`));
          const next = pods.map(() => 0);
          const out: WireLogLine[] = [];
          // deliver chunks in a random pod order, taking whatever may leave after each
          for (let k = 0; next.some((n, p) => n < pods[p]!.length); k++) {
            const live = pods.map((_, p) => p).filter((p) => next[p]! < pods[p]!.length);
            const p = live[(schedule[k % schedule.length] ?? 0) % live.length]!;
            const size = 1 + ((schedule[(k + 1) % schedule.length] ?? 0) % 5);
            q.push(`p${p}`, pods[p]!.slice(next[p], next[p]! + size), 0);
            next[p] = Math.min(pods[p]!.length, next[p]! + size);
            if (next[p] === pods[p]!.length) q.close(`p${p}`);
            out.push(...q.take(1_000, 0));
          }
          expect(q.size).toBe(0);
          expect(out.map((l) => l.ts)).toEqual(out.map((l) => l.ts).sort());
          pods.forEach((lines, p) => expect(out.filter((l) => l.pod === `p${p}`)).toEqual(lines));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('holds lines for an open quiet pod until the window passes, then releases them', () => {
    const q = new MergeQueue(400);
    q.open('a');
    q.open('b');
    q.push('a', [line('a', 10), line('a', 20)], 1_000);
    expect(q.take(10, 1_000)).toEqual([]);
    expect(q.dueIn(1_100)).toBe(300);
    expect(q.take(10, 1_400).map((l) => l.text)).toEqual(['a-10', 'a-20']);
    // b's late line older than what left: it goes next, a container's order is all that is kept
    q.push('b', [line('b', 5)], 1_500);
    expect(q.take(10, 1_500)).toEqual([]); // a is open and now empty: b waits for it
    q.push('a', [line('a', 30)], 1_510);
    expect(q.take(10, 1_510).map((l) => l.text)).toEqual(['b-5']);
  });

  it('keeps a line without timestamp with its predecessor and drops the oldest first', () => {
    const q = new MergeQueue(0);
    q.push('a', [line('a', 10), { pod: 'a', container: 'c', ts: '', text: 'a-cont' }, line('a', 40)], 0);
    q.push('b', [line('b', 20), line('b', 30)], 0);
    expect(q.drop(1)).toBe(1);
    expect(q.take(10, 0).map((l) => l.text)).toEqual(['a-cont', 'b-20', 'b-30', 'a-40']);
    expect(q.size).toBe(0);
  });
});
