import { describe, expect, it } from 'vitest';
import { sideBySide } from './side-by-side';

describe('sideBySide', () => {
  it('pairs a changed line and keeps numbering per side', () => {
    const { rows, changed } = sideBySide('a\nimage: x\nc\n', 'a\nimage: y\nextra\nc\n');
    expect(changed).toBe(2);
    expect(rows.map((r) => [r.left?.text, r.left?.kind, r.right?.text, r.right?.kind])).toEqual([
      ['a', 'same', 'a', 'same'],
      ['image: x', 'removed', 'image: y', 'added'],
      [undefined, undefined, 'extra', 'added'],
      ['c', 'same', 'c', 'same'],
    ]);
    expect(rows.at(-1)).toMatchObject({ left: { n: 3 }, right: { n: 4 } });
  });
  it('reports no change for equal texts', () => {
    expect(sideBySide('x\n', 'x\n').changed).toBe(0);
  });
});
