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

/**
 * Whether a first load shows this page's accumulated list (`loaded` objects) after having shown `shown`: the first
 * page always, later ones once the list has doubled since it was last shown (the last page is always applied by
 * the caller). Each shown page re-derives, re-sorts and re-renders the whole table, so a 50,000-row snapshot in
 * pages of 2,000 is shown 6 times instead of 26, the first rows still at once.
 */
export function showPage(shown: number, loaded: number): boolean {
  return shown === 0 || loaded >= 2 * shown;
}
