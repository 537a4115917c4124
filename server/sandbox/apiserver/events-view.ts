/**
 * events.k8s.io/v1 Events as a converted VIEW of the stored core/v1 Events, as on a real API server
 * (both APIs are one etcd resource, stored as core/v1): storageKey() maps both to one table, GenericRegistry.write
 * stores an events.k8s.io body in core form and GenericRegistry.view serves a stored Event in events.k8s.io form.
 * So name, uid and resourceVersion are shared, a write through either API is seen by both, and watches
 * on either API see every change. Field mapping as upstream pkg/apis/events/v1/conversion.go:
 * regarding<->involvedObject, note<->message, reportingController<->reportingComponent,
 * deprecatedSource<->source, deprecatedCount<->count, deprecated{First,Last}Timestamp<->{first,last}Timestamp;
 * eventTime, series, action, reason, related, type and reportingInstance keep their names.
 * Zero values serialize like Go's structs (null timestamps, `{}` source/regarding, omitted zero count).
 */
import type { KObject } from '../types';
import { invalid, type StatusCause } from './errors';
import { viewCache } from './view-cache';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const EVENTS_API_VERSION = 'events.k8s.io/v1';

/** True for the events.k8s.io resource whose objects are stored as core/v1 Events. */
export function isEventsView(k: { group: string; resource: string }): boolean {
  return k.group === 'events.k8s.io' && k.resource === 'events';
}


/** core/v1 Event -> events.k8s.io/v1 Event (upstream Convert_core_Event_To_v1_Event). */
export function coreToEventsV1(o: KObject): KObject {
  const e = o as Any;
  const out: Any = { apiVersion: EVENTS_API_VERSION, kind: 'Event', metadata: e.metadata, eventTime: e.eventTime ?? null };
  if (e.series) out.series = e.series;
  if (e.reportingComponent) out.reportingController = e.reportingComponent;
  if (e.reportingInstance) out.reportingInstance = e.reportingInstance;
  if (e.action) out.action = e.action;
  if (e.reason) out.reason = e.reason;
  out.regarding = e.involvedObject ?? {};
  if (e.related) out.related = e.related;
  if (e.message) out.note = e.message;
  if (e.type) out.type = e.type;
  out.deprecatedSource = e.source ?? {};
  out.deprecatedFirstTimestamp = e.firstTimestamp ?? null;
  out.deprecatedLastTimestamp = e.lastTimestamp ?? null;
  if (e.count) out.deprecatedCount = e.count;
  return out as KObject;
}

/** stored core Event -> its events.k8s.io view, cached per stored revision */
const views = viewCache(coreToEventsV1);

/** events.k8s.io/v1 Event -> core/v1 Event (upstream Convert_v1_Event_To_core_Event). Unknown fields drop. */
export function eventsV1ToCore(o: KObject): KObject {
  const e = o as Any;
  const out: Any = { apiVersion: 'v1', kind: 'Event', metadata: { ...e.metadata }, involvedObject: e.regarding ?? {} };
  if (e.reason) out.reason = e.reason;
  if (e.note) out.message = e.note;
  out.source = e.deprecatedSource ?? {};
  out.firstTimestamp = e.deprecatedFirstTimestamp ?? null;
  out.lastTimestamp = e.deprecatedLastTimestamp ?? null;
  if (e.deprecatedCount) out.count = e.deprecatedCount;
  if (e.type) out.type = e.type;
  out.eventTime = e.eventTime ?? null;
  if (e.series) out.series = e.series;
  if (e.action) out.action = e.action;
  if (e.related) out.related = e.related;
  out.reportingComponent = e.reportingController ?? '';
  out.reportingInstance = e.reportingInstance ?? '';
  return out as KObject;
}

/**
 * GenericRegistry.view's hook: the events.k8s.io form of a stored core Event (undefined for other kinds). Views of
 * frozen stored objects are cached and frozen themselves, so their JSON is serialized once (json-cache).
 */
export function eventsViewOf(k: { group: string; resource: string }, stored: KObject): KObject | undefined {
  if (!isEventsView(k) || stored.apiVersion !== 'v1') return undefined;
  return views.of(stored);
}

/** GenericRegistry.write's hook: the form an object of kind k is stored in (core/v1 for events.k8s.io Events). */
export function storageForm(k: { group: string; resource: string }, o: KObject): KObject {
  return isEventsView(k) && o.apiVersion === EVENTS_API_VERSION ? eventsV1ToCore(o) : o;
}

/** The core/v1 form of an Event given in either API's form (for the shared Table columns). */
export function coreEventOf(o: KObject): KObject {
  if (o.apiVersion !== EVENTS_API_VERSION) return o;
  return views.storedOf(o) ?? eventsV1ToCore(o);
}

const ACTION_MAX = 128;
const REASON_MAX = 128;
const INSTANCE_MAX = 128;
const NOTE_MAX = 1024;
const QUALIFIED_NAME = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

type Checks = { required(field: string): void; bad(field: string, value: unknown, detail: string): void };

