/**
 * Three-way merge of Kubernetes objects for the 409 view: base (what the user started from), mine (the
 * user's edit) and theirs (the server's current object). Non-overlapping changes combine; a field both sides
 * changed differently is a conflict (mine wins in `merged`, the path is reported so the user decides).
 * Lists of objects keyed by `name` (containers, ports, env, volumes) merge per item, other lists are atomic.
 */
import { isPlainObject, type Json, type JsonObject } from './clean';
import { deepEqual } from '../k8s/machinery/equal';

export interface MergeResult {
  merged: JsonObject;
  /** dotted field paths both sides changed differently */
  conflicts: string[];
}

const MISSING = Symbol('missing');
type V = Json | typeof MISSING;

function keyedByName(...lists: (V | undefined)[]): boolean {
  return lists.every((l) => {
    if (l === MISSING || l === undefined) return true;
    if (!Array.isArray(l)) return false;
    const names = l.map((x) => (isPlainObject(x) && typeof x.name === 'string' ? x.name : null));
    return names.every((n) => n !== null) && new Set(names).size === names.length;
  });
}

function mergeValue(base: V, mine: V, theirs: V, path: string, conflicts: string[]): V {
  if (deepEqual(mine, theirs)) return mine;
  if (deepEqual(mine, base)) return theirs;
  if (deepEqual(theirs, base)) return mine;
  if (isPlainObject(mine) && isPlainObject(theirs)) {
    return mergeObject(isPlainObject(base) ? base : {}, mine, theirs, path, conflicts);
  }
  if (Array.isArray(mine) && Array.isArray(theirs) && keyedByName(base, mine, theirs)) {
    return mergeNamedList(Array.isArray(base) ? base : [], mine, theirs, path, conflicts);
  }
  conflicts.push(path || '.');
  return mine;
}

// own keys only: "valueOf" or "__proto__" are ordinary keys in user YAML, never the prototype's
function own(o: JsonObject, k: string): V {
  return Object.prototype.hasOwnProperty.call(o, k) ? o[k] : MISSING;
}

export function setOwn(o: JsonObject, k: string, v: Json): void {
  Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
}

function mergeObject(base: JsonObject, mine: JsonObject, theirs: JsonObject, path: string, conflicts: string[]): JsonObject {
  const out: JsonObject = {};
  // theirs' key order first (the server's shape), then keys only the user added
  const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine), ...Object.keys(base)])];
  for (const k of keys) {
    const v = mergeValue(own(base, k), own(mine, k), own(theirs, k), path ? `${path}.${k}` : k, conflicts);
    if (v !== MISSING) setOwn(out, k, v);
  }
  return out;
}

function mergeNamedList(base: Json[], mine: Json[], theirs: Json[], path: string, conflicts: string[]): Json[] {
  const byName = (l: Json[]) => new Map(l.map((x) => [(x as JsonObject).name as string, x]));
  const b = byName(base);
  const m = byName(mine);
  const t = byName(theirs);
  const names = [...new Set([...t.keys(), ...m.keys()])];
  const out: Json[] = [];
  for (const n of [...names, ...[...b.keys()].filter((k) => !names.includes(k))]) {
    const v = mergeValue(b.get(n) ?? MISSING, m.get(n) ?? MISSING, t.get(n) ?? MISSING, `${path}[${n}]`, conflicts);
    if (v !== MISSING) out.push(v);
  }
  return out;
}

/**
 * Merges and takes the server's resourceVersion, so applying the merged result is a fresh, precondition-
 * checked update against the current object.
 */
export function threeWayMerge(base: JsonObject, mine: JsonObject, theirs: JsonObject): MergeResult {
  const conflicts: string[] = [];
  const merged = mergeObject(base, mine, theirs, '', conflicts);
  const rv = isPlainObject(theirs.metadata) ? theirs.metadata.resourceVersion : undefined;
  if (isPlainObject(merged.metadata) && rv !== undefined) merged.metadata = { ...merged.metadata, resourceVersion: rv };
  return { merged, conflicts: conflicts.filter((p) => p !== 'metadata.resourceVersion') };
}
