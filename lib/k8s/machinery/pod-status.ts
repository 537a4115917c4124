/**
 * kubectl's pod STATUS, READY and RESTARTS, following printPod (pkg/printers/internalversion/printers.go): init
 * containers (Init:N/M, Init:<reason>, Init:ExitCode/Signal), restartable init (sidecar) containers counted in
 * READY and their restarts kept once the pod is initialized, SchedulingGated, Completed turned back to
 * Running/NotReady while a container still runs, Terminating, and Unknown for a pod deleted on a lost node.
 * Shared by the sandbox's Table responses and the console's pod columns, so both print what kubectl prints.
 */
import type { Pod, Container, ContainerStatus } from 'kubernetes-types/core/v1';
import { ageOf } from './age';

export interface PodSummary {
  ready: number;
  total: number;
  /** kubectl's STATUS column */
  reason: string;
  restarts: number;
  /** last container termination before a restart, ISO, when known */
  lastRestart: string | null;
}

const isRestartableInit = (c: Container | undefined) => c?.restartPolicy === 'Always';
const conditionTrue = (pod: Pod, type: string) => (pod.status?.conditions ?? []).some((c) => c.type === type && c.status === 'True');

function laterOf(a: string | null, b: string | undefined): string | null {
  if (!b) return a;
  if (!a) return b;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function podSummary(obj: object): PodSummary {
  const pod = obj as Pod;
  const spec = pod.spec ?? { containers: [] };
  const status = pod.status ?? {};
  let restarts = 0;
  let sidecarRestarts = 0;
  let total = (spec.containers ?? []).length;
  let ready = 0;
  let lastRestart: string | null = null;
  let lastSidecarRestart: string | null = null;
  const phase = status.phase ?? '';
  let reason: string = status.reason || phase;

  for (const c of status.conditions ?? []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const inits = new Map<string, Container>();
  for (const c of spec.initContainers ?? []) {
    inits.set(c.name, c);
    if (isRestartableInit(c)) total++;
  }

  let initializing = false;
  const initStatuses = status.initContainerStatuses ?? [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    restarts += cs.restartCount ?? 0;
    lastRestart = laterOf(lastRestart, cs.lastState?.terminated?.finishedAt);
    const sidecar = isRestartableInit(inits.get(cs.name));
    if (sidecar) {
      sidecarRestarts += cs.restartCount ?? 0;
      lastSidecarRestart = laterOf(lastSidecarRestart, cs.lastState?.terminated?.finishedAt);
    }
    const term = cs.state?.terminated;
    if (term && term.exitCode === 0) continue;
    if (sidecar && cs.started) {
      if (cs.ready) ready++;
      continue;
    }
    if (term) {
      if (!term.reason) reason = term.signal ? `Init:Signal:${term.signal}` : `Init:ExitCode:${term.exitCode}`;
      else reason = `Init:${term.reason}`;
    } else if (cs.state?.waiting?.reason && cs.state.waiting.reason !== 'PodInitializing') {
      reason = `Init:${cs.state.waiting.reason}`;
    } else {
      reason = `Init:${i}/${(spec.initContainers ?? []).length}`;
    }
    initializing = true;
    break;
  }

  if (!initializing || conditionTrue(pod, 'Initialized')) {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses: ContainerStatus[] = status.containerStatuses ?? [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += cs.restartCount ?? 0;
      lastRestart = laterOf(lastRestart, cs.lastState?.terminated?.finishedAt);
      const w = cs.state?.waiting;
      const t = cs.state?.terminated;
      if (w && w.reason) reason = w.reason;
      else if (t && t.reason) reason = t.reason;
      else if (t) reason = t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`;
      else if (cs.ready && cs.state?.running) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = conditionTrue(pod, 'Ready') ? 'Running' : 'NotReady';
  }

  if (pod.metadata?.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata?.deletionTimestamp && phase !== 'Failed' && phase !== 'Succeeded') reason = 'Terminating';

  return { ready, total, reason, restarts, lastRestart };
}

/** kubectl's RESTARTS cell: "3 (2m ago)" when the last restart time is known. */
export function restartsText(s: Pick<PodSummary, 'restarts' | 'lastRestart'>, now: number): string {
  return s.lastRestart && s.restarts > 0 ? `${s.restarts} (${ageOf(s.lastRestart, now)} ago)` : String(s.restarts);
}
