import { describe, expect, it } from 'vitest';
import { WatchHistory } from './history';

describe('WatchHistory', () => {
  it('returns the events after a known position, by equality of resourceVersion only', () => {
    const h = new WatchHistory<string>(100);
    h.push(undefined, '10');
    h.push({ type: 'ADDED', object: 'a' }, '9'); // opaque: "9" after "10" is fine
    h.push({ type: 'MODIFIED', object: 'a' }, undefined); // synthetic relist event: not resumable
    h.push(undefined, 'x');
    expect(h.since('10')?.map((e) => e.type)).toEqual(['ADDED', 'MODIFIED']);
    expect(h.since('9')?.map((e) => e.type)).toEqual(['MODIFIED']);
    expect(h.since('x')).toEqual([]);
    expect(h.since('nope')).toBeUndefined();
  });

  it('forgets positions that were trimmed', () => {
    const h = new WatchHistory<number>(10);
    for (let i = 0; i < 200; i++) h.push({ type: 'MODIFIED', object: i }, String(i));
    expect(h.since('5')).toBeUndefined();
    expect(h.since('198')).toEqual([{ type: 'MODIFIED', object: 199 }]);
    expect(h.size).toBeLessThanOrEqual(10 + 64);
  });
});
