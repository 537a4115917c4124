/**
 * One forwarded connection, whatever carries it (a SPDY data stream or a WebSocket channel): open the pod's
 * port, copy both ways with backpressure (pipe), end each side when the other ends, and tear both down when
 * either breaks. The error text for a port nothing listens on is containerd's, as the kubelet relays it.
 */
import type { Duplex } from 'node:stream';
import { createHash } from 'node:crypto';
import type { PortProvider } from '../../types';

export interface PodRef {
  namespace: string;
  name: string;
  uid: string;
}

/** The pod sandbox id containerd would report (64 hex, stable per pod uid). */
export function sandboxId(uid: string): string {
  return createHash('sha256').update(`sandbox/${uid}`).digest('hex');
}

function netnsId(uid: string): string {
  const h = sandboxId(`netns/${uid}`);
  return `cni-${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The kubelet's "error forwarding port …" message for a refused connection (written to the error stream). */
export function refusedMessage(pod: PodRef, port: number): string {
  const sb = sandboxId(pod.uid);
  return (
    `error forwarding port ${port} to pod ${sb}, uid : failed to execute portforward in network namespace "/var/run/netns/${netnsId(pod.uid)}": ` +
    `failed to connect to localhost:${port} inside namespace "${sb}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused ` +
    `IPv6 dial tcp6 [::1]:${port}: connect: connection refused `
  );
}

/** Opens the pod's port; undefined (after calling onError with the kubelet's message) when nothing listens. */
export function openTarget(ports: PortProvider | undefined, pod: PodRef, port: number, onError: (msg: string) => void): Duplex | undefined {
  try {
    if (!ports) throw new Error('no kubelet');
    return ports.connect(pod.namespace, pod.name, port);
  } catch {
    onError(refusedMessage(pod, port));
    return undefined;
  }
}

/**
 * Splices a client stream and a target stream. `done` runs once, when both directions have finished or either
 * side failed or closed; afterwards both are destroyed so nothing stays buffered.
 */
export function splice(client: Duplex, target: Duplex, done: () => void): void {
  let finished = false;
  let ends = 0;
  const finish = () => {
    if (finished) return;
    finished = true;
    target.destroy();
    done();
  };
  const ended = () => {
    if (++ends === 2) finish();
  };
  client.pipe(target);
  target.pipe(client);
  // the client ending its side (curl done sending) half-closes the target; the target ending ends the client's
  target.on('end', ended);
  client.on('end', ended);
  target.on('close', finish);
  client.on('close', finish);
  target.on('error', finish);
  client.on('error', finish);
}
