/**
 * Compare and Drift over HTTP, shared by the BFF (server/api/compare.ts) and the browser:
 *   POST /api/compare  CompareRequest → CompareResponse  one object against the same object elsewhere
 *   POST /api/drift    DriftRequest   → DriftResponse    one namespace across two or more clusters
 * Both read as the signed-in person (their RBAC decides what they see); both answer with normalized objects
 * (lib/compare/normalize.ts), Secrets with key names and a sha256 of each value instead of values.
 */
import { z } from 'zod';

const name = z.string().min(1).max(253).regex(/^[a-z0-9]([-a-z0-9.:]*[a-z0-9])?$/i);
const dnsLabel = z.string().min(1).max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
const cluster = z.string().min(1).max(253);

export const compareSide = z.object({
  cluster,
  /** absent for cluster-scoped kinds */
  namespace: dnsLabel.optional(),
  name,
});

export const compareRequest = z.object({
  group: z.string().max(253),
  version: z.string().min(1).max(63),
  resource: z.string().min(1).max(253),
  left: compareSide,
  right: compareSide,
});
export type CompareRequest = z.infer<typeof compareRequest>;

export const sideResult = z.object({
  cluster: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  /** the normalized object, or null when it could not be read */
  object: z.record(z.string(), z.unknown()).nullable(),
  /** why object is null: NotFound (missing there), Forbidden, or the cluster's error */
  error: z.object({ status: z.number(), reason: z.string(), message: z.string() }).optional(),
});
export type SideResult = z.infer<typeof sideResult>;

export const compareResponse = z.object({ left: sideResult, right: sideResult, identical: z.boolean() });
export type CompareResponse = z.infer<typeof compareResponse>;

export const driftRequest = z.object({
  namespace: dnsLabel,
  clusters: z.array(cluster).min(2).max(8),
});
export type DriftRequest = z.infer<typeof driftRequest>;

export const driftItem = z.object({
  name: z.string(),
  /** clusters holding the object */
  presentIn: z.array(z.string()),
  /** clusters (of those that could be read) missing it */
  missingIn: z.array(z.string()),
  /** true when the clusters holding it do not all hold the same normalized object */
  differs: z.boolean(),
  /** clusters grouped by identical content (only when it differs) */
  variants: z.array(z.array(z.string())).optional(),
});
export type DriftItem = z.infer<typeof driftItem>;

export const driftKind = z.object({
  group: z.string(),
  version: z.string(),
  resource: z.string(),
  kind: z.string(),
  /** objects missing somewhere or differing */
  items: z.array(driftItem),
  /** objects present and identical in every cluster */
  same: z.number(),
  /** clusters whose list failed (forbidden, unreachable): left out of this kind's verdicts */
  errors: z.array(z.object({ cluster: z.string(), status: z.number(), reason: z.string(), message: z.string() })),
});
export type DriftKind = z.infer<typeof driftKind>;

export const driftResponse = z.object({
  namespace: z.string(),
  clusters: z.array(z.string()),
  kinds: z.array(driftKind),
});
export type DriftResponse = z.infer<typeof driftResponse>;
