/**
 * JSON-pointer differences between two recorded views, from fast-json-patch's RFC 6902 compare (what a patch
 * would do), each with the value before and after so a person can read it without the other version.
 */
import jsonPatch from 'fast-json-patch';
import type { ChangeDiffEntry } from '../../lib/history/types';
import type { View } from './normalize';

export function diffViews(before: View | null, after: View | null): ChangeDiffEntry[] {
  const a = before ?? {};
  const b = after ?? {};
  const ops = jsonPatch.compare(a, b);
  const out: ChangeDiffEntry[] = [];
  for (const op of ops) {
    if (op.op === 'add') out.push({ path: op.path, op: 'add', after: op.value });
    else if (op.op === 'remove') out.push({ path: op.path, op: 'remove', before: valueAt(a, op.path) });
    else if (op.op === 'replace') out.push({ path: op.path, op: 'replace', before: valueAt(a, op.path), after: op.value });
  }
  // compare() walks keys from the end; a reader wants document order
  return out.sort((x, y) => (x.path < y.path ? -1 : x.path > y.path ? 1 : 0));
}

export function valueAt(doc: unknown, pointer: string): unknown {
  if (pointer === '') return doc;
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const k = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return cur;
}

/** "/metadata/labels/app.kubernetes.io~1name" → ["metadata","labels","app.kubernetes.io/name"] */
export function pointerParts(pointer: string): string[] {
  return pointer ? pointer.slice(1).split('/').map((k) => k.replace(/~1/g, '/').replace(/~0/g, '~')) : [];
}
