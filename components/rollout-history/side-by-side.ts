/**
 * Side-by-side rows from a line diff (the `diff` package): unchanged lines sit on both sides, a removed block
 * followed by an added block is paired line by line as a change, the rest stands alone on its side.
 */
import { diffLines } from 'diff';

export interface Cell {
  /** 1-based line number on its side */
  n: number;
  text: string;
  kind: 'same' | 'removed' | 'added';
}

export interface Row {
  left?: Cell;
  right?: Cell;
}

function lines(value: string): string[] {
  const l = value.split('\n');
  if (l.at(-1) === '') l.pop();
  return l;
}

export function sideBySide(a: string, b: string): { rows: Row[]; changed: number } {
  const parts = diffLines(a, b);
  const rows: Row[] = [];
  let ln = 0;
  let rn = 0;
  let changed = 0;
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (!p.added && !p.removed) {
      for (const t of lines(p.value)) rows.push({ left: { n: ++ln, text: t, kind: 'same' }, right: { n: ++rn, text: t, kind: 'same' } });
      continue;
    }
    const removed = p.removed ? lines(p.value) : [];
    const next = p.removed && parts[i + 1]?.added ? parts[++i] : undefined;
    const added = p.added ? lines(p.value) : next ? lines(next.value) : [];
    changed += Math.max(removed.length, added.length);
    for (let j = 0; j < Math.max(removed.length, added.length); j++) {
      rows.push({
        left: j < removed.length ? { n: ++ln, text: removed[j], kind: 'removed' } : undefined,
        right: j < added.length ? { n: ++rn, text: added[j], kind: 'added' } : undefined,
      });
    }
  }
  return { rows, changed };
}
