/**
 * metadata.managedFields: decoding into field sets, re-encoding in the real server's order, manager
 * identity and the fields no manager ever owns.
 */
import { FieldSet } from './field-set';
import { isObject } from './json-value';

export type Operation = 'Apply' | 'Update';

export interface ManagerEntry {
  manager: string;
  operation: Operation;
  apiVersion: string;
  time?: string;
  subresource?: string;
  set: FieldSet;
}

/** A stored managedFields entry's identifying fields, in the order they are stored (fieldsV1 excluded). */
function entryHeader(e: Record<string, unknown>, operation: 'Apply' | 'Update') {
  return {
    manager: typeof e.manager === 'string' ? e.manager : '',
    operation,
    apiVersion: typeof e.apiVersion === 'string' ? e.apiVersion : '',
    ...(typeof e.time === 'string' ? { time: e.time } : {}),
    ...(typeof e.subresource === 'string' && e.subresource ? { subresource: e.subresource } : {}),
  };
}

/**
 * FieldsV1 objects this module encoded (frozen, so they stay what was encoded), and for a set that is
 * still unchanged since it was decoded from one of them, that object. An entry a write leaves alone
 * is then not encoded again, and a routine update decodes no set at all (ownEncodedEntries). The
 * objects are frozen as built and share one frozen `{}` for every leaf.
 * Both maps are weak and neither keeps a set alive for as long as the stored object lives (a decoded
 * set costs far more memory than its JSON). Objects from elsewhere (request bodies, JSON copies) are
 * not in `encoded` and are re-encoded.
 */
const encoded = new WeakSet<object>();
const encodedOf = new WeakMap<FieldSet, Record<string, unknown>>();

function decodeSet(fieldsV1: unknown): FieldSet {
  const set = FieldSet.fromFieldsV1(fieldsV1);
  if (isObject(fieldsV1) && encoded.has(fieldsV1)) encodedOf.set(set, fieldsV1);
  return set;
}

function encodeSet(set: FieldSet): Record<string, unknown> {
  let raw = encodedOf.get(set);
  if (!raw) {
    // not remembered for `set`: sets encoded here are new ones a write discards (decoded sets are
    // remembered in decodeSet), and WeakMap insertions cost as much as the encoding
    raw = set.toFieldsV1(true);
    encoded.add(raw);
  }
  return raw;
}

export function decodeManagedFields(raw: unknown): ManagerEntry[] {
  if (!Array.isArray(raw)) return [];
  const out: ManagerEntry[] = [];
  for (const e of raw) {
    if (!isObject(e) || (e.operation !== 'Apply' && e.operation !== 'Update')) continue;
    if (e.fieldsType !== undefined && e.fieldsType !== 'FieldsV1') continue;
    out.push({ ...entryHeader(e, e.operation), set: decodeSet(e.fieldsV1) });
  }
  return out;
}

/**
 * Same manager identity as the real server's: Apply entries are one per (manager, subresource),
 * Update entries one per (manager, apiVersion, subresource).
 */
export function sameManager(e: Omit<ManagerEntry, 'set'>, id: Omit<ManagerEntry, 'set' | 'time'>): boolean {
  return (
    e.manager === id.manager &&
    e.operation === id.operation &&
    (e.subresource ?? '') === (id.subresource ?? '') &&
    (id.operation === 'Apply' || e.apiVersion === id.apiVersion)
  );
}

/** As conflict messages name a manager: `"kubectl" using apps/v1` for Update, `"kubectl"` for Apply. */
export function printManager(e: ManagerEntry): string {
  let s = JSON.stringify(e.manager);
  if (e.subresource) s += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') s += ` using ${e.apiVersion}`;
  return s;
}

function seconds(t: string | undefined): number {
  const n = t ? Date.parse(t) : NaN;
  return Number.isNaN(n) ? 0 : Math.floor(n / 1000);
}

type EntryHeader = Omit<ManagerEntry, 'set'>;

/** Entries in the real server's order (operation, time, manager, apiVersion, subresource); empty sets dropped. */
export function encodeManagedFields(entries: ManagerEntry[]): Record<string, unknown>[] {
  return emitEntries(
    entries.filter((e) => !e.set.isEmpty()),
    (e) => encodeSet(e.set),
  );
}

