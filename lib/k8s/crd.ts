/**
 * KindInfo for custom resources, built from a CustomResourceDefinition: printer columns come from the served
 * version's additionalPrinterColumns (priority 0 only, like `kubectl get` without -o wide) evaluated with the
 * JSONPath subset in ./jsonpath.
 */
import type { K8sObject } from './types';
import type { KindInfo } from './registry';
import { type CellValue, type Column, ageColumn, nameColumn, namespaceColumn } from './columns';
import { evalJsonPath } from './jsonpath';
import { timeOf } from './machinery/age';

export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  format?: string;
  description?: string;
  priority?: number;
}

interface CrdVersion {
  name: string;
  served?: boolean;
  storage?: boolean;
  additionalPrinterColumns?: PrinterColumn[];
}

/** The version a console should use: the storage version if served, else the first served one. */
export function preferredCrdVersion(crd: K8sObject): CrdVersion | undefined {
  const versions = (crd.spec?.versions ?? []) as CrdVersion[];
  return versions.find((v) => v.served !== false && v.storage) ?? versions.find((v) => v.served !== false);
}

export function printerColumn(pc: PrinterColumn, index: number): Column {
  const isDate = pc.type === 'date';
  const isNum = pc.type === 'integer' || pc.type === 'number';
  return {
    id: `pc${index}-${pc.name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
    label: pc.name,
    value: (o): CellValue => {
      const vals = evalJsonPath(o, pc.jsonPath);
      const v = vals?.[0];
      if (v === undefined || v === null) return null;
      if (isDate) return timeOf(String(v));
      if (isNum) return typeof v === 'number' ? v : Number(v);
      if (pc.type === 'boolean') return Boolean(v);
      return typeof v === 'object' ? JSON.stringify(v) : String(v);
    },
    ...(isDate ? { format: 'age' as const, sort: ageColumn.sort, align: 'right' as const, width: 90 } : {}),
    ...(isNum ? { format: 'number' as const, align: 'right' as const, width: 90 } : {}),
    ...(pc.type === 'boolean' ? { format: 'bool' as const, width: 80 } : {}),
  };
}

export function columnsFromPrinterColumns(namespaced: boolean, pcs: PrinterColumn[] | undefined): Column[] {
  const cols: Column[] = [nameColumn];
  if (namespaced) cols.push(namespaceColumn);
  const visible = (pcs ?? []).filter((p) => !p.priority);
  visible.forEach((p, i) => cols.push(printerColumn(p, i)));
  if (!visible.some((p) => p.jsonPath.replace(/\s/g, '') === '.metadata.creationTimestamp')) cols.push(ageColumn);
  return cols;
}

/** KindInfo for a CRD, or undefined when it has no served version. */
export function kindFromCrd(crd: K8sObject): KindInfo | undefined {
  const v = preferredCrdVersion(crd);
  const names = crd.spec?.names;
  if (!v || !names?.plural || !crd.spec?.group) return undefined;
  const namespaced = crd.spec.scope !== 'Cluster';
  return {
    id: `${names.plural}.${crd.spec.group}`,
    group: crd.spec.group,
    version: v.name,
    kind: names.kind,
    plural: names.plural,
    namespaced,
    nav: 'Custom resources',
    title: names.kind,
    scalable: Boolean((crd.spec.versions as { name: string; subresources?: { scale?: unknown } }[]).find((x) => x.name === v.name)?.subresources?.scale),
    columns: columnsFromPrinterColumns(namespaced, v.additionalPrinterColumns),
    ...(v.additionalPrinterColumns?.length ? { printerColumns: v.additionalPrinterColumns } : {}),
  };
}

/** Fallback for a resource known only by its URL (no CRD readable, e.g. an aggregated API). */
export function genericKind(group: string, version: string, plural: string, namespaced = true): KindInfo {
  return {
    id: group ? `${plural}.${group}` : plural,
    group,
    version,
    kind: plural,
    plural,
    namespaced,
    nav: 'Custom resources',
    title: plural.charAt(0).toUpperCase() + plural.slice(1),
    columns: columnsFromPrinterColumns(namespaced, undefined),
  };
}
