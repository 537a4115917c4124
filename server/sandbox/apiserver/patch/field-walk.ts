/**
 * Field sets of objects, as structured-merge-diff computes them: ToFieldSet (what an applied
 * configuration owns) and Compare (what an update added, modified or removed). Lists are keyed per
 * item when associative (`k:`) or sets (`v:`), atomic otherwise; atomic maps are single leaves.
 */
import { FieldSet } from './field-set';
import { isObject } from './json-value';
import { deepEqual } from '../../../../lib/k8s/machinery/equal';
import { childNode, isAtomicMap, isDeclaredField, isStruct, keyDefault, listKind, type ListKind, type SchemaNode } from './schema-node';

/** Path element of one list item, or undefined when the item cannot be keyed. */
export function itemElement(lk: ListKind, item: unknown, itemNode: SchemaNode | undefined): string | undefined {
  if (lk.kind === 'set') return isObject(item) || Array.isArray(item) ? undefined : `v:${JSON.stringify(item)}`;
  if (lk.kind !== 'map' || !isObject(item)) return undefined;
  const key: Record<string, unknown> = {};
  for (const k of [...lk.keys].sort()) {
    const v = item[k] ?? keyDefault(itemNode, k);
    if (v !== undefined && v !== null) key[k] = v;
  }
  if (Object.keys(key).length === 0) return undefined;
  return `k:${JSON.stringify(key)}`;
}

/**
 * How these lists are treated: the schema's list kind, degraded to atomic when some item cannot be
 * keyed or two items share a key (the real server rejects those; we keep them whole instead).
 */
export function effectiveListKind(node: SchemaNode | undefined, ...lists: unknown[][]): ListKind {
  const lk = listKind(node);
  if (lk.kind === 'atomic') return lk;
  for (const list of lists) {
    const seen = new Set<string>();
    for (const it of list) {
      const pe = itemElement(lk, it, node?.items());
      if (!pe || seen.has(pe)) return { kind: 'atomic' };
      seen.add(pe);
    }
  }
  return lk;
}

/** The fields an applied configuration sets (typed ToFieldSet). */
export function toFieldSet(value: unknown, node: SchemaNode | undefined): FieldSet {
  const out = new FieldSet();
  fill(out, value, node);
  return out.prune();
}

function fill(target: FieldSet, value: unknown, node: SchemaNode | undefined): void {
  if (isObject(value)) {
    if (isAtomicMap(node)) {
      target.member = true;
      return;
    }
    for (const [k, v] of Object.entries(value)) {
      const c = target.child(`f:${k}`);
      fill(c, v, childNode(node, k));
      // declared struct fields are implied by their children; map keys and empty values are members
      if (v === null || (isObject(v) && Object.keys(v).length === 0) || !isDeclaredField(node, k)) c.member = true;
    }
    return;
  }
  if (Array.isArray(value)) {
    const lk = effectiveListKind(node, value);
    if (lk.kind === 'atomic') {
      target.member = true;
      return;
    }
    for (const it of value) {
      const c = target.child(itemElement(lk, it, node?.items())!);
      fill(c, it, node?.items());
      c.member = true;
    }
    return;
  }
  target.member = true;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/**
 * A position in the three result sets (added, modified, removed), each node materialized only when
 * something is recorded there: most of an object is unchanged, and eager nodes would cost three
 * allocations per field per write. One cursor serves all three sets.
 */
interface Cursor {
  up?: Cursor;
  pe?: string;
  a?: FieldSet;
  m?: FieldSet;
  r?: FieldSet;
}

function at(c: Cursor, which: 'a' | 'm' | 'r'): FieldSet {
  return (c[which] ??= at(c.up!, which).child(c.pe!));
}

const down = (c: Cursor, pe: string): Cursor => ({ up: c, pe });

/** What changed between two versions of an object (typed Compare). */
export function compare(lhs: unknown, rhs: unknown, node: SchemaNode | undefined): Comparison {
  const c: Comparison = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  walk({ a: c.added, m: c.modified, r: c.removed }, lhs, rhs, node, false);
  return c;
}

function leaf(c: Cursor, lhs: unknown, rhs: unknown): void {
  if (lhs === undefined) at(c, 'a').member = true;
  else if (rhs === undefined) at(c, 'r').member = true;
  else if (!deepEqual(lhs, rhs)) at(c, 'm').member = true;
}

const emptyish = (v: unknown) => v === undefined || (isObject(v) && Object.keys(v).length === 0);
const mapish = (v: unknown) => v === undefined || isObject(v);
const listish = (v: unknown) => v === undefined || Array.isArray(v);

function walk(c: Cursor, lhs: unknown, rhs: unknown, node: SchemaNode | undefined, asMember: boolean): void {
  if (lhs === undefined && rhs === undefined) return;
  if (mapish(lhs) && mapish(rhs)) {
    if (isAtomicMap(node) || (emptyish(lhs) && emptyish(rhs))) return leaf(c, lhs, rhs);
    if (asMember && lhs === undefined) at(c, 'a').member = true;
    if (asMember && rhs === undefined) at(c, 'r').member = true;
    const l = (lhs ?? {}) as Record<string, unknown>;
    const rr = (rhs ?? {}) as Record<string, unknown>;
    // the keys of both sides, each once (for..in: plain JSON objects, no Set per object)
    for (const k in l) field(c, l, rr, node, k);
    for (const k in rr) if (!Object.hasOwn(l, k)) field(c, l, rr, node, k);
    return;
  }
  if (listish(lhs) && listish(rhs)) {
    const l = (lhs ?? []) as unknown[];
    const rr = (rhs ?? []) as unknown[];
    const lk = effectiveListKind(node, l, rr);
    if (lk.kind === 'atomic') return leaf(c, lhs, rhs);
    const items = node?.items();
    const left = new Map(l.map((it) => [itemElement(lk, it, items)!, it]));
    const right = new Map(rr.map((it) => [itemElement(lk, it, items)!, it]));
    for (const pe of new Set([...left.keys(), ...right.keys()])) {
      walk(down(c, pe), left.get(pe), right.get(pe), items, true);
    }
    return;
  }
  leaf(c, lhs, rhs);
}

function field(c: Cursor, l: Record<string, unknown>, rr: Record<string, unknown>, node: SchemaNode | undefined, k: string): void {
  if (l[k] === rr[k]) return; // same scalar or same reference: nothing below changed
  const cn = childNode(node, k);
  const pe = `f:${k}`;
  // non-pointer structs exist in the zero value the real server compares against
  const member = !(isDeclaredField(node, k) && isStruct(cn));
  walk(down(c, pe), l[k], rr[k], cn, member);
}
