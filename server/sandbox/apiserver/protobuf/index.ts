/**
 * `application/vnd.kubernetes.protobuf` request bodies, as kubectl's `create <kind>` generators send them:
 * magic "k8s\0" + runtime.Unknown{typeMeta, raw, contentEncoding, contentType}, where raw is the object's own
 * protobuf message. Decoding yields the object's plain JSON form so the rest of the apiserver never sees
 * protobuf.
 */
import type { KObject } from '../../types';
import { messageFromJson } from './from-json';
import { lookupType, typeForKind, UNKNOWN_TYPE } from './schema';
import { messageToJson } from './to-json';

export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

/** The 4-byte prefix of every Kubernetes protobuf envelope. */
export const PROTOBUF_MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

export type ProtobufDecodeError = Error & { status: 400 | 415; reason: 'BadRequest' | 'UnsupportedMediaType' };

function fail(status: 400 | 415, message: string): ProtobufDecodeError {
  return Object.assign(new Error(message), {
    status,
    reason: status === 415 ? ('UnsupportedMediaType' as const) : ('BadRequest' as const),
  });
}

/** True when a Content-Type header names the Kubernetes protobuf media type (parameters ignored). */
export function isProtobufContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === PROTOBUF_MEDIA_TYPE;
}

interface DecodedUnknown {
  typeMeta?: { apiVersion?: string; kind?: string };
  raw?: Uint8Array;
  contentEncoding?: string;
  contentType?: string;
}

/**
 * Decodes a protobuf request body into the object's Kubernetes JSON form.
 * Throws an Error with `status` 400 (`BadRequest`, malformed body) or 415 (`UnsupportedMediaType`, a kind
 * or encoding this decoder has no schema for).
 */
export function decodeProtobufObject(body: Buffer): KObject {
  if (body.length < PROTOBUF_MAGIC.length || !body.subarray(0, 4).equals(PROTOBUF_MAGIC)) {
    throw fail(400, `provided data does not appear to be a protobuf message, expected prefix ${JSON.stringify(PROTOBUF_MAGIC.toString('latin1'))}`);
  }
  let unknown: DecodedUnknown;
  try {
    unknown = lookupType(UNKNOWN_TYPE).decode(body.subarray(4)) as unknown as DecodedUnknown;
  } catch (e) {
    throw fail(400, `unable to decode protobuf envelope: ${(e as Error).message}`);
  }
  const apiVersion = unknown.typeMeta?.apiVersion ?? '';
  const kind = unknown.typeMeta?.kind ?? '';
  if (!apiVersion || !kind) throw fail(400, 'protobuf envelope has no apiVersion/kind');
  if (unknown.contentEncoding) {
    throw fail(415, `protobuf content encoding ${JSON.stringify(unknown.contentEncoding)} is not supported`);
  }
  if (unknown.contentType && unknown.contentType !== PROTOBUF_MEDIA_TYPE) {
    throw fail(415, `protobuf envelope content type ${JSON.stringify(unknown.contentType)} is not supported`);
  }
  const type = typeForKind(apiVersion, kind);
  if (!type) {
    throw fail(415, `the protobuf body of ${kind} (${apiVersion}) cannot be decoded by this server; send it as application/json`);
  }
  let message: Record<string, unknown>;
  try {
    message = type.decode(unknown.raw ?? new Uint8Array()) as unknown as Record<string, unknown>;
  } catch (e) {
    throw fail(400, `unable to decode ${kind} from protobuf: ${(e as Error).message}`);
  }
  const { metadata, ...rest } = messageToJson(type, message);
  return {
    apiVersion,
    kind,
    metadata: (metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata : {}) as KObject['metadata'],
    ...rest,
  };
}

/**
 * Encodes an object's JSON form as a protobuf envelope (magic + runtime.Unknown), as kubectl would send it.
 * Throws like decodeProtobufObject (415) for kinds without a schema.
 */
export function encodeProtobufObject(obj: KObject): Buffer {
  const type = typeForKind(obj.apiVersion, obj.kind);
  if (!type) throw fail(415, `no protobuf schema for ${obj.kind} (${obj.apiVersion})`);
  const raw = type.encode(type.fromObject(messageFromJson(type, obj))).finish();
  const unknownType = lookupType(UNKNOWN_TYPE);
  const envelope = unknownType
    .encode(
      unknownType.fromObject({
        typeMeta: { apiVersion: obj.apiVersion, kind: obj.kind },
        raw,
        contentEncoding: '',
        contentType: '',
      }),
    )
    .finish();
  return Buffer.concat([PROTOBUF_MAGIC, envelope]);
}
