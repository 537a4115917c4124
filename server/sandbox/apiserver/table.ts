/**
 * meta.k8s.io/v1 Table output, as kubectl requests it for get/list/watch. Built-in kinds use
 * kubectl's server-side printer columns (printers.go upstream, see table-columns.ts); custom
 * resources use their CRD's additionalPrinterColumns.
 */
import type { KObject } from '../types';
import type { ServedKind } from '../kinds';
import type { GenericRegistry } from './ops';
import { AGE_COL, BUILTIN_COLUMNS, humanAge, NAME_COL, type Column } from './table-columns';
import { MORE_COLUMNS } from './table-columns-more';

export interface TableOptions {
  includeObject: 'None' | 'Metadata' | 'Object';
}

export function tableAccepted(accept: string | undefined): boolean {
  if (!accept) return false;
  for (const part of accept.split(',')) {
    const p = part.replace(/\s+/g, '');
    if (p.includes('as=Table') && p.includes('g=meta.k8s.io') && (p.includes('v=v1;') || p.endsWith('v=v1') || p.includes('v=v1beta1'))) return true;
    if (p.startsWith('application/json') && !p.includes('as=')) return false;
  }
  return false;
}

/** Minimal JSONPath for printer columns: .a.b, .a[0].b, .a[*].b (joined with commas). */
export function evalJsonPath(o: unknown, path: string): unknown {
  const p = path.replace(/^\{|\}$/g, '').replace(/^\$/, '');
  const tokens = p.match(/\.[^.[\]]+|\[[^\]]*\]/g) ?? [];
  let cur: unknown[] = [o];
  for (const t of tokens) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (c === null || typeof c !== 'object') continue;
      if (t.startsWith('.')) {
        const v = (c as Record<string, unknown>)[t.slice(1)];
        if (v !== undefined) next.push(v);
      } else {
        const idx = t.slice(1, -1);
        if (!Array.isArray(c)) continue;
        if (idx === '*') next.push(...c);
        else {
          const i = Number(idx);
          const v = c[i < 0 ? c.length + i : i];
          if (v !== undefined) next.push(v);
        }
      }
    }
    cur = next;
  }
  if (cur.length === 0) return undefined;
  return cur.length === 1 ? cur[0] : cur.map((v) => (typeof v === 'object' ? JSON.stringify(v) : String(v))).join(',');
}

function customColumns(api: GenericRegistry, k: ServedKind): Column[] | undefined {
  const info = api.kinds.crdInfo(k.group, k.resource);
  if (!info) return undefined;
  const cols = info.versions.find((v) => v.name === k.version)?.columns ?? [];
  if (cols.length === 0) return [NAME_COL, AGE_COL];
  return [
    NAME_COL,
    ...cols.map<Column>((c) => ({
      name: c.name,
      type: c.type,
      format: c.format ?? '',
      description: c.description ?? '',
      priority: c.priority ?? 0,
      value: (o) => {
        const v = evalJsonPath(o, c.jsonPath);
        if (v === undefined || v === null) return null;
        if (c.type === 'date') return humanAge(String(v));
        if (c.type === 'integer' || c.type === 'number') return typeof v === 'number' ? v : Number(v);
        if (c.type === 'boolean') return typeof v === 'boolean' ? v : v === 'true';
        return typeof v === 'object' ? JSON.stringify(v) : String(v);
      },
    })),
  ];
}

export function columnsFor(api: GenericRegistry, k: ServedKind): Column[] {
  return customColumns(api, k) ?? BUILTIN_COLUMNS[`${k.group}/${k.resource}`] ?? MORE_COLUMNS[`${k.group}/${k.resource}`] ?? [NAME_COL, AGE_COL];
}

export function toTable(
  api: GenericRegistry,
  k: ServedKind,
  items: KObject[],
  meta: { resourceVersion?: string; continue?: string; remainingItemCount?: number },
  opts: TableOptions,
): object {
  const cols = columnsFor(api, k);
  return {
    kind: 'Table',
    apiVersion: 'meta.k8s.io/v1',
    metadata: meta,
    columnDefinitions: cols.map((c) => ({ name: c.name, type: c.type, format: c.format, description: c.description, priority: c.priority })),
    rows: items.map((o) => ({
      cells: cols.map((c) => c.value(o)),
      ...(opts.includeObject === 'None'
        ? {}
        : {
            object:
              opts.includeObject === 'Object'
                ? o
                : { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata },
          }),
    })),
  };
}

