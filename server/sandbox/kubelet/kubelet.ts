/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * The simulated kubelets of all nodes plus the scheduler's bookkeeping: one object watches nodes and pods,
 * runs the container state machine for pods bound to a known node, and reports node/pod status.
 */
import type { KObject, SandboxClient } from '../types';
import { iso, type Clock } from '../controllers/lib/clock';
import { EventRecorder, withFieldPath } from '../controllers/lib/events';
import { podRequests } from '../controllers/lib/requests';
import { isNotFound } from '../controllers/lib/queue';
import { R } from '../controllers/lib/refs';
import { newCRun, startContainer, type ContainerHost, type PodRun } from './containers';
import { NOT_READY_ANNOTATION, nodeIp, nodeStatus, podIpIn } from './nodes';
import { buildPodStatus, podPhase, type CRun } from './pod-status';
import { nodeAllocatable, type NodeView } from './scheduler-fit';
import { LeaseKeeper } from './leases';

interface NodeState {
  name: string;
  index: number;
  obj: KObject;
  ready: boolean;
  cidr: string;
  nextIp: number;
  requested: { cpu: number; memory: number; pods: number };
}

export class Kubelets implements ContainerHost {
  readonly nodes = new Map<string, NodeState>();
  readonly runs = new Map<string, PodRun>();
  private byKey = new Map<string, string>();
  /** uid → node and requests counted against it (bound pods, terminal ones excluded) */
  private assigned = new Map<string, { node: string; cpu: number; memory: number }>();
  private unwatch: (() => void)[] = [];
  private stopListeners = new Set<(ns: string, pod: string, container: string) => void>();
  private mainRunner?: (run: PodRun, c: CRun, onExit: (exitCode: number) => void) => boolean;
  onPodsChanged: () => void = () => {};
  onPending: (pod: KObject) => void = () => {};
  private stopHeartbeat?: () => void;
  private leases: LeaseKeeper;

  constructor(
    private readonly client: SandboxClient,
    private readonly clock: Clock,
    private readonly recorder: EventRecorder,
  ) {
    this.leases = new LeaseKeeper(client);
  }

  start(): void {
    const nodes = this.client.list(R.nodes);
    for (const n of nodes.items) this.onNode('ADDED', n);
    this.unwatch.push(this.client.watch(R.nodes, { resourceVersion: nodes.resourceVersion }, (e) => this.onNode(e.type, e.object)));
    const pods = this.client.list(R.pods);
    for (const p of pods.items) this.onPod('ADDED', p);
    this.unwatch.push(this.client.watch(R.pods, { resourceVersion: pods.resourceVersion }, (e) => this.onPod(e.type, e.object)));
    this.stopHeartbeat = this.clock.every(40_000, () => this.heartbeat(), 10_000);
    this.leases.renew([...this.nodes.values()]);
  }

