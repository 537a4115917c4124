/**
 * Decoded protobufjs message → the object's plain Kubernetes JSON form (what encoding/json would print for
 * the same Go value), driven by the schema's reflection plus the quirks in json-rules.ts.
 */
import type protobuf from 'protobufjs';
import { INLINE, KEEP_ZERO, RENAME, SPECIAL } from './json-rules';
import { formatGoDuration } from '../../../../lib/k8s/machinery/duration';

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type JsonObject = { [k: string]: Json };

const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** int64 fields arrive as Long (long.js is installed) or number. */
export function toNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return Number(v);
  if (v && typeof v === 'object' && 'low' in v && 'high' in v) {
    const l = v as { low: number; high: number; unsigned?: boolean };
    // same arithmetic as Long#toNumber, without depending on the long package's types
    return l.unsigned ? (l.high >>> 0) * 2 ** 32 + (l.low >>> 0) : l.high * 2 ** 32 + (l.low >>> 0);
  }
  return Number(v);
}

function bytesOf(v: unknown): Buffer {
  if (v instanceof Uint8Array) return Buffer.from(v.buffer, v.byteOffset, v.byteLength);
  if (typeof v === 'string') return Buffer.from(v, 'base64');
  return Buffer.alloc(0);
}

/** RFC 3339 as metav1.Time marshals it: second precision, UTC, "Z". */
export function formatTime(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** metav1.MicroTime: RFC 3339 with exactly six fractional digits. */
export function formatMicroTime(seconds: number, nanos: number): string {
  const base = new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return `${base}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z`;
}

function isZero(v: unknown): boolean {
  if (v === '' || v === false || v === 0) return true;
  return typeof v === 'object' && v !== null && 'low' in v && toNumber(v) === 0;
}

function scalarToJson(type: string, v: unknown): Json {
  switch (type) {
    case 'string':
      return String(v);
    case 'bool':
      return Boolean(v);
    case 'bytes':
      return bytesOf(v).toString('base64');
    default:
      // int32, int64, uint32, double, ...: Kubernetes JSON prints all of them as numbers
      return toNumber(v);
  }
}

function parseJsonBytes(v: unknown): Json {
  const buf = bytesOf(v);
  if (buf.length === 0) return {};
  try {
    return JSON.parse(buf.toString('utf8')) as Json;
  } catch {
    return buf.toString('base64');
  }
}

/** Special message types; undefined = "not special". `null` = omit the field (zero time). */
function specialToJson(type: protobuf.Type, m: Record<string, unknown>): Json | undefined {
  switch (type.fullName.slice(1)) {
    case SPECIAL.time:
      return has(m, 'seconds') ? formatTime(toNumber(m.seconds)) : null;
    case SPECIAL.microTime:
      return has(m, 'seconds') ? formatMicroTime(toNumber(m.seconds), toNumber(m.nanos ?? 0)) : null;
    case SPECIAL.duration:
      return formatGoDuration(toNumber(m.duration ?? 0));
    case SPECIAL.quantity:
      return typeof m.string === 'string' && m.string !== '' ? m.string : '0';
    case SPECIAL.intOrString:
      return toNumber(m.type ?? 0) === 1 ? String(m.strVal ?? '') : toNumber(m.intVal ?? 0);
    case SPECIAL.fieldsV1:
      return parseJsonBytes(m.Raw);
    case SPECIAL.rawExtension:
      return parseJsonBytes(m.raw);
    default:
      return undefined;
  }
}

function fieldValueToJson(field: protobuf.Field, v: unknown): Json | undefined {
  const t = field.resolvedType;
  if (t && 'fieldsArray' in t) {
    // a map entry without its value decodes to null: that is the empty message
    const m = (v ?? {}) as Record<string, unknown>;
    const special = specialToJson(t as protobuf.Type, m);
    if (special === null) return undefined;
    return special !== undefined ? special : messageToJson(t as protobuf.Type, m);
  }
  // no enums exist in the Kubernetes protos, so anything else is a scalar
  return scalarToJson(field.type, v);
}

/** Converts one decoded message (not a special type) to its JSON object. */
export function messageToJson(type: protobuf.Type, m: Record<string, unknown>): JsonObject {
  const out: JsonObject = {};
  for (const field of type.fieldsArray) {
    const key = `${type.name}.${field.name}`;
    const jsonName = RENAME[key] ?? field.name;
    if (!has(m, field.name)) continue;
    const v = m[field.name];
    if (field.map) {
      const entries = Object.entries((v ?? {}) as Record<string, unknown>);
      if (entries.length === 0) continue;
      const obj: JsonObject = {};
      for (const [k, ev] of entries) {
        const j = fieldValueToJson(field, ev);
        if (j !== undefined) obj[k] = j;
      }
      out[jsonName] = obj;
    } else if (field.repeated) {
      const arr = (v ?? []) as unknown[];
      if (arr.length === 0) continue;
      out[jsonName] = arr.map((ev) => fieldValueToJson(field, ev) ?? null);
    } else if (INLINE.has(key)) {
      const inner = fieldValueToJson(field, v);
      if (inner && typeof inner === 'object' && !Array.isArray(inner)) Object.assign(out, inner);
    } else {
      if (!field.resolvedType && isZero(v) && !KEEP_ZERO.has(key)) continue;
      const j = fieldValueToJson(field, v);
      if (j !== undefined) out[jsonName] = j;
    }
  }
  return out;
}
