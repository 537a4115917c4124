/**
 * Lists travel as rows (docs/architecture.md): the BFF projects each object to the row its list table shows —
 * the kind's column values (lib/k8s/registry.ts, CRD printer columns through their JSONPaths), plus the few
 * metadata fields that links, label selection, selection, deletion preconditions and owner links need — and
 * the socket carries those rows instead of whole objects. A row keeps the object's shape ({metadata, ...}), so
 * the watch protocol, its paging and applyWatchEvents work on rows unchanged.
 *
 * Columns whose value or rendering depends on the browser's context (the metrics sample, the ticking clock) are
 * computed in the browser from the row: `live` columns have no cell (null) and compute `value` from the row;
 * `aux` gives such columns (and `display`) the few object-derived inputs they need, computed here once.
 */
import type { CellValue, Column, ColumnContext } from '../columns';
import type { K8sObject } from '../types';

/** Metadata a row keeps: identity, links, label selection and filtering, deletion preconditions, owner links. */
export interface RowMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  labels?: Record<string, string>;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
}

/** A list row: a K8sObject-shaped record (so keys, paging and deltas work as for objects). */
export type RowObject = K8sObject & {
  /** one value per column of the kind, in column order; null for `live` columns */
  cells: CellValue[];
  /** per-column inputs for browser-side rendering, keyed by Column.auxKey ?? Column.id */
  aux?: Record<string, unknown>;
};

/** Server-side values never read the clock or metrics: those belong to `live` columns and `display`. */
const SERVER_CTX: ColumnContext = { now: 0 };

export function rowMeta(o: K8sObject): RowMeta {
  const m = o.metadata;
  const out: RowMeta = { name: m.name };
  if (m.namespace !== undefined) out.namespace = m.namespace;
  if (m.uid !== undefined) out.uid = m.uid;
  if (m.resourceVersion !== undefined) out.resourceVersion = m.resourceVersion;
  if (m.labels && Object.keys(m.labels).length) out.labels = m.labels;
  if (m.creationTimestamp !== undefined) out.creationTimestamp = String(m.creationTimestamp);
  if (m.deletionTimestamp) out.deletionTimestamp = String(m.deletionTimestamp);
  if (m.ownerReferences?.length) {
    out.ownerReferences = m.ownerReferences.map((r) => ({ apiVersion: r.apiVersion, kind: r.kind, name: r.name, uid: r.uid, ...(r.controller ? { controller: true } : {}) }));
  }
  return out;
}

function safe<T>(f: () => T, fallback: T): T {
  try {
    return f();
  } catch {
    return fallback; // one malformed object must not break the table
  }
}

/** The row of `o` for `columns` (pure; the same object and columns always give an equal row). */
export function projectRow(columns: readonly Column[], o: K8sObject): RowObject {
  const cells = columns.map((c) => (c.live ? null : safe<CellValue>(() => normal(c.value(o, SERVER_CTX)), null)));
  let aux: Record<string, unknown> | undefined;
  for (const c of columns) {
    if (!c.aux) continue;
    const v = safe<unknown>(() => c.aux!(o), undefined);
    if (v !== undefined) (aux ??= {})[c.auxKey ?? c.id] = v;
  }
  return { metadata: rowMeta(o), cells, ...(aux ? { aux } : {}) };
}

/** JSON has no undefined or NaN: a cell is what the browser will receive. */
function normal(v: CellValue | undefined): CellValue {
  if (v === undefined) return null;
  if (typeof v === 'number' && !Number.isFinite(v)) return null;
  return v;
}

/**
 * Do two rows show the same thing? Everything but metadata.resourceVersion counts: a change that alters no row
 * value is not sent (so a row's resourceVersion is the version at which it last changed).
 */
export function sameRow(a: RowObject, b: RowObject): boolean {
  if (a.cells.length !== b.cells.length) return false;
  for (let i = 0; i < a.cells.length; i++) if (a.cells[i] !== b.cells[i]) return false;
  const { resourceVersion: _a, ...ma } = a.metadata;
  const { resourceVersion: _b, ...mb } = b.metadata;
  return JSON.stringify(ma) === JSON.stringify(mb) && JSON.stringify(a.aux) === JSON.stringify(b.aux);
}

/** The aux a column (or its group) stored in the row. */
export function auxOf<T>(row: K8sObject, key: string): T | undefined {
  return (row as Partial<RowObject>).aux?.[key] as T | undefined;
}
