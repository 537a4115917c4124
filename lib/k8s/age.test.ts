import { describe, expect, it } from 'vitest';
import { ageOf, humanDuration } from './age';

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
  it('ageOf handles absent timestamps', () => {
    expect(ageOf(undefined)).toBe('<unknown>');
    expect(ageOf('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:05:00Z'))).toBe('5m');
  });
});
