/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** Pure: the pod.status a kubelet reports for the simulated container states. */
import { parseQuantity } from '../../../lib/k8s/machinery/quantity';
import { fullImage, imageID } from './images';
import type { CapturedOutput } from './captured-output';

export interface ContainerInstance {
  /** containerd id (64 hex), also the log seed */
  id: string;
  image: string;
  startedMs: number;
  endedMs?: number;
  exitCode?: number;
  reason?: string;
  /** what the program printed, when the userland runs it (else the log is derived from the image) */
  output?: CapturedOutput;
}

export interface CRun {
  name: string;
  image: string;
  init: boolean;
  restartCount: number;
  state: Record<string, any>;
  lastState: Record<string, any>;
  ready: boolean;
  started: boolean;
  pulled: boolean;
  current?: ContainerInstance;
  previous?: ContainerInstance;
  crashes: number;
  pullFailures: number;
  /** no restart will follow (terminal under the restart policy) */
  done: boolean;
  /** an ephemeral container (kubectl debug): never restarted, never ready */
  ephemeral?: boolean;
}

export interface PodRunView {
  init: CRun[];
  app: CRun[];
  /** ephemeral containers (kubectl debug), started as they are added to the pod */
  ephemeral?: CRun[];
  initDone: boolean;
  podIP?: string;
  hostIP?: string;
  startTime?: string;
  nodeReady: boolean;
  transitions: Record<string, string>;
}

function cstatus(c: CRun): Record<string, unknown> {
  return {
    name: c.name,
    image: fullImage(c.image),
    imageID: c.pulled ? imageID(c.image) : '',
    ...(c.current ? { containerID: `containerd://${c.current.id}` } : {}),
    ready: c.ready,
    started: c.started,
    restartCount: c.restartCount,
    state: c.state,
    lastState: c.lastState,
  };
}

export function qosClass(spec: any): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const cs = [...(spec?.containers ?? []), ...(spec?.initContainers ?? [])];
  let any = false;
  let guaranteed = true;
  for (const c of cs) {
    const req = c.resources?.requests ?? {};
    const lim = c.resources?.limits ?? {};
    if (Object.keys(req).length || Object.keys(lim).length) any = true;
    for (const r of ['cpu', 'memory']) {
      const l = lim[r];
      const q = req[r] ?? l;
      if (!l || parseQuantity(q) !== parseQuantity(l)) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

export function podPhase(v: PodRunView): string {
  if (!v.initDone) {
    return v.init.some((c) => c.done && c.state.terminated?.exitCode !== 0) ? 'Failed' : 'Pending';
  }
  const everStarted = v.app.every((c) => c.current || c.restartCount > 0);
  if (!everStarted) return 'Pending';
  if (v.app.every((c) => c.done)) return v.app.every((c) => c.state.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  return 'Running';
}

/** Builds status; keeps condition transition times stable across calls via v.transitions. */
export function buildPodStatus(v: PodRunView, spec: any, now: string): Record<string, unknown> {
  const phase = podPhase(v);
  const terminal = phase === 'Succeeded' || phase === 'Failed';
  const containersReady = !terminal && v.app.length > 0 && v.app.every((c) => c.ready);
  const ready = containersReady && v.nodeReady;
  const sandboxReady = !terminal && !!v.podIP;
  const cond = (type: string, ok: boolean, reason?: string, message?: string) => {
    const status = ok ? 'True' : 'False';
    const key = `${type}=${status}`;
    if (!v.transitions[key]) {
      for (const k of Object.keys(v.transitions)) if (k.startsWith(`${type}=`)) delete v.transitions[k];
      v.transitions[key] = now;
    }
    return {
      type,
      status,
      lastProbeTime: null,
      lastTransitionTime: v.transitions[key],
      ...(reason ? { reason } : {}),
      ...(message ? { message } : {}),
    };
  };
  const notReady = v.app.filter((c) => !c.ready).map((c) => c.name);
  const nrMsg = notReady.length ? `containers with unready status: [${notReady.join(' ')}]` : undefined;
  const initPending = v.init.filter((c) => !(c.state.terminated?.exitCode === 0)).map((c) => c.name);
  const conditions = [
    cond('PodReadyToStartContainers', sandboxReady),
    v.initDone
      ? cond('Initialized', true)
      : cond('Initialized', false, 'ContainersNotInitialized', `containers with incomplete status: [${initPending.join(' ')}]`),
    ready ? cond('Ready', true) : cond('Ready', false, terminal ? 'PodCompleted' : 'ContainersNotReady', terminal ? undefined : nrMsg),
    containersReady
      ? cond('ContainersReady', true)
      : cond('ContainersReady', false, terminal ? 'PodCompleted' : 'ContainersNotReady', terminal ? undefined : nrMsg),
    cond('PodScheduled', true),
  ];
  return {
    phase,
    conditions,
    ...(v.hostIP ? { hostIP: v.hostIP, hostIPs: [{ ip: v.hostIP }] } : {}),
    ...(v.podIP ? { podIP: v.podIP, podIPs: [{ ip: v.podIP }] } : {}),
    ...(v.startTime ? { startTime: v.startTime } : {}),
    ...(v.init.length ? { initContainerStatuses: v.init.map(cstatus) } : {}),
    containerStatuses: v.app.map(cstatus),
    ...(v.ephemeral?.length ? { ephemeralContainerStatuses: v.ephemeral.map(cstatus) } : {}),
    qosClass: qosClass(spec),
  };
}
