import { describe, expect, it } from 'vitest';
import { formatAge, formatDuration } from './format-age';

describe('formatDuration (kubectl HumanDuration)', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [119_000, '119s'],
    [120_000, '2m'],
    [200_000, '3m20s'],
    [17 * 60_000, '17m'],
    [179 * 60_000, '179m'],
    [5 * 3600_000 + 12 * 60_000, '5h12m'],
    [30 * 3600_000, '30h'],
    [(3 * 24 + 4) * 3600_000, '3d4h'],
    [40 * 86400_000, '40d'],
    [(730 + 30) * 86400_000, '2y30d'],
  ])('%i ms → %s', (ms, want) => expect(formatDuration(ms)).toBe(want));

  it('never goes negative for clock skew', () => expect(formatDuration(-5000)).toBe('0s'));
});

describe('formatAge', () => {
  it('handles missing and bad timestamps', () => {
    expect(formatAge(undefined, 0)).toBe('');
    expect(formatAge('nope', 0)).toBe('');
  });
  it('measures from the timestamp', () => {
    expect(formatAge('2024-01-01T00:00:00Z', Date.parse('2024-01-01T00:01:00Z'))).toBe('60s');
  });
});