  /** Kubelet heartbeats: refresh lastHeartbeatTime on every node's conditions (like the 40 s node status update). */
  heartbeat(): void {
    this.leases.renew([...this.nodes.values()]);
    const now = iso();
    for (const st of this.nodes.values()) {
      const conds = ((st.obj as any).status?.conditions ?? []) as any[];
      if (!conds.length) continue;
      try {
        this.client.patch(R.nodes, undefined, st.name, 'merge', { status: { conditions: conds.map((c) => ({ ...c, lastHeartbeatTime: now })) } }, { subresource: 'status' });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  stop(): void {
    this.stopHeartbeat?.();
    for (const u of this.unwatch) u();
    for (const r of this.runs.values()) for (const c of r.cancels) c();
  }

  // ---- nodes ----
  private onNode(type: string, n: KObject): void {
    const name = n.metadata.name!;
    if (type === 'DELETED') {
      this.nodes.delete(name);
      // pod GC: pods bound to a node that no longer exists are deleted
      for (const r of [...this.runs.values()]) if (r.node === name) this.forceDelete(r.ns, r.name);
      this.onPodsChanged();
      return;
    }
    if (type !== 'ADDED' && type !== 'MODIFIED') return;
    let st = this.nodes.get(name);
    const wantReady = (n.metadata.annotations ?? {})[NOT_READY_ANNOTATION] !== 'true';
    if (!st) {
      const index = this.nodes.size === 0 ? 0 : Math.max(...[...this.nodes.values()].map((x) => x.index)) + 1;
      const cidr = ((n as any).spec?.podCIDR as string) ?? `10.244.${index}.0/24`;
      st = { name, index, obj: n, ready: wantReady, cidr, nextIp: 0, requested: { cpu: 0, memory: 0, pods: 0 } };
      this.nodes.set(name, st);
      for (const [uid, a] of this.assigned) if (a.node === name) this.addRequested(st, a, 1, uid);
    }
    st.obj = n;
    const cond = ((n as any).status?.conditions ?? []).find((c: any) => c.type === 'Ready');
    const reportedReady = cond?.status === 'True';
    if (!cond || reportedReady !== wantReady) {
      const changed = st.ready !== wantReady;
      st.ready = wantReady;
      this.writeNodeStatus(st, n);
      if (changed) for (const r of this.runs.values()) if (r.node === name) {
        r.nodeReady = wantReady;
        this.sync(r);
      }
      if (changed && !wantReady) this.recorder.record(n, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, { component: 'node-controller' });
      if (changed && wantReady) this.recorder.record(n, 'Normal', 'NodeReady', `Node ${name} status is now: NodeReady`, { component: 'kubelet', host: name });
    }
    this.onPodsChanged();
  }

  private writeNodeStatus(st: NodeState, n: KObject): void {
    const cap = ((n as any).status?.capacity ?? {}) as Record<string, string>;
    const status = nodeStatus(
      { name: st.name, index: st.index, cpu: cap.cpu ?? '8', memory: toGi(cap.memory) ?? '16Gi', pods: Number(cap.pods ?? 110) },
      st.ready,
      iso(),
    );
    if ((n as any).status?.addresses?.length) status.addresses = (n as any).status.addresses;
    else status.addresses = [{ type: 'InternalIP', address: nodeIp(st.index) }, { type: 'Hostname', address: st.name }];
    try {
      this.client.patch(R.nodes, undefined, st.name, 'merge', { status }, { subresource: 'status' });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  nodeViews(): NodeView[] {
    return [...this.nodes.values()].map((st) => ({
      name: st.name,
      labels: st.obj.metadata.labels ?? {},
      taints: ((st.obj as any).spec?.taints ?? []) as NodeView['taints'],
      unschedulable: !!(st.obj as any).spec?.unschedulable,
      ready: st.ready,
      allocatable: nodeAllocatable(st.obj),
      requested: { ...st.requested },
    }));
  }

  private addRequested(st: NodeState | undefined, a: { cpu: number; memory: number }, sign: 1 | -1, _uid: string): void {
    if (!st) return;
    st.requested.cpu += sign * a.cpu;
    st.requested.memory += sign * a.memory;
    st.requested.pods += sign;
  }

  /** Called by the scheduler right after binding so the next decision sees the pod's requests. */
  assume(pod: KObject, node: string): void {
    const uid = pod.metadata.uid!;
    if (this.assigned.has(uid)) return;
    const req = podRequests((pod as any).spec);
    const a = { node, cpu: req.cpu, memory: req.memory };
    this.assigned.set(uid, a);
    this.addRequested(this.nodes.get(node), a, 1, uid);
  }

  private unassume(uid: string): void {
    const a = this.assigned.get(uid);
    if (!a) return;
    this.assigned.delete(uid);
    this.addRequested(this.nodes.get(a.node), a, -1, uid);
    this.onPodsChanged();
  }

  // ---- pods ----
  private onPod(type: string, pod: KObject): void {
    const uid = pod.metadata.uid!;
    const key = `${pod.metadata.namespace}/${pod.metadata.name}`;
    if (type === 'DELETED') {
      const r = this.runs.get(uid);
      if (r) this.endRun(r);
      this.unassume(uid);
      return;
    }
    if (type !== 'ADDED' && type !== 'MODIFIED') return;
    const spec = (pod as any).spec ?? {};
    const phase = (pod as any).status?.phase;
    if (!spec.nodeName) {
      if (!pod.metadata.deletionTimestamp) this.onPending(pod);
      else this.forceDelete(pod.metadata.namespace!, pod.metadata.name!);
      return;
    }
    if (phase !== 'Succeeded' && phase !== 'Failed') this.assume(pod, spec.nodeName);
    else this.unassume(uid);
    let r = this.runs.get(uid);
    if (!r) {
      const st = this.nodes.get(spec.nodeName);
      if (!st) return; // bound to a node nobody simulates
      // first sight: act on the stored state, not a possibly older event (bulk-created pods arrive Running)
      const cur = this.client.get(R.pods, pod.metadata.namespace, pod.metadata.name!);
      if (!cur || cur.metadata.uid !== uid) return;
      pod = cur;
      const phase = (pod as any).status?.phase;
      r = phase === 'Running' || phase === 'Succeeded' || phase === 'Failed' ? this.adopt(pod, st) : this.begin(pod, st);
      this.runs.set(uid, r);
      this.byKey.set(key, uid);
    } else {
      r.pod = pod;
      if (!r.terminating && !pod.metadata.deletionTimestamp) {
        this.applyImageChanges(r);
        this.startEphemeral(r);
      }
    }
    if (pod.metadata.deletionTimestamp && !r.terminating) this.terminate(r);
  }

  private newRun(pod: KObject, st: NodeState, light: boolean): PodRun {
    const spec = (pod as any).spec ?? {};
    return {
      uid: pod.metadata.uid!,
      ns: pod.metadata.namespace!,
      name: pod.metadata.name!,
      node: st.name,
      pod,
      terminating: false,
      cancels: new Set(),
      light,
      init: (spec.initContainers ?? []).map((c: any) => newCRun(c, true)),
      app: (spec.containers ?? []).map((c: any) => newCRun(c, false)),
      initDone: !(spec.initContainers?.length > 0),
      hostIP: nodeIp(st.index),
      nodeReady: st.ready,
      transitions: {},
    };
  }

  private begin(pod: KObject, st: NodeState): PodRun {
    const r = this.newRun(pod, st, false);
    r.podIP = (pod as any).spec?.hostNetwork ? r.hostIP : podIpIn(st.cidr, st.nextIp++);
    r.startTime = iso();
    this.sync(r);
    if (!r.initDone) startContainer(this, r, r.init[0]!);
    else for (const c of r.app) startContainer(this, r, c);
    return r;
  }

  /** Pods that are already running (bulk-seeded, or a restart of the sandbox): mirror their status, no timers. */
  private adopt(pod: KObject, st: NodeState): PodRun {
    const r = this.newRun(pod, st, true);
    const status = (pod as any).status ?? {};
    r.podIP = status.podIP;
    r.startTime = status.startTime;
    r.initDone = true;
    const byName = new Map<string, any>((status.containerStatuses ?? []).map((c: any) => [c.name, c]));
    for (const c of [...r.init, ...r.app]) {
      const s = byName.get(c.name);
      c.pulled = true;
      c.done = c.init;
      if (!s) continue;
      c.restartCount = s.restartCount ?? 0;
      c.state = s.state ?? c.state;
      c.lastState = s.lastState ?? {};
      c.ready = !!s.ready;
      c.started = !!s.started;
      const started = Date.parse(s.state?.running?.startedAt ?? status.startTime ?? '') || Date.now();
      c.current = { id: String(s.containerID ?? '').replace(/^containerd:\/\//, '') || r.uid, image: c.image, startedMs: started };
    }
    for (const t of ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']) {
      const cnd = (status.conditions ?? []).find((x: any) => x.type === t);
      if (cnd) r.transitions[`${t}=${cnd.status}`] = cnd.lastTransitionTime;
    }
    return r;
  }

  /** A pod's container image is the one mutable bit of its spec: the kubelet restarts the container with it. */
  private applyImageChanges(r: PodRun): void {
    for (const spec of ((r.pod as any).spec?.containers ?? []) as any[]) {
      const c = r.app.find((x) => x.name === spec.name);
      if (!c || !spec.image || spec.image === c.image) continue;
      if (c.state.running) {
        this.event(r, c, 'Normal', 'Killing', `Container ${c.name} definition changed, will be restarted`);
        if (c.current) {
          c.current.endedMs = Date.now();
          c.current.exitCode = 0;
          c.previous = c.current;
        }
        this.onContainerStopped(r, c);
        c.restartCount++;
      }
      c.image = spec.image;
      c.pulled = false;
      c.ready = false;
      c.started = false;
      c.done = false;
      c.state = { waiting: { reason: 'ContainerCreating' } };
      r.light = false;
      startContainer(this, r, c);
    }
  }

  /** Ephemeral containers added through pods/ephemeralcontainers start as soon as the kubelet sees them. */
  private startEphemeral(r: PodRun): void {
    const specs = ((r.pod as any).spec?.ephemeralContainers ?? []) as any[];
    if (specs.length === (r.ephemeral?.length ?? 0)) return;
    r.ephemeral ??= [];
    for (const spec of specs) {
      if (r.ephemeral.some((c) => c.name === spec.name)) continue;
      const c = newCRun(spec, false, true);
      r.ephemeral.push(c);
      r.light = false;
      startContainer(this, r, c);
    }
  }

  private terminate(r: PodRun): void {
    r.terminating = true;
    for (const c of r.cancels) c();
    r.cancels.clear();
    for (const c of [...r.init, ...r.app, ...(r.ephemeral ?? [])]) {
      if (c.state.running) this.event(r, c, 'Normal', 'Killing', `Stopping container ${c.name}`);
    }
    const grace = Number(r.pod.metadata.deletionGracePeriodSeconds ?? 30);
    // containers stop (and are reported stopped) first; the API server then removes the pod (its own timer,
    // ~1 s of cluster time), or this kubelet does at 1.5 s
    const wait = Math.min(grace * 1000, 400);
    const t = setTimeout(() => {
      for (const c of [...r.init, ...r.app, ...(r.ephemeral ?? [])]) {
        if (c.current && c.current.endedMs === undefined) {
          c.current.endedMs = Date.now();
          c.current.exitCode = 0;
          if (c.state.running) {
            // like the real kubelet, report the stopped containers before the final delete (watchers see 0/1)
            c.state = { terminated: { exitCode: 0, reason: 'Completed', startedAt: c.state.running.startedAt, finishedAt: iso(), containerID: `containerd://${c.current.id}` } };
            c.ready = false;
            c.started = false;
          }
          this.onContainerStopped(r, c);
        }
      }
      this.writeTerminated(r);
      const t2 = setTimeout(() => this.forceDelete(r.ns, r.name, r.uid), this.clock.real(Math.min(grace * 1000, 1500) - wait));
      t2.unref?.();
    }, this.clock.real(wait));
    t.unref?.();
  }

  private writeTerminated(r: PodRun): void {
    const status = buildPodStatus(r, (r.pod as any).spec, iso());
    try {
      this.client.patch(R.pods, r.ns, r.name, 'merge', { status }, { subresource: 'status' });
    } catch {
      /* already gone */
    }
  }

  private forceDelete(ns: string, name: string, uid?: string): void {
    try {
      this.client.delete(R.pods, ns, name, { gracePeriodSeconds: 0, ...(uid ? { preconditions: { uid } } : {}) });
    } catch {
      /* already gone or replaced */
    }
  }

  private endRun(r: PodRun): void {
    for (const c of r.cancels) c();
    for (const c of [...r.init, ...r.app, ...(r.ephemeral ?? [])]) {
      if (c.current && c.current.endedMs === undefined) {
        c.current.endedMs = Date.now();
        this.onContainerStopped(r, c);
      }
    }
    this.runs.delete(r.uid);
    const key = `${r.ns}/${r.name}`;
    if (this.byKey.get(key) === r.uid) this.byKey.delete(key);
  }

  runFor(ns: string, pod: string): PodRun | undefined {
    const uid = this.byKey.get(`${ns}/${pod}`);
    return uid ? this.runs.get(uid) : undefined;
  }

  /** A container's main process ended on its own (an interactive shell typed `exit`): it terminates with that code. */
  containerExited(ns: string, pod: string, container: string, exitCode: number): void {
    const r = this.runFor(ns, pod);
    const c = r && [...r.app, ...r.init, ...(r.ephemeral ?? [])].find((x) => x.name === container);
    if (!r || !c?.state.running || r.terminating) return;
    if (c.current) {
      c.current.endedMs = Date.now();
      c.current.exitCode = exitCode;
    }
    c.state = { terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', startedAt: c.state.running.startedAt, finishedAt: iso(), containerID: c.current ? `containerd://${c.current.id}` : undefined } };
    c.ready = false;
    c.started = false;
    c.done = true;
    this.sync(r);
    this.onContainerStopped(r, c);
  }

  /** The userland's runner of container programs (kubelet/userland/manager.ts), when there is a userland. */
  setMainRunner(fn: (run: PodRun, c: CRun, onExit: (exitCode: number) => void) => boolean): () => void {
    this.mainRunner = fn;
    return () => {
      if (this.mainRunner === fn) this.mainRunner = undefined;
    };
  }

  runMain(run: PodRun, c: CRun, onExit: (exitCode: number) => void): boolean {
    return this.mainRunner?.(run, c, onExit) ?? false;
  }

  onStop(fn: (ns: string, pod: string, container: string) => void): () => void {
    this.stopListeners.add(fn);
    return () => this.stopListeners.delete(fn);
  }

  // ---- ContainerHost ----
  after(run: PodRun, simMs: number, fn: () => void): void {
    const cancel = this.clock.after(simMs, () => {
      run.cancels.delete(cancel);
      if (!run.terminating && this.runs.get(run.uid) === run) fn();
    });
    run.cancels.add(cancel);
  }

  sync(run: PodRun): void {
    if (this.runs.get(run.uid) && this.runs.get(run.uid) !== run) return;
    const status = buildPodStatus(run, (run.pod as any).spec, iso());
    try {
      const updated = this.client.patch(R.pods, run.ns, run.name, 'merge', { status }, { subresource: 'status' });
      if (updated.metadata.uid === run.uid) run.pod = updated;
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
    const phase = podPhase(run);
    if (phase === 'Succeeded' || phase === 'Failed') this.unassume(run.uid);
  }

  event(run: PodRun, c: CRun | undefined, type: 'Normal' | 'Warning', reason: string, message: string): void {
    if (run.light) return;
    const obj = c ? withFieldPath(run.pod, `spec.${c.ephemeral ? 'ephemeralContainers' : c.init ? 'initContainers' : 'containers'}{${c.name}}`) : run.pod;
    this.recorder.record(obj, type, reason, message, { component: 'kubelet', host: run.node });
  }

  onContainerStopped(run: PodRun, c: CRun): void {
    if (c.init && c.done && c.state.terminated?.exitCode === 0 && !run.terminating) {
      const next = run.init.find((x) => !x.done);
      if (next) {
        if (!next.current) startContainer(this, run, next);
      } else if (!run.initDone) {
        run.initDone = true;
        for (const a of run.app) startContainer(this, run, a);
      }
    }
    for (const l of this.stopListeners) l(run.ns, run.name, c.name);
  }
}

function toGi(mem: string | undefined): string | undefined {
  if (!mem) return undefined;
  const m = /^(\d+)Ki$/.exec(mem);
  if (m) return `${Math.round(Number(m[1]) / 1048576)}Gi`;
  return mem;
}
