import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { cpuQuantity, isQuantity, memoryQuantity, parseQuantity, parseSpecQuantity } from './quantity';

describe('parseQuantity', () => {
  it('parses decimal and binary suffixes and exponents', () => {
    expect(parseQuantity('100m')).toBeCloseTo(0.1);
    expect(parseQuantity('2')).toBe(2);
    expect(parseQuantity('1Gi')).toBe(1073741824);
    expect(parseQuantity('129M')).toBe(129e6);
    expect(parseQuantity('250000000n')).toBeCloseTo(0.25);
    expect(parseQuantity('1e3')).toBe(1000);
    expect(parseQuantity('1.5Ki')).toBe(1536);
    expect(parseQuantity('.5')).toBe(0.5);
    expect(parseQuantity(3)).toBe(3);
  });
  it('is null, never 0, for absent or malformed input', () => {
    for (const q of ['', 'abc', '1Xi', '1.2.3', '1e', '1e3Ki', '.', undefined, null, {} as never, NaN]) expect(parseQuantity(q), String(q)).toBeNull();
    expect(isQuantity('1kk')).toBe(false);
    expect(isQuantity('10Mi')).toBe(true);
  });
  it('a number printed with any suffix parses back to number × multiplier', () => {
    const mult = { '': 1, k: 1e3, M: 1e6, Ki: 1024, Mi: 1024 ** 2, m: 1e-3 } as const;
    fc.assert(
      fc.property(fc.nat(1_000_000), fc.constantFrom(...(Object.keys(mult) as (keyof typeof mult)[])), (n, s) => {
        expect(parseQuantity(`${n}${s}`)).toBeCloseTo(n * mult[s], 6);
      }),
    );
  });
});

describe('parseSpecQuantity', () => {
  it('answers what parseQuantity answers, also once more strings than it remembers went through', () => {
    const q = fc.oneof(fc.string({ maxLength: 6 }), fc.nat(5000).map((n) => `${n}m`), fc.constantFrom('100m', '128Mi', '1.5Ki', '', 'x'));
    fc.assert(
      fc.property(fc.array(q, { minLength: 1, maxLength: 200 }), (qs) => {
        for (const s of qs) expect(parseSpecQuantity(s)).toBe(parseQuantity(s));
      }),
      { numRuns: 50 },
    );
    for (let i = 0; i < 5000; i++) expect(parseSpecQuantity(`${i}Mi`)).toBe(i * 2 ** 20);
    for (const v of [undefined, null, 3, NaN]) expect(parseSpecQuantity(v)).toBe(parseQuantity(v));
  });
});

describe('formatting', () => {
  it('as metrics-server writes usage', () => {
    expect(cpuQuantity(0.123)).toBe('123m');
    expect(cpuQuantity(0.0000005)).toBe('500n');
    expect(memoryQuantity(2048)).toBe('2Ki');
    expect(parseQuantity(cpuQuantity(0.5))).toBeCloseTo(0.5);
  });
});
