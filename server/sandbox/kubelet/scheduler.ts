/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/**
 * The default scheduler, simplified: binds pending pods to the best-fitting node, reports FailedScheduling
 * (PodScheduled=False/Unschedulable) when none fits, and retries when nodes or pods change.
 */
import type { KObject, SandboxClient } from '../types';
import { iso, type Clock } from '../controllers/lib/clock';
import type { EventRecorder } from '../controllers/lib/events';
import { isNotFound, WorkQueue } from '../controllers/lib/queue';
import { R } from '../controllers/lib/refs';
import type { Kubelets } from './kubelet';
import { pickNode } from './scheduler-fit';

export class Scheduler {
  private queue: WorkQueue;
  private unschedulable = new Set<string>();
  private lastMessage = new Map<string, string>();
  private retryTimer: () => void;

  constructor(
    private readonly client: SandboxClient,
    clock: Clock,
    private readonly recorder: EventRecorder,
    private readonly kubelets: Kubelets,
  ) {
    this.queue = new WorkQueue('scheduler', clock, (key) => this.schedule(key));
    kubelets.onPending = (pod) => {
      const sched = (pod as any).spec?.schedulerName;
      if (sched && sched !== 'default-scheduler') return;
      this.queue.add(`${pod.metadata.namespace}/${pod.metadata.name}`);
    };
    kubelets.onPodsChanged = () => this.retryUnschedulable();
    this.retryTimer = clock.every(10_000, () => this.retryUnschedulable(), 500);
  }

  private retryUnschedulable(): void {
    for (const k of this.unschedulable) this.queue.add(k);
  }

  private schedule(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const pod = this.client.get(R.pods, ns, name);
    if (!pod || (pod as any).spec?.nodeName || pod.metadata.deletionTimestamp) {
      this.unschedulable.delete(key);
      this.lastMessage.delete(key);
      return;
    }
    const res = pickNode((pod as any).spec, this.kubelets.nodeViews());
    if (res.node) {
      this.bind(pod, res.node);
      this.unschedulable.delete(key);
      this.lastMessage.delete(key);
      return;
    }
    this.unschedulable.add(key);
    const msg = res.message!;
    this.recorder.record(pod, 'Warning', 'FailedScheduling', msg, { component: 'default-scheduler' });
    if (this.lastMessage.get(key) !== msg) {
      this.lastMessage.set(key, msg);
      const status = {
        phase: 'Pending',
        conditions: [{ type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: iso(), reason: 'Unschedulable', message: msg }],
      };
      try {
        this.client.patch(R.pods, ns, name, 'merge', { status }, { subresource: 'status' });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  private bind(pod: KObject, node: string): void {
    const md = pod.metadata;
    // Binding subresource semantics: nodeName may be set once, on an unbound pod (uid/rv precondition).
    this.client.patch(R.pods, md.namespace, md.name!, 'merge', { metadata: { resourceVersion: md.resourceVersion }, spec: { nodeName: node } });
    this.kubelets.assume(pod, node);
    this.recorder.record(pod, 'Normal', 'Scheduled', `Successfully assigned ${md.namespace}/${md.name} to ${node}`, {
      component: 'default-scheduler',
    });
  }

  stop(): void {
    this.retryTimer();
    this.queue.stop();
  }
}
