/**
 * Node shells: the pod `kubectl debug node/<node> -it --image=busybox` runs (profile "legacy": host PID, network
 * and IPC namespaces, the node's root filesystem at /host, pinned to the node, tolerating every taint), created as
 * the person. The console remembers each pod it made and deletes it when its terminal ends, when no terminal
 * attached within `attachWithinMs`, and when the console stops — so no privileged pod is left behind.
 */
import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';
import type { ClusterRegistry } from '../clusters/registry';
import type { AuditLog } from '../audit';
import type { Identity } from '../auth/identity';
import { displayName } from '../auth/identity';
import { waitRunning } from './wait-running';

const seg = encodeURIComponent;
export const NODE_SHELL_CONTAINER = 'debugger';
export const MANAGED_BY = { 'app.kubernetes.io/managed-by': 'wheelhouse-node-shell' };

export function nodeShellPod(node: string, namespace: string, image: string, suffix = randomBytes(3).toString('hex').slice(0, 5)) {
  // kubectl's name: node-debugger-<node>-<5 chars>, cut to fit a pod name
  const name = `node-debugger-${node}`.slice(0, 240).replace(/[.-]+$/, '') + `-${suffix}`;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels: { ...MANAGED_BY } },
    spec: {
      nodeName: node,
      hostIPC: true,
      hostNetwork: true,
      hostPID: true,
      restartPolicy: 'Never',
      tolerations: [{ operator: 'Exists' }],
      containers: [
        {
          name: NODE_SHELL_CONTAINER,
          image,
          stdin: true,
          tty: true,
          terminationMessagePolicy: 'File',
          volumeMounts: [{ name: 'host-root', mountPath: '/host' }],
        },
      ],
      volumes: [{ name: 'host-root', hostPath: { path: '/' } }],
    },
  };
}

interface Tracked {
  cluster: string;
  namespace: string;
  name: string;
  identity: Identity;
  timer: NodeJS.Timeout;
}

export class NodeShells {
  private pods = new Map<string, Tracked>();

  constructor(private readonly o: { registry: ClusterRegistry; audit: AuditLog; logger: Logger; attachWithinMs?: number }) {}

  /** Creates the pod as `identity`, waits until it runs, and remembers it for deletion. */
  async create(identity: Identity, cluster: string, node: string, namespace: string, image: string): Promise<{ namespace: string; pod: string; container: string }> {
    const client = this.o.registry.client(cluster).as(identity);
    const body = nodeShellPod(node, namespace, image);
    const object = { group: '', version: 'v1', resource: 'pods', namespace, name: body.metadata.name };
    const user = displayName(identity);
    try {
      await client.request({ method: 'POST', path: `/api/v1/namespaces/${seg(namespace)}/pods`, body });
      this.o.audit.record({ user, cluster, verb: 'node-shell', object, result: 'success', message: `node ${node}, image ${image}` });
    } catch (e) {
      this.o.audit.record({ user, cluster, verb: 'node-shell', object, result: 'failure', status: (e as { status?: number }).status ?? 500, message: (e as Error).message });
      throw e;
    }
    const key = `${cluster}/${namespace}/${body.metadata.name}`;
    const timer = setTimeout(() => void this.remove(key, 'no terminal attached'), this.o.attachWithinMs ?? 120_000);
    timer.unref();
    this.pods.set(key, { cluster, namespace, name: body.metadata.name, identity, timer });
    try {
      await waitRunning(client, namespace, body.metadata.name, NODE_SHELL_CONTAINER);
    } catch (e) {
      await this.remove(key, 'did not start');
      throw e;
    }
    return { namespace, pod: body.metadata.name, container: NODE_SHELL_CONTAINER };
  }

  /** A terminal ended: a node shell's pod goes with it. */
  sessionEnded(cluster: string, namespace: string, pod: string): void {
    const key = `${cluster}/${namespace}/${pod}`;
    if (this.pods.has(key)) void this.remove(key, 'terminal closed');
  }

  has(cluster: string, namespace: string, pod: string): boolean {
    return this.pods.has(`${cluster}/${namespace}/${pod}`);
  }

  async stop(): Promise<void> {
    await Promise.allSettled([...this.pods.keys()].map((k) => this.remove(k, 'console stopping')));
  }

  private async remove(key: string, why: string): Promise<void> {
    const t = this.pods.get(key);
    if (!t) return;
    this.pods.delete(key);
    clearTimeout(t.timer);
    const object = { group: '', version: 'v1', resource: 'pods', namespace: t.namespace, name: t.name };
    try {
      await this.o.registry
        .client(t.cluster)
        .as(t.identity)
        .request({ method: 'DELETE', path: `/api/v1/namespaces/${seg(t.namespace)}/pods/${seg(t.name)}`, body: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 }, timeoutMs: 5_000 });
      this.o.audit.record({ user: displayName(t.identity), cluster: t.cluster, verb: 'delete', object, result: 'success', message: `node shell ended: ${why}` });
    } catch (e) {
      if ((e as { status?: number }).status === 404) return;
      this.o.logger.warn({ err: (e as Error).message, pod: key }, 'could not delete a node-shell pod');
      this.o.audit.record({ user: displayName(t.identity), cluster: t.cluster, verb: 'delete', object, result: 'failure', status: (e as { status?: number }).status ?? 500, message: (e as Error).message });
    }
  }
}
