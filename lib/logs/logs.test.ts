import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { RingBuffer } from './ring-buffer';
import { sinceTimeFor, splitTimestamp, tsKey } from './timestamp';
import { ResumeCursor } from '../k8s/machinery/log-resume-cursor';
import { ansiToSpans, stripAnsi } from './ansi';
import { compileSearch, highlight } from './search';
import { podColor, truncateForDisplay } from './display';

describe('RingBuffer', () => {
  it('keeps the newest `capacity` items in order and counts evictions', () => {
    const r = new RingBuffer<number>(3);
    for (let i = 0; i < 5; i++) r.push(i);
    expect(r.toArray()).toEqual([2, 3, 4]);
    expect(r.dropped).toBe(2);
    expect(r.get(0)).toBe(2);
    expect(r.last()).toBe(4);
    r.pushAll([5, 6, 7, 8, 9]);
    expect(r.toArray()).toEqual([7, 8, 9]);
    expect(r.dropped).toBe(7);
  });
  it('matches a plain array tail for any push sequence', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.array(fc.integer(), { maxLength: 30 }), { maxLength: 10 }), (cap, batches) => {
        const r = new RingBuffer<number>(cap);
        const all: number[] = [];
        for (const b of batches) {
          r.pushAll(b);
          all.push(...b);
        }
        expect(r.toArray()).toEqual(all.slice(-cap));
        expect(r.dropped).toBe(Math.max(0, all.length - cap));
      }),
    );
  });
});

describe('timestamps', () => {
  it('pads trimmed RFC3339Nano fractions so keys sort', () => {
    expect(tsKey('2024-05-01T10:00:00.1Z')).toBe('2024-05-01T10:00:00.100000000Z');
    expect(tsKey('2024-05-01T10:00:00Z')).toBe('2024-05-01T10:00:00.000000000Z');
    expect(tsKey('2024-05-01T12:00:00.5+02:00')).toBe('2024-05-01T10:00:00.500000000Z');
    expect(tsKey('nope')).toBeUndefined();
    expect(tsKey('2024-05-01T10:00:00.1Z')! > tsKey('2024-05-01T10:00:00.09Z')!).toBe(true);
  });
  it('splits "<ts> <text>" and floors sinceTime to the second', () => {
    expect(splitTimestamp('2024-05-01T10:00:00.123456789Z hello world')).toEqual({ ts: '2024-05-01T10:00:00.123456789Z', text: 'hello world' });
    expect(splitTimestamp('no timestamp here')).toEqual({ ts: '', text: 'no timestamp here' });
    expect(sinceTimeFor('2024-05-01T10:00:07.123456789Z')).toBe('2024-05-01T10:00:07Z');
  });
});

describe('ResumeCursor', () => {
  it('drops the replayed second and exactly the lines already seen at the last timestamp', () => {
    const c = new ResumeCursor();
    const seen = ['2024-01-01T00:00:05.100000000Z', '2024-01-01T00:00:05.200000000Z', '2024-01-01T00:00:05.200000000Z'];
    for (const t of seen) expect(c.accept(t)).toBe(true);
    c.beginResume();
    // the server repeats from 00:00:05 (second precision); the third line at .2 is new
    const replay = ['2024-01-01T00:00:05.100000000Z', '2024-01-01T00:00:05.200000000Z', '2024-01-01T00:00:05.200000000Z', '2024-01-01T00:00:05.200000000Z', '2024-01-01T00:00:06.000000000Z'];
    expect(replay.map((t) => c.accept(t))).toEqual([false, false, false, true, true]);
    expect(c.lastTs).toBe('2024-01-01T00:00:06.000000000Z');
  });
  it('delivers every line exactly once across arbitrary cut points', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 40 }), fc.array(fc.nat(), { maxLength: 4 }), (gaps, cuts) => {
        let ms = 0;
        const lines = gaps.map((g, i) => {
          ms += g * 300; // several lines share a timestamp, several share a second
          return { ts: new Date(ms).toISOString().replace('Z', '000000Z'), i };
        });
        const c = new ResumeCursor();
        const got: number[] = [];
        let pos = 0;
        for (const cut of [...cuts.map((x) => x % (lines.length + 1)).sort((a, b) => a - b), lines.length]) {
          // a resumed read starts at the floored second of the last line seen
          const since = c.lastTs ? sinceTimeFor(c.lastTs) : '';
          const from = since ? lines.findIndex((l) => l.ts >= since.replace('Z', '.000000000Z')) : 0;
          if (pos > 0) c.beginResume();
          for (const l of lines.slice(from < 0 ? lines.length : from, Math.max(cut, pos))) if (c.accept(l.ts)) got.push(l.i);
          pos = Math.max(cut, pos);
        }
        expect(got).toEqual(lines.map((l) => l.i));
      }),
    );
  });
});

describe('ansi', () => {
  it('turns SGR colours into styled spans and strips other escapes', () => {
    const spans = ansiToSpans('\u001b[36mINFO\u001b[0m  Starting \u001b[1;31mfast\u001b[0m\u001b[2K');
    expect(spans).toEqual([{ text: 'INFO', style: { fg: '#11a8cd' } }, { text: '  Starting ' }, { text: 'fast', style: { bold: true, fg: '#cd3131' } }]);
    expect(stripAnsi('\u001b[38;5;196mred\u001b[0m')).toBe('red');
    expect(ansiToSpans('\u001b[38;2;1;2;3mx')[0]!.style!.fg).toBe('rgb(1,2,3)');
  });
});

describe('search', () => {
  it('finds plain matches case-insensitively and regex matches; reports bad regexes', () => {
    const plain = compileSearch('err', false);
    expect(plain.ok && plain.matcher!('ERROR: err')).toEqual([[0, 3], [7, 10]]);
    const re = compileSearch('\\d+ms', true);
    expect(re.ok && re.matcher!('took 12ms and 3ms')).toEqual([[5, 9], [14, 17]]);
    const empty = compileSearch('x*', true);
    expect(empty.ok && empty.matcher!('abc')).toEqual([]);
    expect(compileSearch('(', true).ok).toBe(false);
  });
  it('splits styled spans at match boundaries', () => {
    const spans = ansiToSpans('\u001b[31mERROR\u001b[0m disk full');
    expect(highlight(spans, [[3, 8]])).toEqual([
      { text: 'ERR', style: { fg: '#cd3131' } },
      { text: 'OR', style: { fg: '#cd3131' }, match: true },
      { text: ' di', match: true },
      { text: 'sk full' },
    ]);
  });
});

describe('display', () => {
  it('truncates long lines and colours pods stably', () => {
    expect(truncateForDisplay('x'.repeat(10_001))).toEqual({ text: 'x'.repeat(10_000), truncated: true });
    expect(podColor('web-1')).toBe(podColor('web-1'));
  });
});

import { FilterIndex } from './filter-index';
describe('FilterIndex', () => {
  it('adds ids and prunes evicted ones from the front', () => {
    const f = new FilterIndex();
    for (const id of [1, 4, 9, 12]) f.add(id);
    f.prune(5);
    expect(f.length).toBe(2);
    expect([f.get(0), f.get(1)]).toEqual([9, 12]);
  });
});
