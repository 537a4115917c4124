/**
 * Label and field selectors with the operators and error behaviour of a real API server.
 * Parsed once per request into predicates (label selectors by the shared machinery).
 */
import type { KObject } from '../types';
import { badRequest } from '../apiserver/errors';
import { compileSelector, SelectorError } from '../../../lib/k8s/machinery/labels';

export type Predicate = (o: KObject) => boolean;

/** ?labelSelector= as a predicate; a malformed selector is a 400 with the API server's message. */
export function parseLabelSelector(sel: string | undefined): Predicate | undefined {
  const match = compileOr400(sel);
  return match && ((o) => match(o.metadata.labels));
}

function compileOr400(sel: string | undefined) {
  try {
    return compileSelector(sel);
  } catch (e) {
    throw e instanceof SelectorError ? badRequest(e.message) : e;
  }
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
