/**
 * Pure list maintenance for watch events, keyed by namespace/name. ADDED and MODIFIED replace (or insert)
 * the object; DELETED removes it. An event whose object has the same resourceVersion as the one held is a
 * no-op (equality only: resourceVersions are opaque, convention 5), and a no-op returns the SAME array so
 * React and TanStack Query see no change.
 */
import type { WireObject, WireWatchEvent } from '../protocol';

export const keyOf = (o: WireObject): string => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export function applyWatchEvent(list: WireObject[], event: WireWatchEvent): WireObject[] {
  return applyWatchEvents(list, [event]);
}

/** Many events in one pass (a delta batch): O(list + events), order of events respected. */
export function applyWatchEvents(list: WireObject[], events: readonly WireWatchEvent[]): WireObject[] {
  if (events.length === 0) return list;
  let index: Map<string, number> | undefined;
  let out: (WireObject | undefined)[] | undefined;
  const appended: WireObject[] = [];
  const appendedIdx = new Map<string, number>();
  for (const ev of events) {
    index ??= new Map(list.map((o, i) => [keyOf(o), i]));
    const k = keyOf(ev.object);
    const i = index.get(k);
    const j = appendedIdx.get(k);
    const current = i !== undefined ? (out ?? list)[i] : j !== undefined ? appended[j] : undefined;
    if (ev.type === 'DELETED') {
      if (!current) continue;
      if (i !== undefined) {
        out ??= list.slice();
        out[i] = undefined;
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
  const base = out ? (out.filter(Boolean) as WireObject[]) : list;
  return live.length ? [...base, ...live] : base;
}
