/**
 * Which pods a log view follows: one pod by name, or a workload's pods by its spec.selector. Pods come from
 * the watch hub's shared pods informer of the namespace (no extra watch per viewer), so pods that come and
 * go during a rollout are picked up and dropped as the informer sees them (across a fold of that informer into
 * an all-namespaces one: server/watch/hub.ts).
 */
import type { WatchHub } from '../watch/hub';
import type { K8sClient } from '../k8s/client';
import { badRequest } from '../k8s/errors';
import { resourcePath } from '../k8s/paths';
import { matchesRequirements, requirementsFromLabelSelector } from '../../lib/k8s/machinery/labels';
import type { LogsTarget } from '../../lib/protocol';

export interface PodInfo {
  name: string;
  /** init, app, then ephemeral containers, in spec order */
  containers: string[];
  phase?: string;
}

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function podInfo(pod: Any): PodInfo {
  const names = (l: unknown) => ((l ?? []) as Any[]).map((c) => String(c.name));
  return {
    name: String(pod.metadata?.name),
    containers: [...names(pod.spec?.initContainers), ...names(pod.spec?.containers), ...names(pod.spec?.ephemeralContainers)],
    phase: pod.status?.phase,
  };
}

export interface PodSource {
  /** current pods, then on every change of the set or of a pod's containers */
  subscribe(cb: (pods: PodInfo[]) => void): void;
  release(): void;
}

export async function openPodSource(hub: WatchHub, client: K8sClient, t: LogsTarget): Promise<PodSource> {
  let match: (pod: Any) => boolean;
  if (t.resource === 'pods') {
    // 404 early, with the API server's message, when the pod does not exist
    await client.request({ path: resourcePath({ group: '', version: 'v1', resource: 'pods', namespace: t.namespace, name: t.name }) });
    match = (p) => p.metadata?.name === t.name;
  } else {
    const obj = await client.request<Any>({ path: resourcePath({ group: t.group, version: t.version, resource: t.resource, namespace: t.namespace, name: t.name }) });
    const sel = obj.spec?.selector;
    const reqs = sel && typeof sel === 'object' ? requirementsFromLabelSelector(sel) : [];
    if (!reqs.length) throw badRequest(`${t.resource}/${t.name} has no pod selector`, t.cluster);
    match = (p) => matchesRequirements(reqs, p.metadata?.labels);
  }
  const lease = hub.acquire({ cluster: t.cluster, group: '', version: 'v1', resource: 'pods', namespace: t.namespace });
  let unsub: (() => void) | undefined;
  let unmove: (() => void) | undefined;
  let released = false;
  // lease.feed is read each time: the hub may fold this namespace's informer into an all-namespaces one
  const current = () =>
    lease.feed.informer
      .items()
      .filter((p) => (p.metadata as Any).namespace === t.namespace && match(p as Any))
      .map((p) => podInfo(p as Any))
      .sort((a, b) => a.name.localeCompare(b.name));
  return {
    subscribe(cb) {
      let last = '';
      const emit = () => {
        if (released) return;
        const pods = current();
        const sig = JSON.stringify(pods.map((p) => [p.name, p.containers]));
        if (sig === last) return;
        last = sig;
        cb(pods);
      };
      const follow = () => {
        unsub?.();
        const informer = lease.feed.informer;
        void informer.whenSynced().then(emit);
        unsub = informer.onEvents(emit);
      };
      follow();
      unmove = lease.onMove(follow);
    },
    release() {
      released = true;
      unsub?.();
      unmove?.();
      lease.release();
    },
  };
}
