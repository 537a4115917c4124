import { describe, expect, it } from 'vitest';
import { NdjsonSplitter } from './ndjson';

describe('NdjsonSplitter', () => {
  it('joins lines split across chunks and flushes the tail', () => {
    const s = new NdjsonSplitter();
    expect(s.push('{"a":1}\n{"b"')).toEqual([{ a: 1 }]);
    expect(s.push(':2}\n\n')).toEqual([{ b: 2 }]);
    expect(s.push('{"c":3}')).toEqual([]);
    expect(s.end()).toEqual([{ c: 3 }]);
  });
});
