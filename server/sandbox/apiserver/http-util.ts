/** Request/response plumbing: body reading with the 3 MiB limit, JSON answers, Status errors. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import YAML from 'yaml';
import type { KObject } from '../types';
import { badRequest, StatusError, toStatusError, type StatusBody } from './errors';
import type { Helpers } from './helpers';

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

/** Decodes a create/update body (JSON, YAML or kubectl's protobuf envelope). */
export function decodeObject(buf: Buffer, contentType: string | undefined, helpers: Helpers): KObject {
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
  return parseJson(buf) as KObject;
}

export function parseJson(buf: Buffer): unknown {
  try {
    return JSON.parse(buf.toString('utf8'));
  } catch (e) {
    throw badRequest(`couldn't get version/kind; json parse error: ${(e as Error).message}`);
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

export function sendJsonText(res: ServerResponse, code: number, text: string, contentType = 'application/json', warnings?: string[]): void {
  const headers: Record<string, string | string[]> = {
    'Content-Type': contentType,
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-cache, private',
  };
  if (warnings?.length) headers.Warning = warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  res.writeHead(code, headers);
  res.end(text);
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

export function boolParam(v: string | null): boolean | undefined {
  if (v === null) return undefined;
  return v === 'true' || v === '1' || v === '';
}
