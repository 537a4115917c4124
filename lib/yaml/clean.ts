/**
 * What the editor shows: the object without metadata.managedFields and status by default (noise the user
 * does not edit), with metadata.resourceVersion kept as the precondition of the update.
 */
import { stringify } from 'yaml';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type JsonObject = { [k: string]: Json };

export function isPlainObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export function cleanForEdit(obj: unknown, opts: { showManaged?: boolean } = {}): JsonObject {
  const o = structuredClone(obj) as JsonObject;
  if (opts.showManaged) return o;
  delete o.status;
  if (isPlainObject(o.metadata)) delete o.metadata.managedFields;
  return o;
}

/**
 * PUT replaces the whole object: for kinds whose status is not a subresource (some CRDs), leaving status out
 * would clear it. Put the live status back when the user's text has none (the server ignores it otherwise).
 */
export function restoreHidden(edited: JsonObject, live: unknown): JsonObject {
  if (!isPlainObject(live) || edited.status !== undefined || live.status === undefined) return edited;
  return { ...edited, status: live.status };
}

/** Stable YAML for display: no line folding, no anchors for repeated values. */
export function toYaml(value: unknown): string {
  return stringify(value, { lineWidth: 0, aliasDuplicateObjects: false });
}

const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The part of an object a user edits: without status, managedFields, resourceVersion and the last-applied
 * annotation (which watch frames omit). Controllers bump resourceVersion with every status write; only a
 * change here means someone else changed what the user is editing.
 */
export function editableContent(obj: unknown): JsonObject {
  const o = cleanForEdit(obj);
  if (isPlainObject(o.metadata)) {
    delete o.metadata.resourceVersion;
    const ann = o.metadata.annotations;
    if (isPlainObject(ann)) {
      delete ann[LAST_APPLIED];
      if (Object.keys(ann).length === 0) delete o.metadata.annotations;
    }
  }
  return o;
}
