/**
 * One status line per object for the detail page header (and anything else that wants a single word):
 * kind-specific where kubectl has a notion of status, else the Ready condition, else nothing.
 */
import type { K8sObject } from './types';
import { podSummary } from './machinery/pod-status';
import { nodeStatus } from './kinds/node';
import { jobStatus } from './kinds/batch';
import { daemonSetCounts, desiredReplicas } from './kinds/workloads';
import { statusTone, type StatusTone } from './status-tone';

export interface StatusLine {
  text: string;
  tone: StatusTone;
  detail?: string;
}

const n = (v: unknown) => (typeof v === 'number' ? v : 0);

export function statusLine(obj: K8sObject): StatusLine | null {
  switch (obj.kind) {
    case 'Pod': {
      const s = podSummary(obj);
      return { text: s.reason, tone: statusTone(s.reason), detail: `${s.ready}/${s.total} containers ready, ${s.restarts} restarts` };
    }
    case 'Deployment':
    case 'StatefulSet':
    case 'ReplicaSet': {
      const want = desiredReplicas(obj);
      const ready = n(obj.status?.readyReplicas);
      const updated = n(obj.status?.updatedReplicas);
      const progressing = (obj.status?.conditions ?? []).find((c: { type: string }) => c.type === 'Progressing');
      if (progressing?.reason === 'ProgressDeadlineExceeded') return { text: 'Rollout stuck', tone: 'error', detail: progressing.message };
      if (obj.metadata.deletionTimestamp) return { text: 'Terminating', tone: 'info' };
      if (ready >= want && (obj.kind === 'ReplicaSet' || updated >= want)) return { text: want === 0 ? 'Scaled to zero' : 'Available', tone: want === 0 ? 'muted' : 'ok', detail: `${ready}/${want} ready` };
      return { text: updated < want && obj.kind !== 'ReplicaSet' ? 'Progressing' : 'Unavailable', tone: 'warn', detail: `${ready}/${want} ready, ${updated} up to date` };
    }
    case 'DaemonSet': {
      const c = daemonSetCounts(obj);
      return c.available >= c.desired ? { text: 'Available', tone: 'ok', detail: `${c.ready}/${c.desired} ready` } : { text: 'Unavailable', tone: 'warn', detail: `${c.ready}/${c.desired} ready` };
    }
    case 'Job': {
      const s = jobStatus(obj);
      return { text: s, tone: s === 'Running' ? 'info' : statusTone(s) };
    }
    case 'CronJob':
      return obj.spec?.suspend ? { text: 'Suspended', tone: 'muted' } : { text: 'Scheduled', tone: 'ok', detail: obj.spec?.schedule };
    case 'Node': {
      const s = nodeStatus(obj);
      return { text: s, tone: statusTone(s) };
    }
    case 'Namespace':
    case 'PersistentVolume':
    case 'PersistentVolumeClaim': {
      const phase = obj.metadata.deletionTimestamp ? 'Terminating' : obj.status?.phase ?? 'Unknown';
      return { text: phase, tone: statusTone(phase) };
    }
  }
  const conds = (obj.status?.conditions ?? []) as { type: string; status: string; reason?: string; message?: string }[];
  const ready = conds.find((c) => c.type === 'Ready' || c.type === 'Available' || c.type === 'Established');
  if (ready) return { text: ready.status === 'True' ? ready.type : `Not ${ready.type.toLowerCase()}`, tone: ready.status === 'True' ? 'ok' : 'warn', detail: ready.message || ready.reason };
  return null;
}
