/**
 * The list table's data model, pure and framework-free so it can be tested and timed: over list rows (the BFF
 * sends each object's cell values, lib/k8s/rows/project.ts) or plain objects; cell values are taken or computed
 * once per row identity (watch deltas replace only the objects that changed, so a delta recomputes a handful
 * of rows, not 10,000), filtering uses a precomputed lower-case haystack, and sorting uses the cached values.
 */
import type { Column, CellValue, ColumnContext } from './columns';
import { compareValues } from './columns';
import type { K8sObject } from './types';
import { projectRow, type RowObject } from './rows/project';

export interface Row {
  id: string;
  /** the list row (display, links, selection read it) */
  obj: K8sObject;
  values: CellValue[];
  /** lower-case text of every value plus labels, for the text filter */
  haystack: string;
}

/** Selection identity: namespace/name, so a selected row stays selected across object replacement. */
export function rowId(obj: K8sObject): string {
  return `${obj.metadata.namespace ?? ''}/${obj.metadata.name}`;
}

/**
 * A row cache bound to one column set and context: rebuilt when the columns change (a different kind) or
 * context inputs that values depend on change (a new metrics sample), reused across deltas otherwise.
 */
export class RowCache {
  private cache = new WeakMap<object, Row>();
  constructor(
    readonly columns: Column[],
    readonly ctx: ColumnContext,
  ) {}

  row(obj: K8sObject): Row {
    let r = this.cache.get(obj);
    if (!r) {
      // a list row (lib/k8s/rows/project.ts) brings its cells, computed by the BFF; a plain object (tests,
      // benchmarks) is projected here first, so display/filterText/bar always see a row; `live` columns are computed here
      const row: RowObject = Array.isArray((obj as Partial<RowObject>).cells) ? (obj as RowObject) : projectRow(this.columns, obj);
      const values = this.columns.map((c, i) => {
        if (!c.live) return row.cells[i] ?? null;
        try {
          return c.value(row, this.ctx);
        } catch {
          return null; // one malformed object must not break the table
        }
      });
      const labels = Object.entries(obj.metadata.labels ?? {})
        .map(([k, v]) => `${k}=${v}`)
        .join(' ');
      let extra = '';
      for (const c of this.columns) {
        if (!c.filterText) continue;
        try {
          extra += ` ${c.filterText(row, this.ctx)}`;
        } catch {
          // as for values: one malformed object must not break the table
        }
      }
      const haystack = `${values.filter((v) => typeof v === 'string' || typeof v === 'number').join(' ')}${extra} ${labels}`.toLowerCase();
      r = { id: rowId(obj), obj: row, values, haystack };
      this.cache.set(obj, r);
    }
    return r;
  }

  rows(items: readonly K8sObject[]): Row[] {
    const out = new Array<Row>(items.length);
    for (let i = 0; i < items.length; i++) out[i] = this.row(items[i]);
    return out;
  }
}

/** Client-side namespace filter for multi-namespace selections ([] = all). */
export function filterNamespaces(items: readonly K8sObject[], namespaces: readonly string[]): readonly K8sObject[] {
  if (namespaces.length <= 1) return items;
  const set = new Set(namespaces);
  return items.filter((o) => set.has(o.metadata.namespace ?? ''));
}

/** Every whitespace-separated term must appear (AND), case-insensitive. */
export function filterRows(rows: Row[], text: string): Row[] {
  const terms = text.toLowerCase().split(/\s+/).filter(Boolean);
  if (terms.length === 0) return rows;
  return rows.filter((r) => terms.every((t) => r.haystack.includes(t)));
}

export interface SortSpec {
  columnId: string;
  desc: boolean;
}

/** Stable sort by one column, ties broken by namespace/name so equal rows do not jump around on updates. */
export function sortRows(rows: Row[], columns: Column[], sort: SortSpec | null): Row[] {
  if (!sort) return rows;
  const idx = columns.findIndex((c) => c.id === sort.columnId);
  if (idx < 0) return rows;
  const cmp = columns[idx].sort ?? compareValues;
  const dir = sort.desc ? -1 : 1;
  const keyed = rows.slice();
  keyed.sort((a, b) => {
    const av = a.values[idx];
    const bv = b.values[idx];
    const emptyA = av === null || av === '';
    const emptyB = bv === null || bv === '';
    // empties stay last in both directions
    if (emptyA !== emptyB) return emptyA ? 1 : -1;
    const c = cmp(av, bv) * dir;
    return c !== 0 ? c : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  return keyed;
}
