/**
 * What the BFF's Helm API answers (server/api/helm.ts), shared by the browser. Payloads of release records
 * (values, manifests, notes) appear only in the detail and revision answers, never in lists.
 */
import { z } from 'zod';

/** helm's release.Status values (pkg/release/status.go) */
export const HELM_STATUSES = ['unknown', 'deployed', 'uninstalled', 'superseded', 'failed', 'uninstalling', 'pending-install', 'pending-upgrade', 'pending-rollback'] as const;
export type HelmStatus = (typeof HELM_STATUSES)[number];

export const helmChartInfo = z.object({ chart: z.string(), chartVersion: z.string(), appVersion: z.string() });

export const helmReleaseRow = z.object({
  cluster: z.string(),
  namespace: z.string(),
  name: z.string(),
  revision: z.number(),
  status: z.string(),
  /** the storage driver holding the records */
  driver: z.enum(['secret', 'configmap']),
  /** from the latest record's payload (decoded on the server); absent when it could not be read */
  chart: z.string().optional(),
  chartVersion: z.string().optional(),
  appVersion: z.string().optional(),
  /** the chart columns are still being read (a first list of many releases answers before they all are) */
  chartPending: z.boolean().optional(),
  /** info.last_deployed, else the record's modifiedAt/createdAt label, else its creationTimestamp */
  updated: z.string().optional(),
});
export type HelmReleaseRow = z.infer<typeof helmReleaseRow>;

export const helmListResponse = z.object({
  releases: z.array(helmReleaseRow),
  /** namespaces or clusters whose releases could not be listed, with the reason */
  problems: z.array(z.object({ cluster: z.string(), message: z.string() })),
});
export type HelmListResponse = z.infer<typeof helmListResponse>;

export const helmRevision = z.object({
  revision: z.number(),
  status: z.string(),
  updated: z.string().optional(),
  chart: z.string().optional(),
  chartVersion: z.string().optional(),
  appVersion: z.string().optional(),
  description: z.string().optional(),
});
export type HelmRevision = z.infer<typeof helmRevision>;

export const helmHook = z.object({
  name: z.string(),
  kind: z.string(),
  path: z.string(),
  events: z.array(z.string()),
  weight: z.number(),
  deletePolicies: z.array(z.string()),
  lastRun: z.object({ phase: z.string(), startedAt: z.string().optional(), completedAt: z.string().optional() }).optional(),
});
export type HelmHook = z.infer<typeof helmHook>;

/** an object of a release's manifest, resolved against discovery so the UI can link and show it live */
export const helmResourceRef = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
  /** discovery's plural and group/version; absent when the cluster does not serve the kind */
  group: z.string().optional(),
  version: z.string().optional(),
  resource: z.string().optional(),
});
export type HelmResourceRef = z.infer<typeof helmResourceRef>;

export const helmRevisionContent = z.object({
  revision: z.number(),
  /** user-supplied values (release.config), as YAML */
  values: z.string(),
  /** chart defaults coalesced with the user-supplied values, as YAML (helm get values --all) */
  computedValues: z.string(),
  manifest: z.string(),
  notes: z.string(),
  hooks: z.array(helmHook),
  resources: z.array(helmResourceRef),
});
export type HelmRevisionContent = z.infer<typeof helmRevisionContent>;

export const helmDetailResponse = z.object({
  release: helmReleaseRow,
  history: z.array(helmRevision),
  /** the latest revision's content; absent when `restricted` */
  current: helmRevisionContent.optional(),
  /** why values, manifests and notes are not shown (the person may not read the release records) */
  restricted: z.string().optional(),
});
export type HelmDetailResponse = z.infer<typeof helmDetailResponse>;

export const helmResourceStatus = z.object({
  ref: helmResourceRef,
  exists: z.boolean(),
  /** a one-line status (e.g. "3/3 ready", "Running"), or the reason it could not be read */
  status: z.string(),
  tone: z.enum(['ok', 'warn', 'error', 'info', 'muted']),
});
export type HelmResourceStatus = z.infer<typeof helmResourceStatus>;
export const helmResourcesResponse = z.object({ resources: z.array(helmResourceStatus) });

export const helmActionResponse = z.object({ message: z.string(), revision: z.number().optional() });
export type HelmActionResponse = z.infer<typeof helmActionResponse>;
