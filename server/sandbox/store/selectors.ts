/**
 * Label and field selectors with the operators and error behaviour of a real API server.
 * Parsed once per request into predicates; matching is allocation-free on the hot path.
 */
import type { KObject } from '../types';
import { badRequest } from '../apiserver/errors';

export type Predicate = (o: KObject) => boolean;

type LabelReq =
  | { op: 'exists' | '!'; key: string }
  | { op: '=' | '!='; key: string; value: string }
  | { op: 'in' | 'notin'; key: string; values: Set<string> }
  | { op: 'gt' | 'lt'; key: string; n: number };

const KEY_RE = /^([a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?\/)?[a-z0-9A-Z]([-a-z0-9A-Z_.]*[a-z0-9A-Z])?$/;
const VALUE_RE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;

/** Split at top-level commas (commas inside "in (a,b)" belong to the value set). */
function splitTop(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of s) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  out.push(cur);
  return out.map((x) => x.trim()).filter((x) => x.length > 0);
}

function checkKey(key: string, sel: string): void {
  if (!KEY_RE.test(key) || key.length > 317) {
    throw badRequest(`unable to parse requirement: invalid label key "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`);
  }
  void sel;
}

function checkValue(v: string): void {
  if (v.length > 63 || !VALUE_RE.test(v)) {
    throw badRequest(`unable to parse requirement: values[0][${v}]: Invalid value: "${v}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`);
  }
}

export function parseLabelSelector(sel: string | undefined): Predicate | undefined {
  if (!sel || !sel.trim()) return undefined;
  const reqs: LabelReq[] = [];
  for (const part of splitTop(sel)) {
    let m: RegExpMatchArray | null;
    if ((m = part.match(/^(\S+)\s+(in|notin)\s*\((.*)\)$/))) {
      checkKey(m[1], sel);
      const values = new Set(m[3].split(',').map((v) => v.trim()).filter((v) => v !== ''));
      values.forEach(checkValue);
      reqs.push({ op: m[2] as 'in' | 'notin', key: m[1], values });
    } else if ((m = part.match(/^([^=!<>\s]+)\s*(==|=|!=)\s*(\S*)$/))) {
      checkKey(m[1], sel);
      checkValue(m[3]);
      reqs.push({ op: m[2] === '!=' ? '!=' : '=', key: m[1], value: m[3] });
    } else if ((m = part.match(/^([^=!<>\s]+)\s*([<>])\s*(-?\d+)$/))) {
      checkKey(m[1], sel);
      reqs.push({ op: m[2] === '>' ? 'gt' : 'lt', key: m[1], n: Number(m[3]) });
    } else if ((m = part.match(/^!\s*(\S+)$/))) {
      checkKey(m[1], sel);
      reqs.push({ op: '!', key: m[1] });
    } else if (/^\S+$/.test(part) && !/[=!<>()]/.test(part)) {
      checkKey(part, sel);
      reqs.push({ op: 'exists', key: part });
    } else {
      throw badRequest(`unable to parse requirement: found '${part}', expected: identifier`);
    }
  }
  return (o) => {
    const labels = o.metadata.labels;
    for (const r of reqs) {
      const v = labels?.[r.key];
      switch (r.op) {
        case 'exists':
          if (v === undefined) return false;
          break;
        case '!':
          if (v !== undefined) return false;
          break;
        case '=':
          if (v !== r.value) return false;
          break;
        case '!=':
          if (v === r.value) return false;
          break;
        case 'in':
          if (v === undefined || !r.values.has(v)) return false;
          break;
        case 'notin':
          if (v !== undefined && r.values.has(v)) return false;
          break;
        case 'gt':
        case 'lt': {
          if (v === undefined || !/^-?\d+$/.test(v)) return false;
          const n = Number(v);
          if (r.op === 'gt' ? !(n > r.n) : !(n < r.n)) return false;
        }
      }
    }
    return true;
  };
}

type FieldGetter = (o: KObject) => string;

