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

/** A controller = one queue + watches that enqueue keys. */
export function makeController(
  ctx: Ctx,
  name: string,
  reconcile: Reconcile,
  wire: (enqueue: (key: string) => void, queue: WorkQueue) => (() => void)[],
): Controller {
  const queue = new WorkQueue(name, ctx.clock, reconcile, (n, key, e) => ctx.warn(`${n} ${key}`, e));
  const unwatch = wire((k) => queue.add(k), queue);
  return {
    stop() {
      for (const u of unwatch) u();
      queue.stop();
    },
  };
}

export const keyOf = (o: KObject) => (o.metadata.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : o.metadata.name!);

/** Enqueue the controlling owner of an object when its kind matches. */
export function ownerKey(o: KObject, kind: string): string | undefined {
  const ref = o.metadata.ownerReferences?.find((r) => r.controller && r.kind === kind);
  return ref ? `${o.metadata.namespace}/${ref.name}` : undefined;
}

export function changed(a: unknown, b: unknown): boolean {
  return stableStringify(a) !== stableStringify(b);
}
