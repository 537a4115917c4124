/**
 * Waits until a container of a pod runs (kubectl debug does the same before it attaches): a freshly added
 * ephemeral container or a new node-debugger pod is Waiting for a while, and an attach before then is refused.
 * Reads the pod as the person every `everyMs` up to `timeoutMs`.
 */
import type { K8sClient } from '../k8s/client';
import { K8sApiError } from '../k8s/errors';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const seg = encodeURIComponent;

export async function waitRunning(client: K8sClient, namespace: string, pod: string, container: string, o: { timeoutMs?: number; everyMs?: number } = {}): Promise<void> {
  const deadline = Date.now() + (o.timeoutMs ?? 90_000);
  for (;;) {
    const p = await client.request<Any>({ path: `/api/v1/namespaces/${seg(namespace)}/pods/${seg(pod)}` });
    const statuses: Any[] = [...(p.status?.containerStatuses ?? []), ...(p.status?.ephemeralContainerStatuses ?? []), ...(p.status?.initContainerStatuses ?? [])];
    const s = statuses.find((c) => c.name === container);
    if (s?.state?.running) return;
    const waitingReason: string | undefined = s?.state?.waiting?.reason;
    if (s?.state?.terminated) {
      throw new K8sApiError({ status: 409, reason: 'Conflict', message: `container ${container} ended (${s.state.terminated.reason ?? `exit code ${s.state.terminated.exitCode}`}) before it could be attached`, cluster: client.cluster });
    }
    if (waitingReason && /BackOff|ErrImagePull|InvalidImageName|CreateContainerError/.test(waitingReason)) {
      throw new K8sApiError({ status: 409, reason: 'Conflict', message: `container ${container} cannot start: ${waitingReason}${s?.state?.waiting?.message ? ` (${s.state.waiting.message})` : ''}`, cluster: client.cluster });
    }
    if (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') {
      throw new K8sApiError({ status: 409, reason: 'Conflict', message: `pod ${pod} is ${p.status.phase}`, cluster: client.cluster });
    }
    if (Date.now() > deadline) {
      throw new K8sApiError({ status: 504, reason: 'Timeout', message: `container ${container} was not running after ${Math.round((o.timeoutMs ?? 90_000) / 1000)} s${waitingReason ? ` (${waitingReason})` : ''}`, cluster: client.cluster });
    }
    await new Promise((r) => setTimeout(r, o.everyMs ?? 300));
  }
}
