/**
 * The socket.io protocol between the browser and the BFF, shared by both sides and validated with zod
 * on receipt. A subscription's key is the same tuple as the TanStack Query list key
 * (lib/k8s/query-keys.ts), so an event updates exactly the queries it belongs to.
 *
 *   client → server  'subscribe'   SubscribeRequest, ack SubscribeAck
 *   client → server  'unsubscribe' { subId }
 *   server → client  'snapshot'    Snapshot      (all items + resourceVersion, in pages; sent first, and again after a 410)
 *   server → client  'delta'       Delta         (ordered events, batched in windows of ~50 ms)
 *   server → client  'watchStatus' WatchStatus   (live | reconnecting | error of the upstream informer)
 */
import { z } from 'zod';
// side effect: no eval probe by zod in the browser (CSP); must load before any parse
import './zod-browser';
import { clusterSummary } from './api-types';

export const k8sName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a DNS-1123 name');
export const clusterId = z
  .string()
  .min(1)
  .max(63)
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a cluster id');
/** '' is the core group */
export const groupName = z
  .string()
  .max(253)
  .regex(/^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$/, 'must be an API group');
export const versionName = z.string().min(1).max(63).regex(/^v[0-9a-z]+$/, 'must be an API version');
export const resourceName = z
  .string()
  .min(1)
  .max(253)
  .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'must be a resource name');

export const resourceTuple = z.object({
  cluster: clusterId,
  group: groupName,
  version: versionName,
  resource: resourceName,
  /** absent = all namespaces (or a cluster-scoped kind) */
  namespace: k8sName.max(63).optional(),
});
export type ResourceTuple = z.infer<typeof resourceTuple>;

export const subscribeRequest = resourceTuple.extend({
  labelSelector: z.string().max(1024).optional(),
  /**
   * `metadata.name=<name>` and/or `metadata.namespace=<ns>` (`=`, `==`, `!=`; comma = AND), filtered by the
   * server over the shared informer (no extra upstream watch); other fields are refused with 400 BadRequest
   */
  fieldSelector: z.string().max(1024).optional(),
  /** the last resourceVersion this client saw: the server sends only what it missed when it can */
  resourceVersion: z.string().max(64).optional(),
  /**
   * send list rows (lib/k8s/rows/project.ts: the kind's column values and a few metadata fields) instead of
   * objects; a change that alters no row value is not sent
   */
  rows: z.boolean().optional(),
  /** a custom resource's printer columns (its CRD's additionalPrinterColumns) for its rows; ignored for built-in kinds */
  printerColumns: z
    .array(
      z.object({
        name: z.string().min(1).max(253),
        type: z.string().max(32),
        jsonPath: z.string().min(1).max(512),
        format: z.string().max(64).optional(),
        description: z.string().max(2048).optional(),
        priority: z.number().int().min(0).max(1000).optional(),
      }),
    )
    .max(64)
    .optional(),
});
export type SubscribeRequest = z.infer<typeof subscribeRequest>;

export const subscribeAck = z.union([
  z.object({ ok: z.literal(true), subId: z.string() }),
  z.object({ ok: z.literal(false), error: z.object({ status: z.number(), reason: z.string(), message: z.string() }) }),
]);
export type SubscribeAck = z.infer<typeof subscribeAck>;

export const unsubscribeRequest = z.object({ subId: z.string().max(64) });

/** Objects are plain Kubernetes JSON; the server strips managedFields and last-applied annotations. */
export const k8sObject = z
  .object({
    apiVersion: z.string().optional(),
    kind: z.string().optional(),
    metadata: z.object({ name: z.string(), namespace: z.string().optional(), resourceVersion: z.string().optional() }).passthrough(),
  })
  .passthrough();
export type WireObject = z.infer<typeof k8sObject>;

/**
 * A snapshot comes in pages (one frame each, same subId), in the list table's default order: `more` is true on
 * every page but the last (absent = false, a one-frame snapshot); the first page carries `total`, the number of
 * objects in the whole snapshot, and starts a new list. No delta for the subscription comes before its last
 * page; deltas continue from that page's resourceVersion.
 */
export const snapshot = z.object({
  subId: z.string(),
  items: z.array(k8sObject),
  resourceVersion: z.string(),
  more: z.boolean().optional(),
  total: z.number().int().min(0).optional(),
});
export type Snapshot = z.infer<typeof snapshot>;

export const watchEvent = z.object({
  type: z.enum(['ADDED', 'MODIFIED', 'DELETED']),
  object: k8sObject,
});
export type WireWatchEvent = z.infer<typeof watchEvent>;

export const delta = z.object({
  subId: z.string(),
  events: z.array(watchEvent),
  /** resourceVersion after the last event of this batch */
  resourceVersion: z.string(),
});
export type Delta = z.infer<typeof delta>;

export const watchState = z.enum(['live', 'reconnecting', 'error']);
export type WatchState = z.infer<typeof watchState>;

export const watchStatus = z.object({
  subId: z.string(),
  state: watchState,
  message: z.string().optional(),
  /** ISO time since when the data is not live */
  since: z.string().optional(),
});
export type WatchStatus = z.infer<typeof watchStatus>;

/**
 * Live cluster summary: the client joins a cluster's summary; the server
 * sends the current summary at once when it has one, then again on change (throttled to ~1/s).
 *   client → server  'subscribeSummary'   { cluster }, optional ack SubscribeSummaryAck
 *   client → server  'unsubscribeSummary' { cluster }
 *   server → client  'summary'            { cluster, summary }
 */
