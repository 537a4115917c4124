/**
 * Kubernetes JSON → protobufjs plain object for a message type: the inverse of to-json.ts. Used to encode
 * protobuf bodies (tests, and any future `application/vnd.kubernetes.protobuf` responses).
 */
import type protobuf from 'protobufjs';
import { INLINE, RENAME, SPECIAL } from './json-rules';
import { parseGoDuration } from '../../../../lib/k8s/machinery/duration';

type Plain = Record<string, unknown>;

const isObject = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

function parseTime(s: string): { seconds: number; nanos: number } {
  const ms = Date.parse(s);
  if (Number.isNaN(ms)) throw new Error(`invalid time ${JSON.stringify(s)}`);
  const frac = /\.(\d+)/.exec(s)?.[1] ?? '';
  return { seconds: Math.floor(ms / 1000), nanos: Number((frac + '000000000').slice(0, 9)) };
}

function specialFromJson(type: protobuf.Type, v: unknown): unknown {
  switch (type.fullName.slice(1)) {
    case SPECIAL.time:
    case SPECIAL.microTime:
      return parseTime(String(v));
    case SPECIAL.duration:
      return { duration: parseGoDuration(String(v)) ?? 0 };
    case SPECIAL.quantity:
      return { string: String(v) };
    case SPECIAL.intOrString:
      return typeof v === 'number' ? { type: 0, intVal: v } : { type: 1, strVal: String(v) };
    case SPECIAL.fieldsV1:
      return { Raw: Buffer.from(JSON.stringify(v ?? {})) };
    case SPECIAL.rawExtension:
      return { raw: Buffer.from(JSON.stringify(v ?? {})) };
    default:
      return undefined;
  }
}

function valueFromJson(field: protobuf.Field, v: unknown): unknown {
  const t = field.resolvedType;
  if (t && 'fieldsArray' in t) {
    const special = specialFromJson(t as protobuf.Type, v);
    if (special !== undefined) return special;
    return messageFromJson(t as protobuf.Type, isObject(v) ? v : {});
  }
  if (field.type === 'bytes') return Buffer.from(String(v), 'base64');
  return v;
}

/** JSON object → plain object ready for `type.fromObject` / `type.encode`. Unknown JSON keys are ignored. */
export function messageFromJson(type: protobuf.Type, json: Plain): Plain {
  const out: Plain = {};
  for (const field of type.fieldsArray) {
    const key = `${type.name}.${field.name}`;
    if (INLINE.has(key)) {
      // the embedded struct's fields sit in the parent's JSON object
      const inner = messageFromJson(field.resolvedType as protobuf.Type, json);
      if (Object.keys(inner).length > 0) out[field.name] = inner;
      continue;
    }
    const v = json[RENAME[key] ?? field.name];
    if (v === undefined || v === null) continue;
    if (field.map) {
      const obj: Plain = {};
      for (const [k, ev] of Object.entries(isObject(v) ? v : {})) obj[k] = valueFromJson(field, ev);
      out[field.name] = obj;
    } else if (field.repeated) {
      out[field.name] = (Array.isArray(v) ? v : [v]).map((ev) => valueFromJson(field, ev));
    } else {
      out[field.name] = valueFromJson(field, v);
    }
  }
  return out;
}
