import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatGoDuration, humanDuration, parseGoDuration } from './duration';
import { ageOf, timeOf } from './age';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;

describe('humanDuration (kubectl)', () => {
  it.each([
    [-5 * s, '<invalid>'],
    [-1 * s + 1, '0s'],
    [0, '0s'],
    [119 * s, '119s'],
    [2 * m, '2m'],
    [3 * m + 20 * s, '3m20s'],
    [10 * m + 5 * s, '10m'],
    [179 * m, '179m'],
    [3 * h, '3h'],
    [5 * h + 30 * m, '5h30m'],
    [47 * h, '47h'],
    [2 * d, '2d'],
    [3 * d + 4 * h, '3d4h'],
    [30 * d, '30d'],
    [800 * d, '2y70d'],
    [365 * 9 * d, '9y'],
  ])('%i ms → %s', (ms, want) => expect(humanDuration(ms)).toBe(want));

  it('ageOf and timeOf handle absent and bad timestamps', () => {
    expect(ageOf(undefined, 0)).toBe('<unknown>');
    expect(ageOf('nope', 0)).toBe('<unknown>');
    expect(ageOf('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:05:00Z'))).toBe('5m');
    expect(timeOf('')).toBeNull();
  });
});

describe('Go durations', () => {
  it('formats like time.Duration.String()', () => {
    expect(formatGoDuration(3.6e12)).toBe('1h0m0s');
    expect(formatGoDuration(1.5e9)).toBe('1.5s');
    expect(formatGoDuration(3e8)).toBe('300ms');
    expect(formatGoDuration(-9e10)).toBe('-1m30s');
    expect(formatGoDuration(0)).toBe('0s');
  });
  it('parses what it formats, and rejects garbage', () => {
    expect(parseGoDuration('1h2m3.5s')).toBe(3.6e12 + 1.2e11 + 3.5e9);
    expect(parseGoDuration('0')).toBe(0);
    for (const bad of ['', '5', 'h', '1x', '1h 2m']) expect(parseGoDuration(bad), bad).toBeNull();
    fc.assert(
      fc.property(fc.integer({ min: -1e15, max: 1e15 }), (ns) => {
        expect(parseGoDuration(formatGoDuration(ns))).toBeCloseTo(ns, -1);
      }),
    );
  });
});
