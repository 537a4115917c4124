/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here */
/**
 * The cluster network of the simulation: names and IPs resolved like CoreDNS and kube-proxy, the stock servers'
 * answers, httpGet probes judged by those servers, and curl/wget inside a container (through the real kubectl exec).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isReady, refs, startTestCluster, waitFor, type TestCluster } from '../controllers/test-helpers';
import { ClusterNet, NetError, serveContainerHttp } from './http-servers';

let c: TestCluster;
const NS = 'net';
let net: ClusterNet;

const pod = (name: string) => c.client.get(refs.pods, NS, name) as any;
const mkPod = (name: string, labels: Record<string, string>, container: Record<string, unknown>, spec: Record<string, unknown> = {}) =>
  c.client.create(refs.pods, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: NS, labels }, spec: { containers: [{ name: 'main', ...container }], ...spec } });

beforeAll(async () => {
  c = await startTestCluster({ speed: 25, name: 'net' });
  net = new ClusterNet(c.client);
  c.client.create(refs.namespaces, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NS } });
  mkPod('web', { app: 'web' }, { image: 'nginx:1.27.3', ports: [{ name: 'http', containerPort: 80 }] });
  mkPod('apache', { app: 'apache' }, { image: 'httpd:2.4.62' });
  mkPod('db-0', { app: 'db' }, { image: 'ghcr.io/acme/db:1.0', ports: [{ name: 'http', containerPort: 8080 }] }, { hostname: 'db-0', subdomain: 'db' });
  mkPod('client', { app: 'client' }, { image: 'busybox:1.37', command: ['sleep', '3600'] });
  mkPod('picky', { app: 'picky' }, { image: 'nginx:1.27.3', readinessProbe: { httpGet: { path: '/healthz', port: 80 }, periodSeconds: 1 } });
  const svc = (name: string, spec: Record<string, unknown>) => c.client.create(refs.services, { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: NS }, spec });
  svc('web', { selector: { app: 'web' }, ports: [{ name: 'http', port: 8000, targetPort: 'http' }] });
  svc('db', { selector: { app: 'db' }, clusterIP: 'None', ports: [{ name: 'http', port: 8080 }] });
  svc('nobody', { selector: { app: 'nobody' }, ports: [{ port: 80 }] });
  await waitFor(() => ['web', 'apache', 'db-0', 'client'].every((n) => pod(n) && isReady(pod(n))), 20_000, 'pods ready');
  await waitFor(() => (c.client.get(refs.endpoints, NS, 'web') as any)?.subsets?.[0]?.addresses?.length, 10_000, 'endpoints');
}, 40_000);
afterAll(async () => {
  await c?.stop();
});

describe('ClusterNet', () => {
  it('resolves Service names in every DNS form, ClusterIPs, pod IPs and StatefulSet-style hostnames', () => {
    const clusterIP = (c.client.get(refs.services, NS, 'web') as any).spec.clusterIP;
    for (const host of ['web', 'web.net', 'web.net.svc', 'web.net.svc.cluster.local', 'WEB.net.svc.cluster.local.', clusterIP]) {
      const r = net.resolve(host, NS);
      expect(r?.kind === 'service' && r.svc.metadata.name, host).toBe('web');
    }
    expect(net.resolve('web', 'default')).toBeUndefined();
    const ip = pod('web').status.podIP;
    expect((net.resolve(ip) as any).pod.metadata.name).toBe('web');
    expect((net.resolve('db-0.db.net.svc.cluster.local') as any).pod.metadata.name).toBe('db-0');
  });

  it('fetches through a Service port to the target port of a ready endpoint', async () => {
    const r = await net.fetch('http://web.net:8000/', { namespace: 'default' });
    expect(r.status).toBe(200);
    expect(r.headers).toContainEqual(['Server', 'nginx/1.27.3']);
    expect(r.body.toString()).toContain('Welcome to nginx!');
    const byIp = await net.fetch(`http://${pod('db-0').status.podIP}:8080/api/info`);
    expect(JSON.parse(byIp.body.toString())).toMatchObject({ pod: 'db-0', port: 8080 });
  });

  it('fails like a network: unknown names, Services without ready endpoints, closed ports', async () => {
    await expect(net.fetch('http://nope.net/')).rejects.toMatchObject({ code: 'ENOTFOUND' });
    await expect(net.fetch('http://nobody.net/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    await expect(net.fetch('http://web.net:81/')).rejects.toBeInstanceOf(NetError);
    expect(() => serveContainerHttp(pod('client'), 'main', 80, { method: 'GET', path: '/', headers: {} })).toThrow(NetError);
  });

  it('httpd answers with its stock page and headers', () => {
    const r = serveContainerHttp(pod('apache'), 'main', 80, { method: 'GET', path: '/', headers: {} }, Date.UTC(2026, 0, 1));
    expect(r.body.toString()).toBe('<html><body><h1>It works!</h1></body></html>\n');
    expect(r.headers[0]).toEqual(['Date', 'Thu, 01 Jan 2026 00:00:00 GMT']);
    expect(r.headers).toContainEqual(['Server', 'Apache/2.4.62 (Unix)']);
    const head = serveContainerHttp(pod('apache'), 'main', 80, { method: 'HEAD', path: '/nope', headers: {} });
    expect(head.status).toBe(404);
    expect(head.body.length).toBe(0);
  });
});

describe('probes', () => {
  it('an httpGet readiness probe on a path the server 404s keeps the pod unready, with the kubelet\'s event', async () => {
    await waitFor(
      () => (c.client.list(refs.events, { namespace: NS }).items as any[]).find((e) => e.involvedObject.name === 'picky' && e.reason === 'Unhealthy'),
      10_000,
      'Unhealthy event',
    ).then((e: any) => expect(e.message).toBe('Readiness probe failed: HTTP probe failed with statuscode: 404'));
    expect(isReady(pod('picky'))).toBe(false);
    expect(pod('picky').status.containerStatuses[0].state.running).toBeTruthy();
  });
});

describe('curl and wget in a container', () => {
  it('reach a Service by its short name, a pod by IP, and report failures like curl', async () => {
    const r = await c.kubectl(['-n', NS, 'exec', 'client', '--', 'sh', '-c', 'curl -s http://web:8000/ | grep -c "Welcome to nginx"; wget -qO- web.net.svc.cluster.local:8000/ | head -1']);
    expect(r.stdout.split('\n').slice(0, 2)).toEqual(['2', '<!DOCTYPE html>']);
    const ip = pod('db-0').status.podIP;
    const info = await c.kubectl(['-n', NS, 'exec', 'client', '--', 'curl', '-s', `http://${ip}:8080/api/info`]);
    expect(JSON.parse(info.stdout)).toMatchObject({ service: 'db', pod: 'db-0' });
    const bad = await c.kubectl(['-n', NS, 'exec', 'client', '--', 'curl', 'http://nope/'], { allowFail: true });
    expect(bad.code).toBe(6);
    expect(bad.stderr).toContain('curl: (6) Could not resolve host: nope');
  });
});
