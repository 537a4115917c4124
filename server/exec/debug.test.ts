/**
 * Debug containers and node shells against a sandbox over real HTTPS: "Debug" adds an ephemeral container through
 * pods/ephemeralcontainers and a terminal attaches to it; "Node shell" runs kubectl debug node's pod (host root at
 * /host) and the console deletes it when the terminal closes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, USERS } from '../auth/testing';
import { eventually } from '../watch/testing';
import { runPod, startExecHarness, TestTerminal, type ExecHarness } from './testing';

let h: ExecHarness;
let root: Browser;

beforeAll(async () => {
  h = await startExecHarness();
  root = new Browser(h.url);
  await root.login('root', USERS.root.password);
  await runPod(h, 'default', { metadata: { name: 'app' }, spec: { containers: [{ name: 'main', image: 'gcr.io/distroless/static:nonroot', command: ['/app'] }] } });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('debug and node shell', () => {
  it('adds an ephemeral debug container to a distroless pod and attaches a shell to it', async () => {
    const res = await root.fetch(`/api/clusters/${h.cluster}/pods/default/app/debug`, { method: 'POST', body: { target: 'main' } });
    expect(res.status).toBe(200);
    const { container } = (await res.json()) as { container: string };
    expect(container).toMatch(/^debugger-/);
    const pod = await h.dp.registry.client(h.cluster).request<{ spec: { ephemeralContainers: { name: string; image: string; targetContainerName?: string; stdin?: boolean; tty?: boolean }[] } }>({ path: '/api/v1/namespaces/default/pods/app' });
    expect(pod.spec.ephemeralContainers).toContainEqual(expect.objectContaining({ name: container, image: 'busybox:1.36', targetContainerName: 'main', stdin: true, tty: true }));
    const t = new TestTerminal(h.url, { cluster: h.cluster, namespace: 'default', pod: 'app', container, mode: 'attach' }, { cookie: root.cookie });
    await t.until(() => Boolean(t.frame('open')), 'open');
    t.type('echo "debug in $HOSTNAME"\r');
    await t.until(() => t.output.includes('debug in app'), 'debug shell output');
    t.ws.close();
    await t.closed;
    expect(h.audit().some((a) => a.verb === 'debug' && a.object.name === 'app' && a.result === 'success')).toBe(true);
  });

  it('refuses a bad image with a clear error', async () => {
    const res = await root.fetch(`/api/clusters/${h.cluster}/pods/default/app/debug`, { method: 'POST', body: { image: 'busybox; rm -rf /' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/image/);
  });

  it('runs a node shell with the host root at /host and deletes its pod when the terminal closes', async () => {
    const node = (await h.dp.registry.client(h.cluster).request<{ items: { metadata: { name: string } }[] }>({ path: '/api/v1/nodes' })).items[0]!.metadata.name;
    const res = await root.fetch(`/api/clusters/${h.cluster}/nodes/${node}/shell`, { method: 'POST', body: {} });
    expect(res.status).toBe(200);
    const s = (await res.json()) as { namespace: string; pod: string; container: string };
    expect(s.pod).toMatch(new RegExp(`^node-debugger-${node}-`));
    const c = h.dp.registry.client(h.cluster);
    const pod = await c.request<{ spec: Record<string, unknown> }>({ path: `/api/v1/namespaces/${s.namespace}/pods/${s.pod}` });
    expect(pod.spec).toMatchObject({ nodeName: node, hostPID: true, hostNetwork: true, hostIPC: true, volumes: expect.arrayContaining([expect.objectContaining({ name: 'host-root', hostPath: expect.objectContaining({ path: '/' }) })]) });
    const t = new TestTerminal(h.url, { cluster: h.cluster, namespace: s.namespace, pod: s.pod, container: s.container, mode: 'attach' }, { cookie: root.cookie });
    await t.until(() => Boolean(t.frame('open')), 'open');
    t.type('ls /host\r');
    await t.until(() => /etc/.test(t.output), 'host root listed');
    t.ws.close();
    await t.closed;
    await eventually(async () => {
      try {
        await c.request({ path: `/api/v1/namespaces/${s.namespace}/pods/${s.pod}` });
        return false;
      } catch (e) {
        return (e as { status?: number }).status === 404;
      }
    }, 20_000, 'node-shell pod deleted');
  });
});
