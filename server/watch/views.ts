/**
 * A view is what one group of identical subscriptions sees of a feed: a namespace and/or a label selector
 * over the feed's objects. All sockets with the same view share one socket.io room, so each batch is
 * encoded once per view, not once per client. Views with a selector keep the set of keys their members
 * currently hold, so a label change that moves an object out of the selector becomes a DELETED.
 */
import { createHash } from 'node:crypto';
import type { InformerEvent } from '../k8s/informer';
import { objectKey } from '../k8s/informer';
import type { Obj } from '../k8s/strip';
import { matchesSelector, type Requirement } from './label-selector';

export interface View {
  subId: string;
  room: string;
  namespace?: string;
  reqs?: Requirement[];
  /** keys members hold; only for views with a selector */
  visible?: Set<string>;
  members: number;
}

export function viewId(feedKey: string, namespace: string | undefined, selector: string | undefined): string {
  return createHash('sha1')
    .update(JSON.stringify([feedKey, namespace ?? '*', selector ?? '']))
    .digest('base64url')
    .slice(0, 22);
}

export function makeView(subId: string, namespace: string | undefined, reqs: Requirement[] | undefined, items: Obj[]): View {
  const v: View = { subId, room: `w:${subId}`, namespace, reqs, members: 0 };
  if (reqs?.length) v.visible = new Set(items.filter((o) => inView(v, o)).map(objectKey));
  return v;
}

export function inView(v: View, o: Obj): boolean {
  if (v.namespace !== undefined && o.metadata.namespace !== v.namespace) return false;
  if (v.reqs?.length && !matchesSelector(v.reqs, o.metadata.labels as Record<string, string> | undefined)) return false;
  return true;
}

/** Live batches: exact, using (and updating) the view's visible set. */
export function filterLive(v: View, events: InformerEvent[]): InformerEvent[] {
  if (v.namespace === undefined && !v.reqs?.length) return events;
  const out: InformerEvent[] = [];
  for (const e of events) {
    if (v.namespace !== undefined && e.object.metadata.namespace !== v.namespace) continue;
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
    if (v.namespace !== undefined && e.object.metadata.namespace !== v.namespace) continue;
    if (e.type !== 'DELETED' && v.reqs?.length && !inView(v, e.object)) out.push({ type: 'DELETED', object: e.object });
    else out.push(e);
  }
  return out;
}
