/** What every controller gets, and the watch → work-queue wiring they share. */
import type { KObject, ResourceRef, SandboxClient, WatchEvent } from '../../types';
import type { Clock } from './clock';
import type { EventRecorder } from './events';
import { stableStringify } from './hash';
import { WorkQueue, type Reconcile } from './queue';

export interface Ctx {
  client: SandboxClient;
  clock: Clock;
  recorder: EventRecorder;
  clusterName: string;
  warn: (msg: string, err?: unknown) => void;
  /** every controller's queue, for settled() */
  queues?: Set<WorkQueue>;
  /** the cluster's CA certificate (PEM), published in every namespace's kube-root-ca.crt */
  caPem?: string;
}

export interface Controller {
  stop(): void;
}

/** Watches ref from "now" (after an initial list that is fed to onEvent as ADDED). */
export function watchAll(ctx: Ctx, ref: ResourceRef, onEvent: (e: WatchEvent) => void): () => void {
  let list: { items: KObject[]; resourceVersion: string };
  try {
    list = ctx.client.list(ref);
  } catch (e) {
    ctx.warn(`list ${ref.resource} failed`, e);
    return () => {};
  }
  for (const o of list.items) onEvent({ type: 'ADDED', object: o });
  return ctx.client.watch(ref, { resourceVersion: list.resourceVersion }, onEvent);
}

/**
 * Resolves once no controller has work queued or in progress for a few turns of the event loop: the point at
 * which a test may assert that a controller did NOT act on a change (timers on the clock do not count; a test
 * on a FakeClock moves them with step()).
 */
export async function settled(queues: Iterable<WorkQueue>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  let quiet = 0;
  while (quiet < 3) {
    await new Promise((r) => setImmediate(r));
    quiet = [...queues].some((q) => q.busy) ? 0 : quiet + 1;
    if (Date.now() > end) throw new Error('controllers did not settle');
  }
}

/** A controller = one queue + watches that enqueue keys. */
export function makeController(
  ctx: Ctx,
  name: string,
  reconcile: Reconcile,
  wire: (enqueue: (key: string) => void, queue: WorkQueue) => (() => void)[],
): Controller {
  const queue = new WorkQueue(name, ctx.clock, reconcile, (n, key, e) => ctx.warn(`${n} ${key}`, e));
  const unwatch = wire((k) => queue.add(k), queue);
  ctx.queues?.add(queue);
  return {
    stop() {
      for (const u of unwatch) u();
      ctx.queues?.delete(queue);
      queue.stop();
    },
  };
}

// queue keys are client-go's namespace/name keys
export { keyOf } from '../../../../lib/k8s/machinery/keys';

/** Enqueue the controlling owner of an object when its kind matches. */
export function ownerKey(o: KObject, kind: string): string | undefined {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind);
  return ref ? `${o.metadata.namespace}/${ref.name}` : undefined;
}

export function changed(a: unknown, b: unknown): boolean {
  return stableStringify(a) !== stableStringify(b);
}
