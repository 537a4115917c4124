/**
 * The change history's API, shared by server/history (the recorder and its routes) and the browser (Changes tab,
 * Changes pages, Compare, Restore this version): query parameters (zod, validated at the boundary) and answer shapes.
 *
 * A "recorded view" of an object is what the history keeps and diffs: every top-level field except apiVersion, kind,
 * metadata and status (so spec, data, rules, subjects, roleRef, webhooks ... all count), plus metadata.labels and
 * metadata.annotations (without kubectl.kubernetes.io/last-applied-configuration), plus status.conditions (without
 * lastHeartbeatTime / lastProbeTime). Secrets keep key names and a sha256 of each value, never values.
 */
import { z } from 'zod';

export const CHANGE_TYPES = ['created', 'updated', 'deleted', 'resynced'] as const;
export type ChangeType = (typeof CHANGE_TYPES)[number];

/** who made a change: a console user (from the audit record), else the field manager, and the controller if it was one */
export interface ChangeActor {
  /** display name: the console user's name, the controller's name, or the field manager */
  name: string;
  via: 'console' | 'controller' | 'manager' | 'unknown';
  /** the managedFields manager that wrote the change, when known */
  manager?: string;
}

/** one JSON-pointer-addressed difference between two recorded views */
export interface ChangeDiffEntry {
  /** RFC 6901 pointer into the recorded view, e.g. "/spec/template/spec/containers/0/image" */
  path: string;
  op: 'add' | 'remove' | 'replace';
  before?: unknown;
  after?: unknown;
}

export interface ChangeRecord {
  id: string;
  cluster: string;
  group: string; // '' for the core group
  version: string;
  resource: string; // plural, e.g. "deployments"
  kind: string;
  namespace: string | null; // null for cluster-scoped objects
  name: string;
  uid: string;
  resourceVersion: string;
  /** ISO 8601 */
  time: string;
  type: ChangeType;
  actor: ChangeActor;
  /** one line, e.g. "image nginx:1.25 → nginx:1.27", "replicas 2 → 5", "created", "Ready False → True" */
  summary: string;
}

/** GET /api/changes/:id */
export interface ChangeDetail extends ChangeRecord {
  diff: ChangeDiffEntry[];
  /** the recorded view after this change (before it, for a deletion): what "Restore this version" and Compare use */
  object: Record<string, unknown> | null;
}

/** GET /api/changes */
export interface ChangePage {
  items: ChangeRecord[];
  /** opaque; pass as `cursor` for the next (older) page */
  nextCursor?: string;
}

const dnsLabel = z.string().max(63).regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);

export const changesQuery = z.object({
  /** absent: every cluster the user may read */
  cluster: z.string().max(253).optional(),
  namespace: dnsLabel.optional(),
  group: z.string().max(253).optional(),
  resource: z.string().max(253).optional(),
  name: z.string().max(253).optional(),
  uid: z.string().max(64).optional(),
  /** kind name, e.g. "Deployment" (case-insensitive) */
  kind: z.string().max(253).optional(),
  actor: z.string().max(253).optional(),
  /** free text over name, summary and actor */
  q: z.string().max(256).optional(),
  /** ISO 8601 bounds of `time` */
  since: z.string().datetime({ offset: true }).optional(),
  until: z.string().datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(512).optional(),
});
export type ChangesQuery = z.infer<typeof changesQuery>;

/**
 * Live changes over the console's socket.io connection:
 *   client → server  'subscribeChanges'   ChangesSubscription, ack({ ok: true } | { ok: false, error })
 *   server → client  'changes'            { subscription: string, items: ChangeRecord[] }  (newest last)
 *   client → server  'unsubscribeChanges' { subscription: string }
 * A subscription only receives records the user may read, filtered like GET /api/changes.
 */
export const changesSubscription = z.object({
  subscription: z.string().min(1).max(64),
  cluster: z.string().max(253).optional(),
  namespace: dnsLabel.optional(),
  group: z.string().max(253).optional(),
  resource: z.string().max(253).optional(),
  name: z.string().max(253).optional(),
  uid: z.string().max(64).optional(),
});
export type ChangesSubscription = z.infer<typeof changesSubscription>;

export type ChangesSubscribeAck = { ok: true } | { ok: false; error: { status: number; reason: string; message: string } };

/** socket.io event maps of the live feed (merged into the console's socket types by whoever uses them) */
export interface ChangesServerEvents {
  changes: (msg: { subscription: string; items: ChangeRecord[] }) => void;
}
export interface ChangesClientEvents {
  subscribeChanges: (sub: ChangesSubscription, ack?: (r: ChangesSubscribeAck) => void) => void;
  unsubscribeChanges: (msg: { subscription: string }) => void;
}
