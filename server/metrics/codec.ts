/**
 * 16-bit log-scale encoding of non-negative usage values (CPU cores, memory bytes): half the size of a
 * Float32Array, relative error ≤ 0.07 % over 1 µcore … 18 TB, which is far below what a chart can show.
 * Code 0 means "no sample", 1 means exactly zero.
 */
const MIN = 1e-6;
const STEPS = 1024; // codes per doubling
const MAX_CODE = 65535;
const LN2 = Math.log(2);

export const EMPTY = 0;

export function encode(v: number): number {
  if (!(v > 0)) return v === 0 ? 1 : EMPTY;
  const c = Math.round((Math.log(v / MIN) / LN2) * STEPS) + 2;
  return c < 2 ? 2 : c > MAX_CODE ? MAX_CODE : c;
}

export function decode(code: number): number | null {
  if (code === EMPTY) return null;
  if (code === 1) return 0;
  return MIN * Math.pow(2, (code - 2) / STEPS);
}
