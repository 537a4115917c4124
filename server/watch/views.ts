/**
 * A view is what one group of identical subscriptions sees of a feed: a namespace, a label selector and/or a
 * field selector (metadata.name / metadata.namespace, fixed per object: a static filter like the namespace)
 * over the feed's objects. All sockets with the same view share one socket.io room, so each batch is
 * encoded once per view, not once per client. Views with a selector keep the set of keys their members
 * currently hold, so a label change that moves an object out of the selector becomes a DELETED.
 */
import { createHash } from 'node:crypto';
import type { InformerEvent } from '../k8s/informer';
import { objectKey } from '../k8s/informer';
import type { Obj } from '../k8s/strip';
import type { WireObject } from '../../lib/protocol';
import { matchesRequirements, type Requirement } from '../../lib/k8s/machinery/labels';
import { matchesFields, type FieldRequirement } from './field-selector';
import { sortKey } from '../../lib/k8s/columns-sort';
import { naturalCollator } from '../../lib/k8s/columns';

/** an event as sent: an object's, or a row's (rows.ts) */
export type WireEvent = { type: InformerEvent['type']; object: WireObject };

export interface View {
  subId: string;
  room: string;
  namespace?: string;
  reqs?: Requirement[];
  fields?: FieldRequirement[];
  /** keys members hold; only for views with a selector */
  visible?: Set<string>;
  /** members (counted in `members`) still being sent their paged snapshot: they hold this view's batches */
  paging?: Set<{ events: WireEvent[] }>;
  members: number;
  /** a row view (server/watch/rows.ts): the id of its feed's RowProjector */
  rows?: string;
}

/** `fieldSelector` canonical (field-selector.ts), `rows` a row view's projector id; absent keep older ids unchanged */
export function viewId(feedKey: string, namespace: string | undefined, selector: string | undefined, fieldSelector?: string, rows?: string): string {
  return createHash('sha1')
    .update(JSON.stringify([feedKey, namespace ?? '*', selector ?? '', ...(fieldSelector || rows ? [fieldSelector ?? ''] : []), ...(rows ? [rows] : [])]))
    .digest('base64url')
    .slice(0, 22);
}

export function makeView(subId: string, namespace: string | undefined, reqs: Requirement[] | undefined, items: Obj[], fields?: FieldRequirement[]): View {
  const v: View = { subId, room: `w:${subId}`, namespace, reqs, members: 0, ...(fields?.length ? { fields } : {}) };
  if (reqs?.length) v.visible = new Set(items.filter((o) => inView(v, o)).map(objectKey));
  return v;
}

/** the filters fixed for an object's lifetime: namespace and field selector */
function inScope(v: View, o: Obj): boolean {
  if (v.namespace !== undefined && o.metadata.namespace !== v.namespace) return false;
  return !v.fields || matchesFields(v.fields, o);
}

export function inView(v: View, o: Obj): boolean {
  if (!inScope(v, o)) return false;
  if (v.reqs?.length && !matchesRequirements(v.reqs, o.metadata.labels as Record<string, string> | undefined)) return false;
  return true;
}

/** Live batches: exact, using (and updating) the view's visible set. */
export function filterLive(v: View, events: InformerEvent[]): InformerEvent[] {
  if (v.namespace === undefined && !v.reqs?.length && !v.fields) return events;
  const out: InformerEvent[] = [];
  for (const e of events) {
    if (!inScope(v, e.object)) continue;
    if (!v.visible) {
      out.push(e);
      continue;
    }
    const key = objectKey(e.object);
    const was = v.visible.has(key);
    if (e.type === 'DELETED') {
      if (was) {
        v.visible.delete(key);
        out.push(e);
      }
    } else if (inView(v, e.object)) {
      v.visible.add(key);
      out.push(was ? { type: 'MODIFIED', object: e.object } : { type: 'ADDED', object: e.object });
    } else if (was) {
      v.visible.delete(key);
      out.push({ type: 'DELETED', object: e.object });
    }
  }
  return out;
}

/**
 * Catch-up for a reconnecting client, whose holdings we do not know: an object that no longer matches
 * becomes DELETED (a no-op on the client when it never had it).
 */
export function filterCatchUp(v: View, events: InformerEvent[]): InformerEvent[] {
  const out: InformerEvent[] = [];
  for (const e of events) {
    if (!inScope(v, e.object)) continue;
    if (e.type !== 'DELETED' && v.reqs?.length && !inView(v, e.object)) out.push({ type: 'DELETED', object: e.object });
    else out.push(e);
  }
  return out;
}

