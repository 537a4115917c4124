import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { keysMatchCollator, sortKey, sortRowsFast } from './columns-sort';
import { naturalCollator, type CellValue, type Column } from './columns';
import { sortRows, type Row } from './table-model';
import type { K8sObject } from './types';

// strings shaped like Kubernetes names and values: digit runs with leading zeros, case, '-', '.'
const safeChar = fc.constantFrom(...'aAbBcyz-.0019'.split(''));
const safe = fc.array(safeChar, { maxLength: 8 }).map((cs) => cs.join(''));
const value: fc.Arbitrary<CellValue> = fc.oneof({ weight: 8, arbitrary: safe }, fc.constant(null), fc.constant(''));
const columns: Column[] = [{ id: 'v', label: 'V', value: () => null }];

const rowsOf = (values: CellValue[]): Row[] =>
  values.map((v, i) => ({ id: `ns/r-${String(i).padStart(3, '0')}`, obj: { metadata: { name: `r-${i}` } } as K8sObject, values: [v], haystack: '' }));
const ids = (rows: Row[]) => rows.map((r) => r.id);

describe('columns sort keys', () => {
  it('agree with the collator here (the probe passes in this locale)', () => {
    expect(keysMatchCollator()).toBe(true);
  });

  it('order any two safe strings as the numeric base-strength collator does', () => {
    fc.assert(
      fc.property(safe, safe, (a, b) => {
        const ka = sortKey(a)!;
        const kb = sortKey(b)!;
        expect(Math.sign(ka < kb ? -1 : ka > kb ? 1 : 0)).toBe(Math.sign(naturalCollator.compare(a, b)));
      }),
      { numRuns: 3000 },
    );
  });

  it('have no key for strings outside [A-Za-z0-9.-] or with huge digit runs', () => {
    expect(sortKey('Init:0/2')).toBeUndefined();
    expect(sortKey('3 (2m ago)')).toBeUndefined();
    expect(sortKey('a_b')).toBeUndefined();
    expect(sortKey('1'.repeat(41))).toBeUndefined();
    expect(sortKey('pod-010')).toBe(sortKey('POD-10'));
  });

  it('sortRowsFast gives exactly the reference order, both directions, empties last', () => {
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.boolean(), (values, desc) => {
        const rows = rowsOf(values);
        expect(ids(sortRowsFast(rows, columns, { columnId: 'v', desc }))).toEqual(ids(sortRows(rows, columns, { columnId: 'v', desc })));
      }),
      { numRuns: 1000 },
    );
  });

  it('falls back to the reference for values without keys, numbers, custom comparators and unknown columns', () => {
    const rows = rowsOf(['b:1', 'a:2', 'a:10', null]);
    expect(ids(sortRowsFast(rows, columns, { columnId: 'v', desc: false }))).toEqual(ids(sortRows(rows, columns, { columnId: 'v', desc: false })));
    const nums = rowsOf([3, 1, 2]);
    expect(ids(sortRowsFast(nums, columns, { columnId: 'v', desc: true }))).toEqual(['ns/r-000', 'ns/r-002', 'ns/r-001']);
    const custom: Column[] = [{ ...columns[0], sort: (a, b) => String(b).localeCompare(String(a)) }];
    expect(ids(sortRowsFast(rowsOf(['a', 'b']), custom, { columnId: 'v', desc: false }))).toEqual(['ns/r-001', 'ns/r-000']);
    expect(sortRowsFast(rows, columns, { columnId: 'nope', desc: false })).toBe(rows);
    expect(sortRowsFast(rows, columns, null)).toBe(rows);
  });
});
