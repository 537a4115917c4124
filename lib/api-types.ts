/**
 * Response types of the BFF's REST API under /api/clusters, as zod schemas (the UI may parse responses with
 * them) and the inferred TypeScript types. Generic resource routes answer plain Kubernetes JSON (a List or
 * an object); errors are always lib/protocol.ts `apiError`.
 *
 * Secrets: every secret the BFF sends (lists, GET of one object, socket frames) keeps `data` with every key
 * but each value replaced by "" — key names and counts still render, values never leave the server in bulk.
 * `stringData` and the last-applied annotation (which holds values in clear) are removed.
 * GET /api/clusters/:cluster/secrets/:namespace/:name/keys/:key answers SecretKeyValue with ONE decoded value.
 * Consequence for editors: a PUT of a redacted secret would write "" values; edit secrets by PATCH of the
 * keys the user changed.
 */
import { z } from 'zod';

export const clusterState = z.enum(['connecting', 'connected', 'unreachable']);

export const clusterInfo = z.object({
  id: z.string(),
  name: z.string(),
  state: clusterState,
  version: z.string().optional(),
  error: z.string().optional(),
  /** kubeconfig file path, or 'in-cluster' */
  source: z.string(),
});
export type ClusterInfo = z.infer<typeof clusterInfo>;

export const clustersResponse = z.object({ clusters: z.array(clusterInfo) });
export type ClustersResponse = z.infer<typeof clustersResponse>;

export const discoveryResource = z.object({
  /** '' = core group (written `core` in BFF URLs) */
  group: z.string(),
  version: z.string(),
  /** plural, e.g. "deployments" */
  resource: z.string(),
  kind: z.string(),
  namespaced: z.boolean(),
  verbs: z.array(z.string()),
  shortNames: z.array(z.string()).optional(),
  categories: z.array(z.string()).optional(),
  /** e.g. ["status", "scale"] */
  subresources: z.array(z.string()),
});
export type DiscoveryResource = z.infer<typeof discoveryResource>;

/** Preferred version of every group (CRDs included). */
export const discoveryResponse = z.object({ resources: z.array(discoveryResource) });
export type DiscoveryResponse = z.infer<typeof discoveryResponse>;

export const problem = z.object({
  kind: z.string(),
  namespace: z.string().optional(),
  name: z.string(),
  /** CrashLoopBackOff | ImagePullBackOff | ErrImagePull | UnavailableReplicas | JobFailed | ProgressDeadlineExceeded | NodeNotReady */
  reason: z.string(),
  message: z.string(),
  group: z.string(),
  version: z.string(),
  resource: z.string(),
});
export type Problem = z.infer<typeof problem>;

export const resourceAmounts = z.object({
  /** cores for cpu, bytes for memory (allocatable of Ready nodes, else capacity) */
  capacity: z.number(),
  /** sum of container requests of pods that are not Succeeded/Failed */
  requests: z.number(),
  /** from metrics.k8s.io when the cluster serves it */
  usage: z.number().optional(),
});

export const warningEvent = z.object({
  namespace: z.string().optional(),
  involvedObject: z.object({ kind: z.string().optional(), name: z.string().optional(), namespace: z.string().optional() }),
  reason: z.string().optional(),
  message: z.string().optional(),
  lastTimestamp: z.string().optional(),
  count: z.number().optional(),
});
export type WarningEvent = z.infer<typeof warningEvent>;

export const clusterSummary = z.object({
  version: z.string().optional(),
  nodes: z.object({ ready: z.number(), total: z.number() }),
  pods: z.object({ Running: z.number(), Pending: z.number(), Succeeded: z.number(), Failed: z.number(), Unknown: z.number() }),
  problems: z.array(problem),
  cpu: resourceAmounts,
  memory: resourceAmounts,
  /** most recent 20 Warning events, newest first */
  warningEvents: z.array(warningEvent),
  /** ISO time of the last change folded in */
  updatedAt: z.string(),
});
export type ClusterSummary = z.infer<typeof clusterSummary>;

export const secretKeyValue = z.object({ value: z.string() });
export type SecretKeyValue = z.infer<typeof secretKeyValue>;
