/** Request/response plumbing: body reading with the 3 MiB limit, JSON answers, Status errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import YAML from 'yaml';
import type { KObject } from '../types';
import { badRequest, StatusError, toStatusError, type StatusBody } from './errors';
import type { Helpers } from './helpers';
import { goJsonKind, goJsonSyntaxError } from './go-json-error';
import { GZIP_THRESHOLD, mayGzip, sendBytes, sendList } from './response-encoding';

export const BODY_LIMIT = 3 * 1024 * 1024;

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    const tooLarge = () => new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${BODY_LIMIT}`);
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > BODY_LIMIT) {
        // keep draining (not destroying) so the client can still read the 413
        over = true;
        chunks.length = 0;
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => (over ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
    req.on('error', reject);
  });
}

export function mediaType(ct: string | undefined): string {
  return (ct ?? '').split(';')[0].trim().toLowerCase();
}

/**
 * Decodes a create/update body (JSON, YAML or kubectl's protobuf envelope). `into` names the kind the URL
 * expects, for upstream's transformDecodeError wording when the body cannot even be read as JSON.
 */
export function decodeObject(buf: Buffer, contentType: string | undefined, helpers: Helpers, into?: string): KObject {
  const mt = mediaType(contentType);
  if (mt === 'application/vnd.kubernetes.protobuf') {
    if (!helpers.protobuf) throw unsupported(['application/json', 'application/yaml']);
    try {
      return helpers.protobuf.decodeProtobufObject(buf);
    } catch (e) {
      // the decoder says 400 (malformed) or 415 (a kind it has no schema for)
      throw toStatusError(e);
    }
  }
  if (mt === 'application/yaml' || mt === 'application/apply-patch+yaml') return parseYaml(buf) as KObject;
  if (mt && mt !== 'application/json' && mt !== '*/*' && mt !== 'text/plain') {
    throw unsupported(['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
  }
  return decodeJsonObject(buf, into);
}

/** TypeMeta as the JSON serializer's first pass (meta.Interpret) reads it; Go's error names this struct. */
const TYPE_META_STRUCT = 'struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }';

/** upstream summarizeData: the body's start as text when it looks like JSON, else as hex. */
function summarizeData(buf: Buffer, max = 30): string {
  if (buf.length === 0) return '<empty>';
  const head = buf.subarray(0, max);
  const more = buf.length > max ? ' ...' : '';
  return buf[0] === 0x7b ? `${head.toString('utf8')}${more}` : `${head.toString('hex')}${more}`;
}

/** A create/update body sent as JSON, refused with the JSON serializer's wording. */
function decodeJsonObject(buf: Buffer, into: string | undefined): KObject {
  const text = buf.toString('utf8');
  const refuse = (why: string) =>
    badRequest(into ? `the object provided is unrecognized (must be of type ${into}): ${why} (${summarizeData(buf)})` : why);
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (e) {
    throw refuse(`couldn't get version/kind; json parse error: ${goJsonSyntaxError(text) ?? (e as Error).message}`);
  }
  if (v !== null && (typeof v !== 'object' || Array.isArray(v))) {
    throw refuse(`couldn't get version/kind; json parse error: json: cannot unmarshal ${goJsonKind(v)} into Go value of type ${TYPE_META_STRUCT}`);
  }
  return v as KObject;
}

/** A JSON request body (patches, DeleteOptions): syntax errors in Go's words, as the decoders upstream report them. */
export function parseJson(buf: Buffer): unknown {
  const text = buf.toString('utf8');
  try {
    return JSON.parse(text);
  } catch (e) {
    throw badRequest(goJsonSyntaxError(text) ?? (e as Error).message);
  }
}

export function parseYaml(buf: Buffer): unknown {
  try {
    return YAML.parse(buf.toString('utf8'), { maxAliasCount: 100 });
  } catch (e) {
    throw badRequest(`error converting YAML to JSON: ${(e as Error).message}`);
  }
}

export function unsupported(types: string[]): StatusError {
  return new StatusError(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${types.join(', ')}`,
  );
}

/** Responses whose request asked for indented JSON (`?pretty=true`, or a browser/curl/wget User-Agent). */
const prettyResponses = new WeakSet<ServerResponse>();

/** upstream isPrettyPrint: the pretty parameter (strconv.ParseBool) decides when present, else the User-Agent. */
export function markPretty(req: IncomingMessage, url: URL, res: ServerResponse): void {
  const pp = url.searchParams.get('pretty');
  const ua = req.headers['user-agent'] ?? '';
  const pretty = pp ? /^(1|t|T|TRUE|true|True)$/.test(pp) : /^(curl|Wget|Mozilla\/5\.0)/.test(ua);
  if (pretty) prettyResponses.add(res);
}

/**
 * JSON bodies end with a newline like upstream's encoder (json.Encoder.Encode), and are indented with two
 * spaces (json.MarshalIndent) when the request asked for pretty output.
 */
function jsonBody(res: ServerResponse, text: string, contentType: string): string {
  if (!contentType.startsWith('application/json')) return text;
  if (prettyResponses.has(res)) {
    try {
      return `${JSON.stringify(JSON.parse(text), null, 2)}\n`;
    } catch {
      // not JSON after all: sent as it is
    }
  }
  return text.endsWith('\n') ? text : `${text}\n`;
}

function baseHeaders(contentType: string, warnings: string[] | undefined): Record<string, string | string[]> {
  const headers: Record<string, string | string[]> = { 'Content-Type': contentType, 'Cache-Control': 'no-cache, private' };
  if (warnings?.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  return headers;
}

export function sendJsonText(res: ServerResponse, code: number, body: string, contentType = 'application/json', warnings?: string[]): void {
  const text = jsonBody(res, body, contentType);
  const headers = baseHeaders(contentType, warnings);
  // a UTF-8 body is at least as many bytes as the text has UTF-16 units, at most three times as many
  if (mayGzip(res) && text.length * 3 > GZIP_THRESHOLD) return sendBytes(res, code, Buffer.from(text), headers);
  headers['Content-Length'] = String(Buffer.byteLength(text));
  res.writeHead(code, headers);
  res.end(text);
}

/** A JSON list from its head (the list without items) and its items' JSON bytes (see response-encoding.ts). */
export function sendJsonList(res: ServerResponse, code: number, head: string, items: readonly Buffer[]): void {
  if (prettyResponses.has(res)) return sendJsonText(res, code, `${head.slice(0, -1)},"items":[${items.map((b) => b.toString('utf8')).join(',')}]}`);
  sendList(res, code, head, items, baseHeaders('application/json', undefined));
}

const NEWLINE = Buffer.from('\n');

/** One object's JSON bytes (json-cache.ts) as an application/json answer, with the encoder's newline. */
export function sendJsonObject(res: ServerResponse, code: number, json: Buffer, warnings?: string[]): void {
  if (prettyResponses.has(res)) return sendJsonText(res, code, json.toString('utf8'), 'application/json', warnings);
  sendBytes(res, code, Buffer.concat([json, NEWLINE]), baseHeaders('application/json', warnings));
}

export function sendJson(res: ServerResponse, code: number, body: unknown, warnings?: string[]): void {
  sendJsonText(res, code, JSON.stringify(body), 'application/json', warnings);
}

export function sendStatus(res: ServerResponse, status: StatusBody): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  sendJson(res, status.code, status);
}

export function successStatus(details: Record<string, unknown>): Record<string, unknown> {
  return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details };
}

/**
 * A boolean query parameter as upstream's Convert_Slice_string_To_bool reads it: absent is undefined,
 * "0", "f" and "false" (any case) are false, anything else (also "True", "yes" and "") is true.
 */
export function boolParam(v: string | null): boolean | undefined {
  if (v === null) return undefined;
  return !(v === '0' || /^(f|false)$/i.test(v));
}