export const summaryRequest = z.object({ cluster: clusterId });
export type SummaryRequest = z.infer<typeof summaryRequest>;
export const subscribeSummaryAck = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), error: z.object({ status: z.number(), reason: z.string(), message: z.string() }) }),
]);
export type SubscribeSummaryAck = z.infer<typeof subscribeSummaryAck>;
export const summaryFrame = z.object({ cluster: z.string(), summary: clusterSummary });
export type SummaryFrame = z.infer<typeof summaryFrame>;


/**
 * Pod logs: one stream per open viewer, over the cluster's pods/log with timestamps=true.
 *   client → server  'logs:open'  LogsOpenRequest, ack LogsOpenAck   (a pod, or a workload's pods by selector)
 *   client → server  'logs:ack'   { streamId, seq }  the browser has rendered batch `seq` (flow control)
 *   client → server  'logs:close' { streamId }
 *   server → client  'logs:batch' LogsBatch   (lines merged by timestamp; `skipped` = lines dropped before it)
 *   server → client  'logs:status' LogsStatus (pods followed, live | reconnecting | ended | error)
 * The server stops reading upstream while more than a few batches are unacknowledged.
 */
export const logsTarget = z.object({
  cluster: clusterId,
  namespace: k8sName.max(63),
  /** 'pods' for one pod, or a workload resource whose pods (by its selector) are followed */
  group: groupName,
  version: versionName,
  resource: z.enum(['pods', 'deployments', 'statefulsets', 'daemonsets', 'replicasets', 'jobs']),
  name: k8sName,
});
export type LogsTarget = z.infer<typeof logsTarget>;

export const logsOpenRequest = logsTarget.extend({
  /** '' = all containers (init, app and ephemeral) */
  container: z.string().max(253).regex(/^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$/),
  follow: z.boolean(),
  previous: z.boolean().optional(),
  tailLines: z.number().int().min(0).max(1_000_000).optional(),
  sinceSeconds: z.number().int().min(1).max(31_536_000).optional(),
  /** RFC3339 */
  sinceTime: z.string().max(40).optional(),
});
export type LogsOpenRequest = z.infer<typeof logsOpenRequest>;

export const logsOpenAck = z.union([
  z.object({ ok: z.literal(true), streamId: z.string() }),
  z.object({ ok: z.literal(false), error: z.object({ status: z.number(), reason: z.string(), message: z.string() }) }),
]);
export type LogsOpenAck = z.infer<typeof logsOpenAck>;

export const logsStreamRef = z.object({ streamId: z.string().max(64) });
export const logsAckRequest = logsStreamRef.extend({ seq: z.number().int().min(0) });

/** One line: `ts` is the padded RFC3339Nano key (lib/logs/timestamp.ts), '' when the line had none. */
export const logLine = z.object({ pod: z.string(), container: z.string(), ts: z.string(), text: z.string() });
export type WireLogLine = z.infer<typeof logLine>;

export const logsBatch = z.object({
  streamId: z.string(),
  seq: z.number().int(),
  lines: z.array(logLine),
  /** lines the server had to drop since the previous batch (the browser could not keep up) */
  skipped: z.number().int().min(0).optional(),
});
export type LogsBatch = z.infer<typeof logsBatch>;

export const logsStatus = z.object({
  streamId: z.string(),
  state: z.enum(['live', 'reconnecting', 'ended', 'error']),
  message: z.string().optional(),
  /** with state 'error' when the stream was ended for a reason with an HTTP status (403: access revoked) */
  status: z.number().int().optional(),
  /** pods currently followed (workload views) */
  pods: z.array(z.string()).optional(),
});
export type LogsStatus = z.infer<typeof logsStatus>;

export interface ServerToClientEvents {
  snapshot: (s: Snapshot) => void;
  delta: (d: Delta) => void;
  watchStatus: (s: WatchStatus) => void;
  summary: (s: SummaryFrame) => void;
  'logs:batch': (b: LogsBatch) => void;
  'logs:status': (s: LogsStatus) => void;
  /** a release record of the cluster was written or deleted (debounced): refetch its Helm list */
  helmChanged: (f: { cluster: string }) => void;
}

export interface ClientToServerEvents {
  subscribe: (req: SubscribeRequest, ack: (a: SubscribeAck) => void) => void;
  unsubscribe: (req: { subId: string }) => void;
  subscribeSummary: (req: SummaryRequest, ack?: (a: SubscribeSummaryAck) => void) => void;
  unsubscribeSummary: (req: SummaryRequest) => void;
  /** live Helm lists of a cluster: 'helmChanged' frames until unsubscribed (same ack shape as summaries) */
  subscribeHelm: (req: SummaryRequest, ack?: (a: SubscribeSummaryAck) => void) => void;
  unsubscribeHelm: (req: SummaryRequest) => void;
  'logs:open': (req: LogsOpenRequest, ack: (a: LogsOpenAck) => void) => void;
  'logs:ack': (req: { streamId: string; seq: number }) => void;
  'logs:close': (req: { streamId: string }) => void;
}

/** The typed error every BFF route answers with (ARCHITECTURE convention 7). */
export const apiError = z.object({
  status: z.number(),
  reason: z.string(),
  message: z.string(),
  cluster: z.string().optional(),
  details: z.unknown().optional(),
});
export type ApiError = z.infer<typeof apiError>;
