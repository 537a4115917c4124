/**
 * LIST semantics: selectors, limit/continue paging with upstream's continue-token format, and the
 * resourceVersion / resourceVersionMatch rules.
 *
 * A continued list is a snapshot at the first page's revision, as etcd gives: objects changed since
 * are shown as they were then (rebuilt from the store's event history), objects created since are
 * left out and objects deleted since still appear. A token older than the retained history answers
 * 410 Expired carrying a fresh token that continues inconsistently at the current revision, as upstream.
 */
import type { KObject } from '../types';
import type { ServedKind } from '../kinds';
import { parseFieldSelector, parseLabelSelector, type Predicate } from '../store/selectors';
import { storageKey } from './kind-registry';
import { badRequest, expired, StatusError, type StatusBody } from './errors';
import type { GenericRegistry } from './ops';

export interface ListQuery {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
  continue?: string;
  resourceVersion?: string;
  resourceVersionMatch?: string;
}

export interface ListResult {
  items: KObject[];
  resourceVersion: string;
  continue?: string;
  remainingItemCount?: number;
}

export function selectorPredicate(k: ServedKind, q: { labelSelector?: string; fieldSelector?: string }): Predicate | undefined {
  const l = parseLabelSelector(q.labelSelector);
  const f = parseFieldSelector(k.group, k.resource, q.fieldSelector);
  if (l && f) return (o) => l(o) && f(o);
  return l ?? f;
}

const TOKEN_TOO_OLD =
  'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.';

function decodeToken(token: string): { rv: number; start: string } {
  try {
    const t = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { v?: string; rv?: number; start?: string };
    if (t.v !== 'meta.k8s.io/v1' || typeof t.rv !== 'number' || typeof t.start !== 'string') throw new Error('bad');
    return { rv: t.rv, start: t.start.endsWith('\u0000') ? t.start.slice(0, -1) : t.start };
  } catch {
    throw badRequest(`continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)`);
  }
}

function encodeToken(rv: number, lastKey: string): string {
  return Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv, start: `${lastKey}\u0000` })).toString('base64url');
}

/** 410 for a compacted continue token; its Status carries the token to continue inconsistently (rv -1). */
class ContinueExpired extends StatusError {
  constructor(private readonly next: string) {
    super(410, 'Expired', TOKEN_TOO_OLD);
  }

  override get status(): StatusBody {
    // errors.ts types Status metadata as always empty; upstream's ListMeta here carries `continue`
    const metadata = { continue: this.next } as unknown as StatusBody['metadata'];
    return { ...super.status, metadata };
  }
}

export function checkResourceVersionParams(q: ListQuery, store: { revision: number }): void {
  const rvm = q.resourceVersionMatch;
  if (rvm) {
    if (!q.resourceVersion) throw badRequest('resourceVersionMatch is forbidden unless resourceVersion is provided');
    if (q.continue) throw badRequest('resourceVersionMatch is forbidden when continue is provided');
    if (rvm !== 'Exact' && rvm !== 'NotOlderThan') {
      throw badRequest(`resourceVersionMatch: Unsupported value: "${rvm}": supported values: "Exact", "NotOlderThan"`);
    }
    if (rvm === 'Exact' && q.resourceVersion === '0') throw badRequest('resourceVersionMatch "exact" is forbidden for resourceVersion "0"');
  }
  if (q.resourceVersion && !/^\d+$/.test(q.resourceVersion)) {
    throw badRequest(`resourceVersion: Invalid value: "${q.resourceVersion}": strconv.ParseUint: parsing "${q.resourceVersion}": invalid syntax`);
  }
  if (q.continue && q.resourceVersion && q.resourceVersion !== '0') {
    throw badRequest('specifying resource version is not allowed when using continue');
  }
  const rv = Number(q.resourceVersion ?? 0);
  if (rvm === 'Exact' && rv !== store.revision) {
    // only the newest revision is retained as a full snapshot
    throw expired(`too old resource version: ${rv} (${store.revision})`);
  }
  if (rv > store.revision) {
    throw new StatusError(504, 'Timeout', `Too large resource version: ${rv}, current: ${store.revision}`, { causes: [{ reason: 'ResourceVersionTooLarge', message: 'Too large resource version' }], retryAfterSeconds: 1 });
  }
}

