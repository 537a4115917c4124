/**
 * Pure list maintenance for watch events, keyed by namespace/name. ADDED and MODIFIED replace (or insert)
 * the object; DELETED removes it. An event whose object has the same resourceVersion as the one held is a
 * no-op (equality only: resourceVersions are opaque, convention 5), and a no-op returns the SAME array so
 * React and TanStack Query see no change.
 */
import type { WireObject, WireWatchEvent } from '../protocol';

export const keyOf = (o: WireObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

/**
 * key → position, per list array. A delta that only replaces objects (the common case: status updates) keeps
 * every position, so the next delta reuses the index instead of re-keying 10,000 objects; anything else
 * rebuilds it lazily. Lists are never mutated, so an index stays true for the array it belongs to.
 */
const indexes = new WeakMap<readonly WireObject[], ReadonlyMap<string, number>>();
function indexOf(list: readonly WireObject[]): ReadonlyMap<string, number> {
  let index = indexes.get(list);
  if (!index) indexes.set(list, (index = new Map(list.map((o, i) => [keyOf(o), i]))));
  return index;
}

export function applyWatchEvent(list: WireObject[], event: WireWatchEvent): WireObject[] {
  return applyWatchEvents(list, [event]);
}

/** Many events in one pass (a delta batch): O(list + events), order of events respected. */
export function applyWatchEvents(list: WireObject[], events: readonly WireWatchEvent[]): WireObject[] {
  if (events.length === 0) return list;
  let index: ReadonlyMap<string, number> | undefined;
  let deleted = false;
  let out: (WireObject | undefined)[] | undefined;
  const appended: WireObject[] = [];
  const appendedIdx = new Map<string, number>();
  for (const ev of events) {
    index ??= indexOf(list);
    const k = keyOf(ev.object);
    const i = index.get(k);
    const j = appendedIdx.get(k);
    const current = i !== undefined ? (out ?? list)[i] : j !== undefined ? appended[j] : undefined;
    if (ev.type === 'DELETED') {
      if (!current) continue;
      if (i !== undefined) {
        out ??= list.slice();
        out[i] = undefined;
        deleted = true;
      } else if (j !== undefined) {
        appended[j] = undefined as unknown as WireObject;
      }
      continue;
    }
    const rv = ev.object.metadata.resourceVersion;
    if (current && rv !== undefined && current.metadata.resourceVersion === rv) continue;
    if (i !== undefined) {
      out ??= list.slice();
      out[i] = ev.object;
    } else if (j !== undefined) {
      appended[j] = ev.object;
    } else {
      appendedIdx.set(k, appended.length);
      appended.push(ev.object);
    }
  }
  const live = appended.filter(Boolean);
  if (!out && live.length === 0) return list;
  if (out && !deleted && live.length === 0) {
    indexes.set(out as WireObject[], index!); // same keys at the same positions
    return out as WireObject[];
  }
  const base = out ? (deleted ? (out.filter(Boolean) as WireObject[]) : (out as WireObject[])) : list;
  return live.length ? [...base, ...live] : base;
}
