/**
 * Helm 3's storage encoding (pkg/storage/driver/util.go): a release is JSON-marshalled, gzipped and base64'd.
 * The Secret driver puts that string in data.release (so the Secret's own base64 wraps it once more); the
 * ConfigMap driver puts the string itself in data.release. Decoding accepts a payload without the gzip magic,
 * like helm (older Helm 3 releases were not compressed).
 */
import { gunzipSync, gzipSync, constants } from 'node:zlib';
import { z } from 'zod';
import type { HelmStatus } from '../../lib/helm/types';

const GZIP_MAGIC = [0x1f, 0x8b, 0x08];

/** helm's release.Release, field names as its JSON tags; unknown fields are kept so a rewrite loses nothing. */
export interface HelmFile {
  name: string;
  data: string;
}
export interface ChartMetadata {
  name?: string;
  version?: string;
  appVersion?: string;
  description?: string;
  apiVersion?: string;
  [k: string]: unknown;
}
export interface HelmChart {
  metadata?: ChartMetadata;
  lock?: unknown;
  templates?: HelmFile[] | null;
  values?: Record<string, unknown> | null;
  schema?: string | null;
  files?: HelmFile[] | null;
  [k: string]: unknown;
}
export interface HelmInfo {
  first_deployed?: string;
  last_deployed?: string;
  deleted?: string;
  description?: string;
  status?: HelmStatus | string;
  notes?: string;
  [k: string]: unknown;
}
export interface HelmHookRecord {
  name?: string;
  kind?: string;
  path?: string;
  manifest?: string;
  events?: string[];
  last_run?: { started_at?: string; completed_at?: string; phase?: string };
  weight?: number;
  delete_policies?: string[];
  [k: string]: unknown;
}
export interface HelmRelease {
  name: string;
  info?: HelmInfo;
  chart?: HelmChart;
  config?: Record<string, unknown> | null;
  manifest?: string;
  hooks?: HelmHookRecord[] | null;
  version: number;
  namespace?: string;
  [k: string]: unknown;
}

/** The fields we rely on; everything else passes through untouched. */
const releaseShape = z.looseObject({
  name: z.string().min(1),
  version: z.number().int().min(1),
  namespace: z.string().optional(),
  manifest: z.string().optional(),
  config: z.record(z.string(), z.unknown()).nullable().optional(),
  info: z.looseObject({ status: z.string().optional(), description: z.string().optional(), notes: z.string().optional() }).optional(),
  chart: z.looseObject({ metadata: z.looseObject({}).nullable().optional(), values: z.record(z.string(), z.unknown()).nullable().optional() }).nullable().optional(),
  hooks: z.array(z.looseObject({})).nullable().optional(),
});

export class HelmDecodeError extends Error {}

/** base64(gzip(JSON)) → release (helm's decodeRelease). */
export function decodeRelease(payload: string): HelmRelease {
  const bytes = Buffer.from(payload, 'base64');
  if (bytes.length === 0) throw new HelmDecodeError('empty release payload');
  const json = GZIP_MAGIC.every((b, i) => bytes[i] === b) ? gunzipSync(bytes, { maxOutputLength: 64 * 1024 * 1024 }) : bytes;
  let parsed: unknown;
  try {
    parsed = JSON.parse(json.toString('utf8'));
  } catch (e) {
    throw new HelmDecodeError(`release payload is not JSON: ${(e as Error).message}`);
  }
  const r = releaseShape.safeParse(parsed);
  if (!r.success) throw new HelmDecodeError(`release payload is not a Helm release: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  // the parsed object itself, not zod's copy: zod reorders keys, and a rewrite must keep Go's field order
  return parsed as HelmRelease;
}

/** release → base64(gzip(JSON)) (helm's encodeRelease, best compression like helm). */
export function encodeRelease(rel: HelmRelease): string {
  return gzipSync(Buffer.from(goJson(rel), 'utf8'), { level: constants.Z_BEST_COMPRESSION }).toString('base64');
}

/** Go's encoding/json escapes <, > and & (HTML-safe) and U+2028/2029; doing the same keeps payloads byte-alike. */
export function goJson(v: unknown): string {
  return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** The record payload of a Secret (data.release is base64 of the encoded string) or a ConfigMap (the string). */
export function payloadOf(driver: 'secret' | 'configmap', data: Record<string, string> | undefined): string {
  const raw = data?.release;
  if (typeof raw !== 'string' || !raw) throw new HelmDecodeError('record has no data.release');
  return driver === 'secret' ? Buffer.from(raw, 'base64').toString('latin1') : raw;
}

export function recordData(driver: 'secret' | 'configmap', rel: HelmRelease): Record<string, string> {
  const s = encodeRelease(rel);
  return { release: driver === 'secret' ? Buffer.from(s, 'latin1').toString('base64') : s };
}

/** helm's storage key: sh.helm.release.v1.<name>.v<version> */
export function recordName(name: string, version: number): string {
  return `sh.helm.release.v1.${name}.v${version}`;
}

/** Go's zero time as encoding/json writes it (info.deleted of a release never deleted). */
export const GO_ZERO_TIME = '0001-01-01T00:00:00Z';
