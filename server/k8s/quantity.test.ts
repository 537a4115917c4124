import { describe, expect, it } from 'vitest';
import { parseQuantity } from './quantity';

describe('parseQuantity', () => {
  it('parses decimal and binary suffixes', () => {
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1Gi')).toBe(1073741824);
    expect(parseQuantity('129M')).toBe(129e6);
    expect(parseQuantity('250000000n')).toBeCloseTo(0.25);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('1.5Ki')).toBe(1536);
  });
  it('treats malformed values as zero', () => {
    for (const q of ['', 'abc', '1Xi', undefined, null, {}]) expect(parseQuantity(q)).toBe(0);
  });
});
