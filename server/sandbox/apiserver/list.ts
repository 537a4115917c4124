/**
 * LIST semantics: selectors, limit/continue paging with upstream's continue-token format, and the
 * resourceVersion / resourceVersionMatch rules.
 *
 * Known limit: a continued list reads the *current* state after the last key rather than a snapshot
 * at the first page's revision (etcd would give a snapshot); objects changed meanwhile show up with
 * their newer version. Tokens older than the retained history expire with 410, as upstream.
 */
import type { KObject } from '../types';
import type { ServedKind } from '../kinds';
import { parseFieldSelector, parseLabelSelector, type Predicate } from '../store/selectors';
import { storageKey } from './kind-registry';
import { badRequest, expired, StatusError } from './errors';
import type { Api } from './ops';

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

export function listObjects(api: Api, k: ServedKind, q: ListQuery): ListResult {
  checkResourceVersionParams(q, api.store);
  const filter = selectorPredicate(k, q);
  const sk = storageKey(k);
  let listRv = api.store.revision;
  let after: string | undefined;
  if (q.continue) {
    const t = decodeToken(q.continue);
    if (t.rv < api.store.compactedRevision(sk)) throw expired(TOKEN_TOO_OLD);
    listRv = t.rv;
    after = t.start;
  }
  const ns = k.namespaced ? q.namespace : undefined;
  const { keys, from, to } = api.store.range(sk, ns, after);
  const limit = q.limit && q.limit > 0 ? q.limit : Infinity;
  const items: KObject[] = [];
  let i = from;
  for (; i < to && items.length < limit; i++) {
    const o = api.store.get(sk, keys[i]);
    if (o && (!filter || filter(o))) items.push(api.view(k, o));
  }
  const out: ListResult = { items, resourceVersion: String(listRv) };
  if (items.length >= limit && i < to) {
    out.continue = encodeToken(listRv, keys[i - 1]);
    if (!filter) out.remainingItemCount = to - i;
  }
  return out;
}
