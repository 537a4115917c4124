/**
 * The recorded view of an object (lib/history/types.ts): what the change history keeps and diffs. Everything
 * that is noise for "what changed?" is left out: apiVersion/kind/metadata/status, except labels, annotations
 * (without kubectl's last-applied copy) and status conditions without their heartbeat times. Pods keep
 * only their phase, readiness and restart count from status (the transitions people ask about), and their
 * spec without nodeName (the scheduler's binding is not a change anyone made to the pod). Secrets keep their
 * key names and a sha256 of each value: a value never leaves this function.
 */
import { createHash } from 'node:crypto';
import { findCondition, type Condition } from '../../lib/k8s/machinery';
import { LAST_APPLIED } from '../k8s/strip';

export type View = Record<string, unknown>;
type Raw = { metadata?: Record<string, unknown>; status?: Record<string, unknown>; [k: string]: unknown };

/** condition fields that move without anything changing (kubelet/controller heartbeats) */
const HEARTBEAT_FIELDS = ['lastHeartbeatTime', 'lastProbeTime', 'lastUpdateTime'];

export function sha256Of(base64Value: string): string {
  return 'sha256:' + createHash('sha256').update(Buffer.from(base64Value, 'base64')).digest('hex');
}

function conditionsView(conds: unknown): Condition[] | undefined {
  if (!Array.isArray(conds) || !conds.length) return undefined;
  return conds.map((c: Record<string, unknown>) => {
    const out: Record<string, unknown> = { ...c };
    for (const f of HEARTBEAT_FIELDS) delete out[f];
    return out as unknown as Condition;
  });
}

function podStatusView(status: Record<string, unknown> | undefined): View | undefined {
  if (!status) return undefined;
  const out: View = {};
  if (status.phase !== undefined) out.phase = status.phase;
  const ready = findCondition(status.conditions as Condition[] | undefined, 'Ready');
  if (ready) out.conditions = [{ type: 'Ready', status: ready.status }];
  const all = [...((status.initContainerStatuses as unknown[]) ?? []), ...((status.containerStatuses as unknown[]) ?? [])] as { restartCount?: number }[];
  if (all.length) out.restarts = all.reduce((n, c) => n + (c.restartCount ?? 0), 0);
  return Object.keys(out).length ? out : undefined;
}

function secretData(data: unknown): Record<string, string> | undefined {
  if (!data || typeof data !== 'object') return undefined;
  return Object.fromEntries(Object.entries(data as Record<string, string>).map(([k, v]) => [k, sha256Of(String(v ?? ''))]));
}

export interface ViewTarget {
  group: string;
  resource: string;
}

export function recordedView(input: object, t: ViewTarget): View {
  const obj = input as Raw;
  const view: View = {};
  const core = t.group === '';
  const isPod = core && t.resource === 'pods';
  const isSecret = core && t.resource === 'secrets';
  for (const [k, v] of Object.entries(obj)) {
    if (k === 'apiVersion' || k === 'kind' || k === 'metadata' || k === 'status' || v === undefined) continue;
    if (isSecret && k === 'stringData') continue; // write-only; the API server folds it into data
    view[k] = isSecret && k === 'data' ? secretData(v) : v;
  }
  if (isPod && view.spec && typeof view.spec === 'object') {
    const { nodeName: _n, ...spec } = view.spec as Record<string, unknown>;
    view.spec = spec;
  }
  const md = obj.metadata ?? {};
  const meta: View = {};
  if (md.labels && Object.keys(md.labels).length) meta.labels = md.labels;
  const ann = { ...((md.annotations as Record<string, string>) ?? {}) };
  delete ann[LAST_APPLIED];
  if (Object.keys(ann).length) meta.annotations = ann;
  if (Object.keys(meta).length) view.metadata = meta;
  const status = isPod ? podStatusView(obj.status) : conditionsView(obj.status?.conditions) && { conditions: conditionsView(obj.status?.conditions) };
  if (status) view.status = status;
  return view;
}
