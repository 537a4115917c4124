/**
 * The watch a list page subscribes to, in one place, and its early start ("prewatch") on a first page load.
 *
 * Why the prewatch: a list page's useWatch subscribes from an effect, i.e. only after React has hydrated the
 * whole shell (header, sidebar, namespace picker). At 10,000 pods that put the socket's connect and the first
 * snapshot page behind hydration (bench:ui). /instrumentation-client.ts (run by Next.js before it
 * hydrates) calls prewatchFromLocation, which starts the very same watch (same key, so the
 * WatchClient shares the entry) for the list the URL names: the socket connects and the first page arrives
 * while React hydrates, and the list's first render finds rows. The list releases the early hold once its own
 * subscription is in (releasePrewatch); a page that never mounts a list (a CRD still resolving, a redirect to
 * /login) drops it after PREWATCH_HOLD_MS. Built-in kinds only: a custom resource's kind needs its CRD first.
 */
import type { KindInfo } from '@/lib/k8s/registry';
import { kindByResource } from '@/lib/k8s/registry';
import { parseNamespaces } from '@/lib/k8s/links';
import { getWatchClient } from '@/lib/realtime/socket';
import { watchKey, type WatchParams } from '@/lib/realtime/watch-client';
import { parseRoute } from '@/components/shell/routes';
import { readStored } from '@/components/shell/namespace-selection';

const PREWATCH_HOLD_MS = 15_000;

/**
 * The list page's watch, of rows (lib/k8s/rows/project.ts): one namespace is watched server-side; several are
 * filtered in the browser.
 */
export function listWatchParams(cluster: string, kind: Pick<KindInfo, 'group' | 'version' | 'plural' | 'printerColumns'>, namespaces: readonly string[], labelSelector?: string): WatchParams {
  return {
    cluster,
    group: kind.group,
    version: kind.version,
    resource: kind.plural,
    namespace: namespaces.length === 1 ? namespaces[0] : undefined,
    labelSelector: labelSelector || undefined,
    rows: true,
    ...(kind.printerColumns?.length ? { printerColumns: kind.printerColumns } : {}),
  };
}

/**
 * The watch the list page at `pathname`/`search` will open (undefined when it is no list of a built-in kind).
 * `remembered` is the cluster's remembered namespace selection, used when the URL has no ?ns (namespace-selection.ts).
 */
export function listWatchForLocation(pathname: string, search: string, remembered: (cluster: string) => string[]): WatchParams | undefined {
  const r = parseRoute(pathname);
  if (!r.cluster || r.group === undefined || !r.version || !r.resource || r.name) return undefined;
  const kind = kindByResource(r.group, r.resource);
  if (!kind) return undefined;
  const raw = new URLSearchParams(search).get('ns');
  const namespaces = !kind.namespaced ? [] : raw !== null ? parseNamespaces(raw) : remembered(r.cluster);
  return listWatchParams(r.cluster, { ...kind, version: r.version }, namespaces);
}

let release: (() => void) | undefined;
let heldKey: string | undefined;

/**
 * Called by the list with the watch it holds now: once that is the early one, the early hold is not needed (the
 * list's own subscription keeps it). Another watch (the remembered namespaces not yet in the URL, a changed
 * selection) leaves the hold to its timeout. Also marks, for bench:ui's trace, when the list first got here.
 */
export function releasePrewatch(listKey?: string): void {
  if (listKey !== undefined) globalThis.performance?.mark?.('wh:list-mounted');
  if (listKey !== undefined && listKey !== heldKey) return;
  release?.();
  release = undefined;
  heldKey = undefined;
}

let rowsMarked = false;
/** bench:ui's trace: when the list first renders with rows (once per page load). */
export function markFirstRowsRender(count: number): void {
  if (rowsMarked || count === 0) return;
  rowsMarked = true;
  globalThis.performance?.mark?.('wh:rows-render');
}

/** Starts the watch of the list page at `location`, when it is one (a list of a built-in kind). Browser only. */
export function prewatchFromLocation(loc: Pick<Location, 'pathname' | 'search'>): void {
  if (release) return;
  const params = listWatchForLocation(loc.pathname, loc.search, readStored);
  if (!params) return;
  globalThis.performance?.mark?.('wh:prewatch');
  heldKey = watchKey(params);
  release = getWatchClient().watch(params, () => undefined);
  setTimeout(() => releasePrewatch(), PREWATCH_HOLD_MS);
}
