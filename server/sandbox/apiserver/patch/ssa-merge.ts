/**
 * The two value operations of server-side apply: merging an applied configuration into the live
 * object (structured-merge-diff's Merge) and removing fields an applier gave up (prune).
 */
import type { FieldSet } from './field-set';
import { clone, isObject, type JsonObject } from './json-value';
import { childNode, isAtomicMap, isDeclaredField, type SchemaNode } from './schema-node';
import { effectiveListKind, itemElement } from './field-walk';

/** live ⊕ config: maps merge, associative lists and sets merge by item, the rest is replaced. */
export function ssaMerge(lhs: unknown, rhs: unknown, node: SchemaNode | undefined): unknown {
  if (rhs === undefined) return lhs;
  if (lhs === undefined || lhs === null) return dropNulls(clone(rhs));
  if (isObject(lhs) && isObject(rhs)) {
    if (isAtomicMap(node)) return dropNulls(clone(rhs));
    const out: JsonObject = { ...lhs };
    for (const [k, v] of Object.entries(rhs)) {
      // an explicit null is owned but stored as absent, as typed decoding does
      if (v === null) delete out[k];
      else out[k] = ssaMerge(lhs[k], v, childNode(node, k));
    }
    return out;
  }
  if (Array.isArray(lhs) && Array.isArray(rhs)) {
    const lk = effectiveListKind(node, lhs, rhs);
    if (lk.kind === 'atomic') return clone(rhs);
    const items = node?.items();
    return mergeItems(
      lhs.map((it) => itemElement(lk, it, items)!),
      rhs.map((it) => itemElement(lk, it, items)!),
      lhs,
      rhs,
      (l, r) => ssaMerge(l, r, items),
    );
  }
  return dropNulls(clone(rhs));
}

function dropNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(dropNulls);
  if (!isObject(v)) return v;
  for (const [k, x] of Object.entries(v)) {
    if (x === null) delete v[k];
    else v[k] = dropNulls(x);
  }
  return v;
}

/**
 * Order of a merged keyed list (structured-merge-diff visitListItems): items only the live list has
 * keep their place, the configuration's items keep the configuration's relative order.
 */
function mergeItems(
  lPEs: string[],
  rPEs: string[],
  lhs: unknown[],
  rhs: unknown[],
  merge: (l: unknown, r: unknown) => unknown,
): unknown[] {
  const observedL = new Map(lPEs.map((pe, i) => [pe, lhs[i]]));
  const observedR = new Map(rPEs.map((pe, i) => [pe, rhs[i]]));
  const shared = rPEs.filter((pe) => observedL.has(pe));
  let nextShared = shared.shift();
  const mergedR = new Set<string>();
  const out: unknown[] = [];
  let lI = 0;
  let rI = 0;
  while (lI < lPEs.length || rI < rPEs.length) {
    if (lI < lPEs.length && rI < rPEs.length) {
      const pe = lPEs[lI];
      if (pe === rPEs[rI]) {
        mergedR.add(pe);
        out.push(merge(observedL.get(pe), observedR.get(pe)));
        lI++;
        rI++;
        nextShared = shared.shift();
        continue;
      }
      if (observedR.has(pe) && nextShared !== undefined && nextShared !== pe) {
        lI++; // shared item, but not the one due in this round
        continue;
      }
    }
    if (lI < lPEs.length) {
      const pe = lPEs[lI];
      if (!observedR.has(pe)) {
        out.push(lhs[lI]);
        lI++;
        continue;
      }
      if (mergedR.has(pe)) {
        lI++;
        continue;
      }
    }
    if (rI < rPEs.length) {
      const pe = rPEs[rI];
      mergedR.add(pe);
      out.push(merge(observedL.get(pe), observedR.get(pe)));
      rI++;
      if (nextShared === pe) nextShared = shared.shift();
    }
  }
  return out;
}

/**
 * A node counts as owned when it is a member, or when it is a declared struct field with owned
 * fields below it (structured-merge-diff's EnsureNamedFieldsAreMembers).
 */
function owns(set: FieldSet | undefined, declared: boolean): boolean {
  return !!set && (set.member || (declared && !set.isEmpty()));
}

/**
 * Removes from `value` what `prev` (the applier's last set) owned unless `keep` (its new set plus
 * every other manager's) owns that same node; below kept nodes, recurses. This is the net effect of
 * the real server's prune + addBackOwnedItems + addBackDanglingItems: a struct the applier alone
 * owned anything in goes as a whole, a struct someone else still owns into keeps its unowned parts.
 */
export function pruneOwned(value: unknown, prev: FieldSet, keep: FieldSet | undefined, node: SchemaNode | undefined): unknown {
  if (isObject(value)) {
    for (const [pe, pc] of prev.children) {
      if (!pe.startsWith('f:')) continue;
      const name = pe.slice(2);
      if (!(name in value)) continue;
      const kc = keep?.children.get(pe);
      const declared = isDeclaredField(node, name);
      if (owns(pc, declared) && !owns(kc, declared)) delete value[name];
      else if (pc.children.size > 0) value[name] = pruneOwned(value[name], pc, kc, childNode(node, name));
    }
    return value;
  }
  if (Array.isArray(value)) {
    const lk = effectiveListKind(node, value);
    if (lk.kind === 'atomic') return value;
    const items = node?.items();
    const out: unknown[] = [];
    for (const it of value) {
      const pe = itemElement(lk, it, items)!;
      const pc = prev.children.get(pe);
      const kc = keep?.children.get(pe);
      if (!pc) out.push(it);
      else if (pc.member && !kc?.member) continue;
      else out.push(pc.children.size > 0 ? pruneOwned(it, pc, kc, items) : it);
    }
    return out;
  }
  return value;
}
