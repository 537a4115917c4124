/**
 * Pure derivation of the cluster summary from informer caches (lists of plain objects). Kept free of I/O
 * so it is unit-testable and cheap to re-run (the service throttles it to ~1/s).
 */
import type { ClusterSummary, Problem, WarningEvent } from '../../lib/api-types';
import { parseQuantity } from '../../lib/k8s/machinery/quantity';
import type { Obj } from '../k8s/strip';

/* eslint-disable @typescript-eslint/no-explicit-any */
type Any = any;

export interface SummaryInputs {
  version?: string;
  nodes: Obj[];
  pods: Obj[];
  deployments: Obj[];
  statefulsets: Obj[];
  daemonsets: Obj[];
  jobs: Obj[];
  events: Obj[];
  /** metrics.k8s.io NodeMetrics items, when served */
  nodeMetrics?: Obj[];
}

const cond = (o: Any, type: string) => (o?.status?.conditions as Any[] | undefined)?.find((c) => c.type === type);
const ref = (o: Obj, group: string, version: string, resource: string, kind: string) => ({
  kind,
  name: o.metadata.name,
  ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
  group,
  version,
  resource,
});

export function isNodeReady(n: Obj): boolean {
  return cond(n, 'Ready')?.status === 'True';
}

export function computeSummary(i: SummaryInputs, now = new Date()): ClusterSummary {
  const problems: Problem[] = [];
  const pods = { Running: 0, Pending: 0, Succeeded: 0, Failed: 0, Unknown: 0 };
  let cpuReq = 0;
  let memReq = 0;
  for (const p of i.pods as Any[]) {
    const phase = (p.status?.phase ?? 'Unknown') as keyof typeof pods;
    pods[phase in pods ? phase : 'Unknown']++;
    if (phase !== 'Succeeded' && phase !== 'Failed') {
      for (const c of p.spec?.containers ?? []) {
        cpuReq += (parseQuantity(c.resources?.requests?.cpu) ?? 0);
        memReq += (parseQuantity(c.resources?.requests?.memory) ?? 0);
      }
    }
    const statuses = [...(p.status?.initContainerStatuses ?? []), ...(p.status?.containerStatuses ?? [])];
    const bad = statuses.find((s: Any) =>
      ['CrashLoopBackOff', 'ImagePullBackOff', 'ErrImagePull'].includes(s.state?.waiting?.reason),
    );
    if (bad) {
      problems.push({
        ...ref(p, '', 'v1', 'pods', 'Pod'),
        reason: bad.state.waiting.reason,
        message: bad.state.waiting.message ?? `container ${bad.name} is waiting: ${bad.state.waiting.reason}`,
      });
    }
  }

  let ready = 0;
  let cpuCap = 0;
  let memCap = 0;
  for (const n of i.nodes as Any[]) {
    const r = isNodeReady(n);
    if (r) ready++;
    else problems.push({ ...ref(n, '', 'v1', 'nodes', 'Node'), reason: 'NodeNotReady', message: cond(n, 'Ready')?.message ?? 'node is not ready' });
    const alloc = n.status?.allocatable ?? n.status?.capacity ?? {};
    cpuCap += (parseQuantity(alloc.cpu) ?? 0);
    memCap += (parseQuantity(alloc.memory) ?? 0);
  }

  for (const d of i.deployments as Any[]) {
    const prog = cond(d, 'Progressing');
    if (prog?.status === 'False' && prog.reason === 'ProgressDeadlineExceeded') {
      problems.push({ ...ref(d, 'apps', 'v1', 'deployments', 'Deployment'), reason: 'ProgressDeadlineExceeded', message: prog.message ?? 'rollout is stuck' });
    } else if ((d.status?.unavailableReplicas ?? 0) > 0 && (d.spec?.replicas ?? 1) > 0) {
      problems.push({
        ...ref(d, 'apps', 'v1', 'deployments', 'Deployment'),
        reason: 'UnavailableReplicas',
        message: `${d.status.unavailableReplicas} of ${d.spec?.replicas ?? 1} replicas unavailable`,
      });
    }
  }
  for (const s of i.statefulsets as Any[]) {
    const want = s.spec?.replicas ?? 1;
    const have = s.status?.readyReplicas ?? 0;
    if (have < want && s.metadata.generation === s.status?.observedGeneration)
      problems.push({ ...ref(s, 'apps', 'v1', 'statefulsets', 'StatefulSet'), reason: 'UnavailableReplicas', message: `${want - have} of ${want} replicas not ready` });
  }
  for (const d of i.daemonsets as Any[]) {
    const un = d.status?.numberUnavailable ?? 0;
    if (un > 0)
      problems.push({ ...ref(d, 'apps', 'v1', 'daemonsets', 'DaemonSet'), reason: 'UnavailableReplicas', message: `${un} of ${d.status?.desiredNumberScheduled ?? un} pods unavailable` });
  }
  for (const j of i.jobs as Any[]) {
    const f = cond(j, 'Failed');
    if (f?.status === 'True') problems.push({ ...ref(j, 'batch', 'v1', 'jobs', 'Job'), reason: 'JobFailed', message: f.message ?? f.reason ?? 'job failed' });
  }

  const ts = (e: Any) => e.lastTimestamp ?? e.eventTime ?? e.series?.lastObservedTime ?? e.firstTimestamp ?? e.metadata?.creationTimestamp ?? '';
  const warningEvents: WarningEvent[] = (i.events as Any[])
    .filter((e) => e.type === 'Warning')
    .sort((a, b) => (ts(a) < ts(b) ? 1 : ts(a) > ts(b) ? -1 : 0))
    .slice(0, 20)
    .map((e) => ({
      namespace: e.metadata?.namespace,
      involvedObject: { kind: e.involvedObject?.kind, name: e.involvedObject?.name, namespace: e.involvedObject?.namespace },
      reason: e.reason,
      message: e.message,
      lastTimestamp: ts(e) || undefined,
      count: e.count ?? e.series?.count,
    }));

  let cpuUse: number | undefined;
  let memUse: number | undefined;
  if (i.nodeMetrics) {
    cpuUse = 0;
    memUse = 0;
    for (const m of i.nodeMetrics as Any[]) {
      cpuUse += (parseQuantity(m.usage?.cpu) ?? 0);
      memUse += (parseQuantity(m.usage?.memory) ?? 0);
    }
  }

  return {
    ...(i.version ? { version: i.version } : {}),
    nodes: { ready, total: i.nodes.length },
    pods,
    problems,
    cpu: { capacity: cpuCap, requests: cpuReq, ...(cpuUse !== undefined ? { usage: cpuUse } : {}) },
    memory: { capacity: memCap, requests: memReq, ...(memUse !== undefined ? { usage: memUse } : {}) },
    warningEvents,
    updatedAt: now.toISOString(),
  };
}
