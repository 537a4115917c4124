/**
 * Element order of merged lists in strategic merge patch, after upstream's normalizeElementOrder:
 * items named by the patch (or by `$setElementOrder`) keep the patch's relative order, items only
 * the server has keep theirs, and the two runs are interleaved by their positions in the live list.
 */
import { unknownError } from './errors';
import { goString, isObject } from './json-value';

/** Position of an item in `list`, by merge key for maps and by value for primitives. */
export function indexIn(list: unknown[], item: unknown, mergeKey: string): number {
  if (mergeKey && isObject(item)) {
    const v = item[mergeKey];
    return list.findIndex((x) => isObject(x) && x[mergeKey] === v);
  }
  return list.findIndex((x) => x === item);
}

/** Splits `items` into those present in `by` and the rest (partitionMapsByPresentInList & co). */
export function partitionByPresence(items: unknown[], by: unknown[], mergeKey: string): [unknown[], unknown[]] {
  const present: unknown[] = [];
  const absent: unknown[] = [];
  items.forEach((it) => {
    if (mergeKey && isObject(it) && !(mergeKey in it)) {
      throw unknownError(`map: ${goString(it)} does not contain declared merge key: ${mergeKey}`);
    }
    (indexIn(by, it, mergeKey) >= 0 ? present : absent).push(it);
  });
  return [present, absent];
}

function sortByOrder(items: unknown[], order: unknown[], mergeKey: string): unknown[] {
  return [...items].sort((a, b) => {
    const ia = indexIn(order, a, mergeKey);
    const ib = indexIn(order, b, mergeKey);
    return ia >= 0 && ib >= 0 ? ia - ib : 0;
  });
}

/** Merges two sorted runs; a server-only item goes first only when both sit in serverOrder before. */
function mergeSorted(left: unknown[], right: unknown[], serverOrder: unknown[], mergeKey: string): unknown[] {
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey);
      const ri = indexIn(serverOrder, right[j], mergeKey);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

export function normalizeElementOrder(
  patchItems: unknown[],
  serverOnly: unknown[],
  patchOrder: unknown[],
  serverOrder: unknown[],
  mergeKey: string,
): unknown[] {
  return mergeSorted(sortByOrder(serverOnly, serverOrder, mergeKey), sortByOrder(patchItems, patchOrder, mergeKey), serverOrder, mergeKey);
}

/**
 * Checks that the patch list names its items in the same relative order as `$setElementOrder`
 * (validatePatchWithSetOrderList); items carrying a `$patch` directive are ignored.
 */
export function validateSetOrder(patchList: unknown[], order: unknown[], mergeKey: string, field: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = patchList.filter((x) => !(isObject(x) && '$patch' in x));
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    const a = items[p];
    const b = order[o];
    const eq = mergeKey ? isObject(a) && isObject(b) && a[mergeKey] === b[mergeKey] : a === b;
    if (eq) p++;
    o++;
  }
  if (p < items.length) {
    throw unknownError(
      `The order in patch list:\n${goString(patchList)}\n doesn't match $setElementOrder/${field} list:\n${goString(order)}\n`,
    );
  }
}