function collector(): { causes: StatusCause[]; c: Checks } {
  const causes: StatusCause[] = [];
  return {
    causes,
    c: {
      required: (field) => causes.push({ reason: 'FieldValueRequired', message: 'Required value', field }),
      bad: (field, value, detail) => causes.push({ reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(value)}: ${detail}`, field }),
    },
  };
}

const limit = (c: Checks, field: string, v: string, max: number) => {
  if (v.length > max) c.bad(field, '', `can have at most ${max} characters`);
};

/** upstream legacyValidateEvent (every create and update); old-style events (no eventTime) only get the namespace check */
function legacyChecks(e: Any, c: Checks): void {
  const ns = e.metadata?.namespace ?? '';
  const rns = e.regarding?.namespace ?? '';
  if (!e.eventTime) {
    if (rns ? ns !== rns : ns !== '' && ns !== 'default') c.bad('involvedObject.namespace', rns, 'does not match event.namespace');
    return;
  }
  if (!rns && ns !== 'default' && ns !== 'kube-system') c.bad('involvedObject.namespace', rns, 'does not match event.namespace');
  const rc = String(e.reportingController ?? '');
  if (!rc) c.required('reportingController');
  else if (!QUALIFIED_NAME.test(rc) || rc.split('/').pop()!.length > 63) {
    c.bad('reportingController', rc, "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character");
  }
  const req = (field: string, v: unknown, max: number) => {
    const str = String(v ?? '');
    if (!str) c.required(field);
    else limit(c, field, str, max);
  };
  req('reportingInstance', e.reportingInstance, INSTANCE_MAX);
  req('action', e.action, ACTION_MAX);
  req('reason', e.reason, REASON_MAX);
  limit(c, 'message', String(e.note ?? ''), NOTE_MAX);
}

function seriesChecks(e: Any, c: Checks): void {
  if (!e.series) return;
  if (!(Number(e.series.count) >= 2)) c.bad('series.count', '', 'should be at least 2');
  if (!e.series.lastObservedTime) c.required('series.lastObservedTime');
}

/**
 * Upstream ValidateEventCreate for a create through events.k8s.io/v1 (pkg/apis/core/validation/events.go):
 * the legacy checks, then eventTime required, a valid series, type Normal or Warning and the deprecated
 * fields unset. Field names as upstream's (core names: the check runs on the converted object there).
 */
export function validateEventsV1Create(o: KObject): void {
  const e = o as Any;
  const { causes, c } = collector();
  legacyChecks(e, c);
  seriesChecks(e, c);
  if (!e.eventTime) c.required('eventTime');
  if (e.type !== 'Normal' && e.type !== 'Warning') c.bad('type', '', `has invalid value: ${e.type ?? ''}`);
  if (e.deprecatedFirstTimestamp) c.bad('firstTimestamp', '', 'needs to be unset');
  if (e.deprecatedLastTimestamp) c.bad('lastTimestamp', '', 'needs to be unset');
  if (e.deprecatedCount) c.bad('count', '', 'needs to be unset');
  if (e.deprecatedSource?.component || e.deprecatedSource?.host) c.bad('source', '', 'needs to be unset');
  if (causes.length) throw invalid('Event', 'events.k8s.io', e.metadata?.name ?? '', causes);
}

/** Go zero values compare equal: absent, null, "", 0, false and structs of zero values. */
function sameValue(a: unknown, b: unknown): boolean {
  const zero = (v: unknown): boolean =>
    v === undefined || v === null || v === '' || v === 0 || v === false || (typeof v === 'object' && !Array.isArray(v) && Object.values(v as object).every(zero));
  if (zero(a) && zero(b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) if (!sameValue((a as Any)[k], (b as Any)[k])) return false;
  return true;
}

/** events.k8s.io field -> upstream's field path in ValidateEventUpdate's immutability checks */
const IMMUTABLE: [string, string][] = [
  ['regarding', 'involvedObject'],
  ['reason', 'reason'],
  ['note', 'message'],
  ['deprecatedSource', 'source'],
  ['deprecatedFirstTimestamp', 'firstTimestamp'],
  ['deprecatedLastTimestamp', 'lastTimestamp'],
  ['deprecatedCount', 'count'],
  ['type', 'type'],
  ['eventTime', 'eventTime'],
  ['action', 'action'],
  ['related', 'related'],
  ['reportingController', 'reportingController'],
  ['reportingInstance', 'reportingInstance'],
];

/** Upstream ValidateEventUpdate through events.k8s.io/v1: the legacy checks, a valid new series, everything else immutable. */
export function validateEventsV1Update(next: KObject, old: KObject): void {
  const e = next as Any;
  const o = old as Any;
  const { causes, c } = collector();
  legacyChecks(e, c);
  if (!sameValue(e.series, o.series)) seriesChecks(e, c);
  for (const [f, path] of IMMUTABLE) if (!sameValue(e[f], o[f])) c.bad(path, e[f] ?? null, 'field is immutable');
  if (causes.length) throw invalid('Event', 'events.k8s.io', e.metadata?.name ?? '', causes);
}
