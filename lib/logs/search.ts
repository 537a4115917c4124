/**
 * Log search: plain (case-insensitive substring) or regex. Matching runs on the ANSI-stripped text, and
 * `highlight` splits styled spans at match boundaries so the viewer can mark matches inside coloured text.
 */
import type { Span } from './ansi';

export type Matcher = (text: string) => [number, number][];

export type CompiledSearch = { ok: true; matcher: Matcher | undefined } | { ok: false; error: string };

const MAX_MATCHES = 200;

export function compileSearch(query: string, regex: boolean): CompiledSearch {
  if (!query) return { ok: true, matcher: undefined };
  if (regex) {
    let re: RegExp;
    try {
      re = new RegExp(query, 'gi');
    } catch (e) {
      return { ok: false, error: (e as Error).message };
    }
    return {
      ok: true,
      matcher: (text) => {
        const out: [number, number][] = [];
        re.lastIndex = 0;
        for (let m = re.exec(text); m && out.length < MAX_MATCHES; m = re.exec(text)) {
          if (m[0].length === 0) {
            re.lastIndex++; // empty matches (e.g. /x*/) would loop forever and highlight nothing
            continue;
          }
          out.push([m.index, m.index + m[0].length]);
        }
        return out;
      },
    };
  }
  const needle = query.toLowerCase();
  return {
    ok: true,
    matcher: (text) => {
      const out: [number, number][] = [];
      const hay = text.toLowerCase();
      for (let i = hay.indexOf(needle); i >= 0 && out.length < MAX_MATCHES; i = hay.indexOf(needle, i + needle.length)) out.push([i, i + needle.length]);
      return out;
    },
  };
}

export interface MarkedSpan extends Span {
  match?: boolean;
}

/** Splits spans at the given [start, end) ranges (sorted, non-overlapping), marking the covered parts. */
export function highlight(spans: Span[], ranges: [number, number][]): MarkedSpan[] {
  if (ranges.length === 0) return spans;
  const out: MarkedSpan[] = [];
  let pos = 0;
  let r = 0;
  for (const s of spans) {
    const end = pos + s.text.length;
    let cur = pos;
    while (cur < end) {
      while (r < ranges.length && ranges[r]![1] <= cur) r++;
      const range = ranges[r];
      if (!range || range[0] >= end) {
        out.push({ ...s, text: s.text.slice(cur - pos) });
        cur = end;
      } else if (range[0] > cur) {
        out.push({ ...s, text: s.text.slice(cur - pos, range[0] - pos) });
        cur = range[0];
      } else {
        const stop = Math.min(end, range[1]);
        out.push({ ...s, text: s.text.slice(cur - pos, stop - pos), match: true });
        cur = stop;
      }
    }
    pos = end;
  }
  return out;
}
