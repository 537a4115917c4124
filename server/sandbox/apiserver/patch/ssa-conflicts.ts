/**
 * Server-side apply conflicts: the 409 the real server answers, and kubectl's client-side to
 * server-side apply upgrade (lastAppliedManager): `kubectl apply --server-side` (manager "kubectl")
 * may take fields its earlier client-side apply configured, when the live object still holds the
 * values of the last-applied-configuration annotation.
 */
import type { KObject } from '../../types';
import { patchError, type PatchCause } from './errors';
import { type FieldSet, pathString } from './field-set';
import { compare, toFieldSet } from './field-walk';
import { isObject, type JsonObject } from './json-value';
import { printManager, stripUnowned, type ManagerEntry } from './managed-fields';
import type { SchemaNode } from './schema-node';

export interface Conflict {
  entry: ManagerEntry;
  set: FieldSet;
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/** Fields of the last client-side applied configuration whose live values are still the applied ones. */
export function allowedByLastApplied(live: JsonObject, nav: SchemaNode | undefined): FieldSet | undefined {
  const meta = live.metadata;
  const raw = isObject(meta) && isObject(meta.annotations) ? meta.annotations[LAST_APPLIED] : undefined;
  if (typeof raw !== 'string' || raw === '') return undefined;
  let last: unknown;
  try {
    last = JSON.parse(raw);
  } catch {
    return undefined;
  }
  if (!isObject(last)) return undefined;
  const lastSet = stripUnowned(toFieldSet(last, nav));
  return lastSet.difference(compare(last, live as KObject, nav).modified);
}

export function withoutAllowed(conflicts: Conflict[], allowed: FieldSet): Conflict[] {
  return conflicts.map((c) => ({ entry: c.entry, set: c.set.difference(allowed) })).filter((c) => !c.set.isEmpty());
}

/** "Apply failed with N conflict(s): ..." with one FieldManagerConflict cause per field. */
export function conflictError(conflicts: Conflict[]): Error {
  const list = conflicts.flatMap(({ entry, set }) => set.paths().map((p) => ({ who: printManager(entry), path: pathString(p) })));
  const causes: PatchCause[] = list.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${c.who}`, field: c.path }));
  let message: string;
  if (list.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${list[0].who}: ${list[0].path}`;
  } else {
    const byManager = new Map<string, string[]>();
    for (const c of list) byManager.set(c.who, [...(byManager.get(c.who) ?? []), c.path]);
    const lines = [...byManager.keys()].sort().flatMap((who) => [`conflicts with ${who}:`, ...byManager.get(who)!.map((p) => `- ${p}`)]);
    message = `Apply failed with ${list.length} conflicts: ${lines.join('\n')}`;
  }
  return patchError(409, 'Conflict', message, causes);
}