export function listObjects(api: GenericRegistry, k: ServedKind, q: ListQuery): ListResult {
  checkResourceVersionParams(q, api.store);
  const filter = selectorPredicate(k, q);
  const sk = storageKey(k);
  let listRv = api.store.revision;
  let after: string | undefined;
  let past: Map<string, KObject | null> | undefined;
  if (q.continue) {
    const t = decodeToken(q.continue);
    after = t.start;
    // rv -1: the continuation of an expired token, at the current revision from here on
    if (t.rv >= 0) {
      past = api.store.stateAt(sk, t.rv);
      if (!past) throw new ContinueExpired(encodeToken(-1, after));
      listRv = t.rv;
    }
  }
  const ns = k.namespaced ? q.namespace : undefined;
  const limit = q.limit && q.limit > 0 ? q.limit : Infinity;
  const accept = filter ?? acceptAll;
  const page = past && past.size > 0 ? pageAt(api, sk, ns, after, limit, accept, past) : pageNow(api, sk, ns, after, limit, accept);
  const items = page.objects.map((o) => api.view(k, o));
  const out: ListResult = { items, resourceVersion: String(listRv) };
  if (page.lastKey !== undefined) {
    out.continue = encodeToken(listRv, page.lastKey);
    if (!filter) out.remainingItemCount = page.remaining;
  }
  return out;
}

interface Page {
  /** matches in key order */
  objects: KObject[];
  /** set when more keys follow: the key of the last one scanned */
  lastKey?: string;
  /** keys after lastKey (the count of items still to come when there is no selector) */
  remaining: number;
}

const acceptAll = (): boolean => true;

function pageNow(api: GenericRegistry, sk: string, ns: string | undefined, after: string | undefined, limit: number, accept: (o: KObject) => boolean): Page {
  const { keys, from, to } = api.store.range(sk, ns, after);
  const objects: KObject[] = [];
  let i = from;
  for (; i < to && objects.length < limit; i++) {
    const o = api.store.get(sk, keys[i]);
    if (o && accept(o)) objects.push(o);
  }
  const more = objects.length >= limit && i < to;
  return { objects, remaining: to - i, ...(more ? { lastKey: keys[i - 1] } : {}) };
}

/**
 * One page of the state at an older revision: current keys merged with the keys deleted since, each
 * shown as it was then (`past`), keys created since skipped. Only lists continued across writes
 * take this path; its extra cost is proportional to the number of keys changed since the first page.
 */
function pageAt(
  api: GenericRegistry,
  sk: string,
  ns: string | undefined,
  after: string | undefined,
  limit: number,
  accept: (o: KObject) => boolean,
  past: Map<string, KObject | null>,
): Page {
  const { keys, from, to } = api.store.range(sk, ns, after);
  const prefix = ns ? `${ns}/` : '';
  const inRange = (key: string) => (!prefix || key.startsWith(prefix)) && (after === undefined || key > after);
  const gone: string[] = [];
  for (const [key, o] of past) if (o && inRange(key) && !api.store.get(sk, key)) gone.push(key);
  gone.sort();
  const then = (key: string) => (past.has(key) ? past.get(key) : api.store.get(sk, key));
  const objects: KObject[] = [];
  let i = from;
  let j = 0;
  let lastKey: string | undefined;
  while ((i < to || j < gone.length) && objects.length < limit) {
    const key = j >= gone.length || (i < to && keys[i] < gone[j]) ? keys[i++] : gone[j++];
    lastKey = key;
    const o = then(key);
    if (o && accept(o)) objects.push(o);
  }
  const more = objects.length >= limit && (i < to || j < gone.length);
  // keys after this page that existed at the revision: the rest of both lists, less those created since
  let remaining = to - i + gone.length - j;
  if (more) for (const [key, o] of past) if (o === null && inRange(key) && key > lastKey! && api.store.get(sk, key)) remaining--;
  return { objects, remaining, ...(more ? { lastKey } : {}) };
}
