/**
 * Accumulation of a paged snapshot (lib/protocol.ts `snapshot`: `more` on every page but the last, `total` on the
 * first). Pure, so the page rules are tested apart from the socket: a page with `total` (or any page when nothing
 * is being accumulated) starts a new list, so a snapshot the server restarted (a resubscribe) never mixes with
 * the pages of the one it abandoned; later pages are appended in order.
 */
import type { Snapshot, WireObject } from '../protocol';

export interface PagedSnapshot {
  /** the objects received so far, in the server's order (a new array per page: listeners see a new list) */
  items: WireObject[];
  /** the size of the whole snapshot, when the server said */
  total?: number;
}

/** Adds one snapshot frame to `acc` (undefined = none in progress); `done` when it was the last page. */
export function addSnapshotPage(acc: PagedSnapshot | undefined, page: Pick<Snapshot, 'items' | 'more' | 'total'>): PagedSnapshot & { done: boolean } {
  const restart = !acc || page.total !== undefined;
  return {
    items: restart ? page.items : acc.items.concat(page.items),
    total: restart ? page.total : acc.total,
    done: page.more !== true,
  };
}
