/**
 * Columns are data (ARCHITECTURE convention 3): `value` returns a primitive used for sorting, filtering and
 * display; `format` tells components how to render it, so no JSX lives in lib/. Name, namespace and age are
 * shared by every kind.
 */
import type { K8sObject } from './types';
import type { UsageIndex } from '../metrics/usage-model';
import { timeOf } from './machinery/age';

export type CellValue = string | number | boolean | null;

/**
 * How a component renders a value:
 * - text/mono/number/bool: as is (mono = monospace, e.g. IPs and images)
 * - name: link to the object page
 * - age: value is an epoch-ms timestamp; rendered as a ticking kubectl-style age (now - value)
 * - status: coloured by statusTone(value)
 * - labels: value is "k=v,k2=v2"; rendered as chips
 * - metric: value is usage (cores or bytes, null without metrics); `display` gives usage and its shares of
 *   request/limit/allocatable, rendered with a bar; an empty cell explains why (ctx.usage.reason)
 */
export type ColumnFormat = 'text' | 'mono' | 'number' | 'bool' | 'name' | 'age' | 'status' | 'labels' | 'metric';

/** Things a column may need beyond the object itself (kept out of the object: resources stay plain JSON). */
export interface ColumnContext {
  now: number;
  /** the latest metrics.k8s.io sample (pods, nodes, workloads' pods), when the list shows usage */
  usage?: UsageIndex;
}

/**
 * Lists travel as rows (lib/k8s/rows/project.ts): `value` and `aux` run on the BFF over the whole object; `display`,
 * `filterText`, `bar` — and `value` of a `live` column — run in the browser over the row, so they read only the row's
 * metadata and `auxOf(row, ...)`.
 */
export interface Column {
  id: string;
  label: string;
  value: (obj: K8sObject, ctx: ColumnContext) => CellValue;
  /** the value depends on the browser's context (metrics): computed in the browser from the row, not sent */
  live?: boolean;
  /** object-derived inputs (JSON) that `display`, `filterText`, `bar` or a live `value` need from the row */
  aux?: (obj: K8sObject) => unknown;
  /** where `aux` is kept in the row (columns sharing inputs share a key); default the column id */
  auxKey?: string;
  /** custom comparator over values; default compares numbers numerically, strings naturally, nulls last */
  sort?: (a: CellValue, b: CellValue) => number;
  format?: ColumnFormat;
  /** text shown instead of `value` (e.g. "3 (2m ago)" while sorting by the count); undefined shows the value */
  display?: (obj: K8sObject, ctx: ColumnContext) => string | undefined;
  /** text the filter matches besides `value` (e.g. "250m 50% of request"), computed with the row */
  filterText?: (obj: K8sObject, ctx: ColumnContext) => string;
  /** the fraction a 'metric' cell's bar shows (share of request, else limit, else allocatable) */
  bar?: (obj: K8sObject, ctx: ColumnContext) => number | null;
  /** rough width hint in px for the layout */
  width?: number;
  align?: 'left' | 'right';
}

/** Natural order (numeric runs by value, case-insensitive); columns-sort.ts derives its sort keys from it. */
export const naturalCollator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

export function compareValues(a: CellValue, b: CellValue): number {
  if (a === b) return 0;
  if (a === null || a === undefined || a === '') return 1;
  if (b === null || b === undefined || b === '') return -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return a ? -1 : 1;
  return naturalCollator.compare(String(a), String(b));
}

export const nameColumn: Column = { id: 'name', label: 'Name', value: (o) => o.metadata.name, format: 'name', width: 260 };
export const namespaceColumn: Column = {
  id: 'namespace',
  label: 'Namespace',
  value: (o) => o.metadata.namespace ?? '',
  width: 140,
};
export const ageColumn: Column = {
  id: 'age',
  label: 'Age',
  // The value is the creation time (epoch ms), not now - creation: values stay stable as time passes, so
  // memoized sorts survive the ticking clock. Ascending "age" = youngest first, hence the reversed comparator.
  value: (o) => timeOf(o.metadata.creationTimestamp),
  sort: (a, b) => (a === null ? (b === null ? 0 : 1) : b === null ? -1 : (b as number) - (a as number)),
  format: 'age',
  width: 80,
  align: 'right',
};
export const labelsColumn: Column = {
  id: 'labels',
  label: 'Labels',
  value: (o) =>
    Object.entries(o.metadata.labels ?? {})
      .map(([k, v]) => `${k}=${v}`)
      .join(','),
  format: 'labels',
  width: 300,
};

/** Compose a kind's columns: name, [namespace], ...specific, age. */
export function withCommon(namespaced: boolean, specific: Column[], opts: { age?: boolean } = {}): Column[] {
  const cols = [nameColumn];
  if (namespaced) cols.push(namespaceColumn);
  cols.push(...specific);
  if (opts.age !== false) cols.push(ageColumn);
  return cols;
}

/** Shorthand for a plain text column. */
export function col(id: string, label: string, value: Column['value'], extra: Partial<Column> = {}): Column {
  return { id, label, value, ...extra };
}

/** Shorthand for a numeric, right-aligned column. */
export function num(id: string, label: string, value: (o: K8sObject) => number | null): Column {
  return { id, label, value, format: 'number', align: 'right', width: 90 };
}
