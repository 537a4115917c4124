/**
 * Working with recorded views (lib/history/types.ts): the view before a change (the recorded view after it
 * with its diff undone), and "Restore this version" (a past view merged into the current object, ready for
 * the YAML editor's review, dry run and apply). Pure and runtime-neutral.
 */
import { applyPatch, type Operation } from 'fast-json-patch';
import type { ChangeDetail } from './types';

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The top-level fields a recorded view never holds (they belong to the live object, not to a version). */
const LIVE_ONLY = new Set(['apiVersion', 'kind', 'metadata', 'status']);
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

/**
 * The recorded view before `c`: its diff undone on the view after it. A deletion's object is already the view
 * before it; a creation had none. Undefined when the diff does not apply (a record the recorder clipped).
 */
export function viewBefore(c: Pick<ChangeDetail, 'type' | 'diff' | 'object'>): Obj | null | undefined {
  if (c.type === 'created') return null;
  if (c.type === 'deleted') return c.object;
  if (!c.object) return undefined;
  const undo: Operation[] = [...c.diff].reverse().map((d) =>
    d.op === 'add' ? { op: 'remove', path: d.path } : d.op === 'remove' ? { op: 'add', path: d.path, value: d.before } : { op: 'replace', path: d.path, value: d.before },
  );
  try {
    return applyPatch(structuredClone(c.object), undo, true, false).newDocument as Obj;
  } catch {
    return undefined;
  }
}

/** The recorded view after `c` (null after a deletion). */
export function viewAfter(c: Pick<ChangeDetail, 'type' | 'object'>): Obj | null {
  return c.type === 'deleted' ? null : c.object;
}

/**
 * `current` with the version's declared content: every top-level field but apiVersion, kind, metadata and
 * status replaced by the version's (fields the version did not have are removed), and the version's labels
 * and annotations (the last-applied annotation, which versions never hold, is kept). Everything else of the
 * live object (name, resourceVersion as the update's precondition, status) stays as it is now.
 */
export function restoreVersion(current: Obj, version: Obj): Obj {
  const out: Obj = structuredClone(current);
  for (const k of Object.keys(out)) if (!LIVE_ONLY.has(k) && !(k in version)) delete out[k];
  for (const [k, v] of Object.entries(version)) if (!LIVE_ONLY.has(k)) out[k] = structuredClone(v);
  const md: Obj = isObject(out.metadata) ? { ...out.metadata } : {};
  const vmd = isObject(version.metadata) ? version.metadata : {};
  const lastApplied = isObject(md.annotations) ? md.annotations[LAST_APPLIED] : undefined;
  const annotations: Obj = { ...(isObject(vmd.annotations) ? vmd.annotations : {}), ...(lastApplied !== undefined ? { [LAST_APPLIED]: lastApplied } : {}) };
  if (isObject(vmd.labels) && Object.keys(vmd.labels).length) md.labels = structuredClone(vmd.labels);
  else delete md.labels;
  if (Object.keys(annotations).length) md.annotations = annotations;
  else delete md.annotations;
  out.metadata = md;
  return out;
}
