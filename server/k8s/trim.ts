/**
 * What the BFF's shared informers keep of the most numerous kind: a pod is cached with only what its list row,
 * the cluster summary, the log sources, the terminal's pod picker, related-pod tables and access checks read —
 * metadata (already without managedFields, stripForCache), the status pod-status.ts reads (conditions without
 * their times, container states and restart counts, not image or container ids), and of the spec the node, the
 * restart policy, the service account and, per container, its name, image, ports, resources, restart policy and
 * stdin/tty. Volumes, env, commands, probes, mounts, security contexts, tolerations and affinity (most of a
 * pod's bytes once admission has filled in its defaults) are dropped on arrival.
 *
 * Who needs the whole object reads it elsewhere: a GET goes to the cluster, and a watch of one object by name
 * (the detail page's useLiveObject) runs its own small informer with an upstream field selector and no trim
 * (server/watch/hub.ts).
 */
import type { Obj } from './strip';

type Container = Record<string, unknown>;
const CONTAINER_KEYS = ['name', 'image', 'ports', 'resources', 'restartPolicy', 'stdin', 'tty'] as const;
const SPEC_KEYS = ['nodeName', 'restartPolicy', 'serviceAccountName', 'priorityClassName', 'schedulerName'] as const;

function trimContainers(list: unknown): Container[] | undefined {
  if (!Array.isArray(list)) return undefined;
  return list.map((c: Container) => {
    const out: Container = {};
    for (const k of CONTAINER_KEYS) if (c?.[k] !== undefined) out[k] = c[k];
    return out;
  });
}

const STATUS_DROP = new Set(['podIPs', 'hostIPs']);
const CONTAINER_STATUS_DROP = new Set(['imageID', 'containerID', 'image', 'volumeMounts', 'allocatedResources', 'resources', 'user']);
const CONDITION_KEYS = ['type', 'status', 'reason', 'message'] as const;

function without(o: Record<string, unknown>, drop: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k in o) if (!drop.has(k)) out[k] = o[k];
  return out;
}

/** the status as pod-status.ts reads it: conditions' type/status/reason/message, container states and counts */
function trimStatus(st: Record<string, unknown>): Record<string, unknown> {
  const out = without(st, STATUS_DROP);
  if (Array.isArray(st.conditions)) {
    out.conditions = st.conditions.map((c: Record<string, unknown>) => {
      const t: Record<string, unknown> = {};
      for (const k of CONDITION_KEYS) if (c?.[k] !== undefined && c[k] !== null) t[k] = c[k];
      return t;
    });
  }
  for (const k of ['containerStatuses', 'initContainerStatuses', 'ephemeralContainerStatuses']) {
    if (Array.isArray(st[k])) out[k] = (st[k] as Record<string, unknown>[]).map((c) => without(c, CONTAINER_STATUS_DROP));
  }
  return out;
}

export function trimPod(o: Obj): Obj {
  const spec = o.spec as Record<string, unknown> | undefined;
  const status = o.status as Record<string, unknown> | undefined;
  const out: Obj = { ...o };
  if (status && typeof status === 'object') out.status = trimStatus(status);
  if (!spec) return out;
  const s: Record<string, unknown> = {};
  for (const k of SPEC_KEYS) if (spec[k] !== undefined) s[k] = spec[k];
  for (const k of ['containers', 'initContainers', 'ephemeralContainers'] as const) {
    const c = trimContainers(spec[k]);
    if (c) s[k] = c;
  }
  out.spec = s;
  return out;
}

/** The cache trim of a resource's shared informers, if it has one (core/v1 pods). */
export function cacheTrim(group: string, resource: string): ((o: Obj) => Obj) | undefined {
  return group === '' && resource === 'pods' ? trimPod : undefined;
}
