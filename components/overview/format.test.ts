import { describe, expect, it } from 'vitest';
import { formatBytes, formatCores, fraction, percent } from './format';

describe('formatCores', () => {
  it.each([
    [0, '0'],
    [0.25, '250m'],
    [1, '1'],
    [1.5, '1.5'],
    [3.333, '3.33'],
    [128, '128'],
  ])('%d → %s', (c, want) => expect(formatCores(c)).toBe(want));
});

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [512, '512 B'],
    [1536, '1.5 KiB'],
    [8 * 1024 ** 3, '8 GiB'],
    [300 * 1024 ** 2, '300 MiB'],
  ])('%d → %s', (b, want) => expect(formatBytes(b)).toBe(want));
});

describe('fraction', () => {
  it('clamps and guards a zero whole', () => {
    expect(fraction(5, 10)).toBe(0.5);
    expect(fraction(15, 10)).toBe(1);
    expect(fraction(1, 0)).toBe(0);
    expect(fraction(undefined, 10)).toBe(0);
    expect(percent(0.125)).toBe('13%');
  });
});