function path(...keys: string[]): FieldGetter {
  return (o) => {
    let cur: unknown = o;
    for (const k of keys) {
      if (cur === null || typeof cur !== 'object') return '';
      cur = (cur as Record<string, unknown>)[k];
    }
    return cur === undefined || cur === null ? '' : String(cur);
  };
}

const COMMON: Record<string, FieldGetter> = {
  'metadata.name': path('metadata', 'name'),
  'metadata.namespace': path('metadata', 'namespace'),
};

/** Field labels each resource supports beyond metadata.name/namespace (as registered upstream). */
const EXTRA: Record<string, Record<string, FieldGetter>> = {
  '/pods': {
    'spec.nodeName': path('spec', 'nodeName'),
    'spec.restartPolicy': path('spec', 'restartPolicy'),
    'spec.schedulerName': path('spec', 'schedulerName'),
    'spec.serviceAccountName': path('spec', 'serviceAccountName'),
    'spec.hostNetwork': (o) => String(Boolean((o as { spec?: { hostNetwork?: boolean } }).spec?.hostNetwork)),
    'status.phase': path('status', 'phase'),
    'status.podIP': path('status', 'podIP'),
    'status.nominatedNodeName': path('status', 'nominatedNodeName'),
  },
  // upstream ToSelectableFields of the core Event strategy ("source" falls back to reportingComponent)
  '/events': Object.fromEntries(
    ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']
      .map((f) => [`involvedObject.${f}`, path('involvedObject', f)] as [string, FieldGetter])
      .concat([
        ['reason', path('reason')],
        ['reportingComponent', path('reportingComponent')],
        ['source', (o) => path('source', 'component')(o) || path('reportingComponent')(o)],
        ['type', path('type')],
      ]),
  ),
  // events.k8s.io Events are matched on their stored core/v1 form: upstream's field label conversion
  // (pkg/apis/events/v1/conversion.go) maps regarding.* to involvedObject.* and reportingController
  // to reportingComponent
  'events.k8s.io/events': Object.fromEntries(
    ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath']
      .map((f) => [`regarding.${f}`, path('involvedObject', f)] as [string, FieldGetter])
      .concat([
        ['reason', path('reason')],
        ['reportingController', path('reportingComponent')],
        ['type', path('type')],
      ]),
  ),
  '/namespaces': { 'status.phase': path('status', 'phase') },
  '/nodes': { 'spec.unschedulable': (o) => String(Boolean((o as { spec?: { unschedulable?: boolean } }).spec?.unschedulable)) },
  '/secrets': { type: path('type') },
  'batch/jobs': { 'status.successful': path('status', 'succeeded') },
  'apps/replicasets': { 'status.replicas': path('status', 'replicas') },
};

export function parseFieldSelector(group: string, resource: string, sel: string | undefined): Predicate | undefined {
  if (!sel || !sel.trim()) return undefined;
  const extra = EXTRA[`${group}/${resource}`] ?? {};
  const reqs: { get: FieldGetter; neg: boolean; value: string }[] = [];
  for (const part of sel.split(',').map((s) => s.trim()).filter(Boolean)) {
    const m = part.match(/^([^=!]+?)\s*(==|=|!=)\s*(.*)$/);
    if (!m) throw badRequest(`invalid selector: '${sel}'; can't understand '${part}'`);
    const field = m[1];
    const get = COMMON[field] ?? extra[field];
    if (!get) throw badRequest(`field label not supported: ${field}`);
    reqs.push({ get, neg: m[2] === '!=', value: m[3] });
  }
  return (o) => {
    for (const r of reqs) if ((r.get(o) === r.value) === r.neg) return false;
    return true;
  };
}

/** Name of the one object a fieldSelector pins, if any (kubectl's `get x -w` uses metadata.name=x). */
export function pinnedName(sel: string | undefined): string | undefined {
  const m = sel?.match(/(?:^|,)metadata\.name==?([^,]+)(?:,|$)/);
  return m?.[1];
}