function emitEntries<T extends EntryHeader>(live: T[], fieldsV1: (e: T) => Record<string, unknown>): Record<string, unknown>[] {
  if (live.length > 1) {
    const sec = new Map(live.map((e) => [e, seconds(e.time)]));
    live.sort(
      (p, q) =>
        cmp(p.operation, q.operation) ||
        sec.get(p)! - sec.get(q)! ||
        cmp(p.manager, q.manager) ||
        cmp(p.apiVersion, q.apiVersion) ||
        cmp(p.subresource ?? '', q.subresource ?? ''),
    );
  }
  return live.map((e) => {
    // property by property, in this order (no spread of temporary objects on every write)
    const o: Record<string, unknown> = { manager: e.manager, operation: e.operation, apiVersion: e.apiVersion };
    if (e.time) o.time = e.time;
    o.fieldsType = 'FieldsV1';
    o.fieldsV1 = fieldsV1(e);
    if (e.subresource) o.subresource = e.subresource;
    return o;
  });
}

/** An entry as decodeManagedFields reads it, its set still in the FieldsV1 object this module encoded. */
export interface RawEntry extends EntryHeader {
  fieldsV1: Record<string, unknown>;
}

/**
 * The entries of a managedFields list that this module encoded entirely (every fieldsV1 one of ours,
 * every entry one decodeManagedFields keeps), with their sets left encoded; undefined otherwise.
 */
export function ownEncodedEntries(raw: unknown): RawEntry[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const out: RawEntry[] = [];
  for (const e of raw) {
    if (!isObject(e) || (e.operation !== 'Apply' && e.operation !== 'Update') || e.fieldsType !== 'FieldsV1') return undefined;
    const f = e.fieldsV1;
    if (!isObject(f) || !encoded.has(f)) return undefined;
    out.push({ ...entryHeader(e, e.operation), fieldsV1: f });
  }
  return out;
}

/** encodeManagedFields for entries whose sets are unchanged since ownEncodedEntries read them. */
export function encodeRawEntries(entries: RawEntry[]): Record<string, unknown>[] {
  return emitEntries(entries, (e) => e.fieldsV1);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Identity and bookkeeping fields the real server strips from every field set (stripMetaManager). */
const META_STRIPPED = ['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map(
  (f) => `f:${f}`,
);

/**
 * Removes what no manager owns: apiVersion, kind, metadata identity; and what the write could not
 * change: `status` on the main resource (its changes are reset), everything but `status` on the
 * status subresource.
 */
export function stripUnowned(set: FieldSet, subresource?: string): FieldSet {
  return stripUnownedInPlace(set.clone(), subresource);
}

/** stripUnowned on a set the caller owns (saves a copy on the hot write path). */
export function stripUnownedInPlace(out: FieldSet, subresource?: string): FieldSet {
  if (subresource === 'status') {
    for (const k of [...out.children.keys()]) if (k !== 'f:status') out.children.delete(k);
    out.member = false;
    return out.prune();
  }
  out.children.delete('f:apiVersion');
  out.children.delete('f:kind');
  out.children.delete('f:status');
  const meta = out.children.get('f:metadata');
  if (meta) {
    meta.member = false;
    for (const pe of META_STRIPPED) meta.children.delete(pe);
  }
  return out.prune();
}

/** kube-apiserver's DefaultMaxUpdateManagers and the bucket the oldest updates are folded into. */
export const MAX_UPDATE_MANAGERS = 10;
const ANCIENT = 'ancient-changes';

/**
 * Caps Update entries as the real server's capManagersManager does: beyond the cap, the oldest
 * updates are merged, per apiVersion, into an "ancient-changes" entry (keeping the newest time).
 */
export function capUpdateManagers(entries: ManagerEntry[], max = MAX_UPDATE_MANAGERS): ManagerEntry[] {
  const updaters = entries.filter((e) => e.operation === 'Update');
  if (updaters.length <= max) return entries;
  updaters.sort((p, q) => seconds(p.time) - seconds(q.time) || cmp(p.manager, q.manager));
  const out = new Set(entries);
  const firstByVersion = new Map<string, ManagerEntry>();
  const bucketByVersion = new Map<string, ManagerEntry>();
  let count = updaters.length;
  for (const e of updaters) {
    if (count <= max) break;
    const first = firstByVersion.get(e.apiVersion);
    if (!first) {
      firstByVersion.set(e.apiVersion, e);
      continue;
    }
    let bucket = bucketByVersion.get(e.apiVersion);
    if (!bucket) {
      out.delete(first);
      bucket = { manager: ANCIENT, operation: 'Update', apiVersion: e.apiVersion, time: first.time, set: first.set };
      bucketByVersion.set(e.apiVersion, bucket);
      out.add(bucket);
    }
    bucket.set = bucket.set.union(e.set);
    bucket.time = e.time;
    out.delete(e);
    count--;
  }
  return [...out];
}