/**
 * A view moving from a namespaced feed onto the all-namespaces one (hub fold): the events that turn what its
 * members hold (`held`: the old feed's objects, as far as the view shows them) into what the new feed shows.
 * Empty when the fold waited for the two to agree; otherwise (a forced fold) the difference, never a resend.
 */
export function foldDiff(v: View, held: Obj[], target: Obj[]): InformerEvent[] {
  const had = new Map<string, Obj>();
  for (const o of held) {
    const k = objectKey(o);
    if (v.visible ? v.visible.has(k) : inView(v, o)) had.set(k, o);
  }
  const out: InformerEvent[] = [];
  const now = new Set<string>();
  for (const o of target) {
    if (!inView(v, o)) continue;
    const k = objectKey(o);
    now.add(k);
    const h = had.get(k);
    if (!h) out.push({ type: 'ADDED', object: o });
    else if (h.metadata.resourceVersion !== o.metadata.resourceVersion) out.push({ type: 'MODIFIED', object: o });
  }
  for (const [k, o] of had) if (!now.has(k)) out.push({ type: 'DELETED', object: o });
  if (v.visible) v.visible = now;
  return out;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** informer objects are replaced, never mutated: a name's sort key is computed once per object version */
const nameKeys = new WeakMap<Obj, string | null>();
function nameKey(o: Obj): string | undefined {
  let k = nameKeys.get(o);
  if (k === undefined) nameKeys.set(o, (k = sortKey(o.metadata.name) ?? null));
  return k ?? undefined;
}

const idOf = (o: Obj) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/** an object with its name's sort key (fast order) or its name (collator order) */
type Keyed = { o: Obj; k: string };

/**
 * The list order: names by sort key (plain string compares), or by the collator when some name has no key;
 * ties by namespace/name, whose string is built only for a tie (rare: most names are unique).
 */
function keyedOrder(items: Obj[]): { key: (o: Obj) => string; compare: (a: Keyed, b: Keyed) => number } {
  let fast = true;
  for (const o of items) if (nameKey(o) === undefined) fast = false;
  if (fast) return { key: (o) => nameKey(o)!, compare: (a, b) => cmp(a.k, b.k) || cmp(idOf(a.o), idOf(b.o)) };
  return { key: (o) => o.metadata.name, compare: (a, b) => naturalCollator.compare(a.k, b.k) || cmp(idOf(a.o), idOf(b.o)) };
}

function sorted(items: Obj[], order: ReturnType<typeof keyedOrder>): Obj[] {
  const keyed = items.map((o): Keyed => ({ o, k: order.key(o) }));
  keyed.sort(order.compare);
  return keyed.map((x) => x.o);
}

/**
 * The list table's default order (Name ascending with the natural collator, ties by namespace/name: the
 * reference sortRows of lib/k8s/table-model.ts), so a paged snapshot's first page holds the first rows the
 * table shows. Plain string compares of sort keys (lib/k8s/columns-sort.ts), cached per object: 10,000 pods
 * cost ~35 ms the first time on a loaded 2-core box, ~10 ms after.
 */
export function inListOrder(items: Obj[]): Obj[] {
  return sorted(items, keyedOrder(items));
}

/**
 * The same order, in two steps: `first(n)` picks the first n objects in one pass (a bounded insertion into n
 * sorted slots; informer lists arrive roughly in name order, so most objects are rejected with one compare),
 * so a snapshot's first page goes out before the whole list is sorted; `rest()` then sorts everything and
 * returns what follows those n. The order is total (ties by namespace/name), so first + rest = inListOrder.
 */
export function listOrder(items: Obj[]): { first(n: number): Obj[]; rest(): Obj[] } {
  const order = keyedOrder(items);
  let taken = 0;
  return {
    first(n) {
      taken = Math.min(n, items.length);
      if (taken === items.length) return sorted(items, order);
      // allocates only for candidates: most objects are rejected by one compare with the last of the n slots
      const top: Keyed[] = [];
      for (const o of items) {
        const x: Keyed = { o, k: order.key(o) };
        if (top.length === n && order.compare(x, top[n - 1]) >= 0) continue;
        let lo = 0;
        let hi = top.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (order.compare(top[mid], x) < 0) lo = mid + 1;
          else hi = mid;
        }
        top.splice(lo, 0, x);
        if (top.length > n) top.pop();
      }
      return top.map((x) => x.o);
    },
    rest() {
      if (taken === items.length) return [];
      return sorted(items, order).slice(taken);
    },
  };
}
