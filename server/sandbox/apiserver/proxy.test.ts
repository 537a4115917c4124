/**
 * pods/proxy, services/proxy and nodes/proxy over real HTTPS and with the real kubectl (`get --raw`,
 * `kubectl proxy` then a plain HTTP GET through it), against a sandbox whose kubelets run nginx and a demo app.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, kubectl, kubectlStream, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
const NS = 'px';

const app = (name: string, image: string, port: number, labels: Record<string, string>) => ({
  metadata: { name, labels },
  spec: { containers: [{ name, image, ports: [{ name: 'http', containerPort: port }] }] },
});

beforeAll(async () => {
  c = await startTestCluster({ name: 'px', noRuntime: false, scenario: 'empty', speed: 20 });
  await request(c, 'POST', '/api/v1/namespaces', { body: { metadata: { name: NS } } });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/pods`, { body: app('web-0', 'nginx:1.27.3', 80, { app: 'web' }) });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/pods`, { body: app('api-0', 'ghcr.io/wheelhouse-demo/cart:1.4.2', 8080, { app: 'api' }) });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/services`, { body: { metadata: { name: 'web' }, spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 'http' }] } } });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/services`, { body: { metadata: { name: 'api' }, spec: { selector: { app: 'api' }, ports: [{ port: 8000, targetPort: 8080 }] } } });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/services`, { body: { metadata: { name: 'none' }, spec: { selector: { app: 'nobody' }, ports: [{ name: 'http', port: 80 }] } } });
  await eventually(async () => {
    const ep = (await request(c, 'GET', `/api/v1/namespaces/${NS}/endpoints/web`)).json;
    const ep2 = (await request(c, 'GET', `/api/v1/namespaces/${NS}/endpoints/api`)).json;
    return ep?.subsets?.[0]?.addresses?.length && ep2?.subsets?.[0]?.addresses?.length;
  }, 20_000);
}, 40_000);
afterAll(async () => {
  await c?.stop();
});

describe('services/proxy', () => {
  it('reaches a ready endpoint by port name, with nginx\'s own page and headers', async () => {
    const r = await request(c, 'GET', `/api/v1/namespaces/${NS}/services/web:http/proxy/`);
    expect(r.status).toBe(200);
    expect(r.text).toContain('<title>Welcome to nginx!</title>');
    expect(Buffer.byteLength(r.text)).toBe(615);
    expect(r.headers.server).toBe('nginx/1.27.3');
    expect(r.headers['content-type']).toBe('text/html');
    expect(r.headers.etag).toMatch(/^"[0-9a-f]+-267"$/);
    const missing = await request(c, 'GET', `/api/v1/namespaces/${NS}/services/web:http/proxy/nope`);
    expect(missing.status).toBe(404);
    expect(missing.text).toContain('<center>nginx/1.27.3</center>');
  });

  it('takes a port number or a scheme prefix, passes the query, and proxies every method', async () => {
    const byNum = await request(c, 'GET', `/api/v1/namespaces/${NS}/services/api:8000/proxy/api/echo?x=1`);
    expect(byNum.status).toBe(200);
    expect(byNum.json).toMatchObject({ method: 'GET', path: '/api/echo?x=1' });
    const post = await request(c, 'POST', `/api/v1/namespaces/${NS}/services/http:api:8000/proxy/api/echo`, { body: '{"a":1}' });
    expect(post.json).toMatchObject({ method: 'POST', body: '{"a":1}' });
    // the API server's credentials never reach the workload
    expect(post.json.headers.authorization).toBeUndefined();
    const del = await request(c, 'DELETE', `/api/v1/namespaces/${NS}/services/api/proxy/api/echo`);
    expect(del.json).toMatchObject({ method: 'DELETE' });
  });

  it('answers 503 like upstream when no endpoint is ready or the port is unknown', async () => {
    const none = await request(c, 'GET', `/api/v1/namespaces/${NS}/services/none:http/proxy/`);
    expect(none.status).toBe(503);
    expect(none.json).toMatchObject({ kind: 'Status', reason: 'ServiceUnavailable', message: 'no endpoints available for service "none"' });
    const port = await request(c, 'GET', `/api/v1/namespaces/${NS}/services/web:81/proxy/`);
    expect(port.json.message).toBe('no service port 81 found for service "web"');
    const name = await request(c, 'GET', `/api/v1/namespaces/${NS}/services/web:metrics/proxy/`);
    expect(name.json.message).toBe('no endpoints available for service "web:metrics"');
  });

  it('redirects the bare /proxy to /proxy/', async () => {
    const r = await request(c, 'GET', `/api/v1/namespaces/${NS}/services/web/proxy?a=b`);
    expect(r.status).toBe(301);
    expect(r.headers.location).toBe(`/api/v1/namespaces/${NS}/services/web/proxy/?a=b`);
  });
});

describe('pods/proxy and nodes/proxy', () => {
  it('reaches a pod on its first port or a named one; a closed port is a 503', async () => {
    const r = await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/api-0/proxy/healthz`);
    expect(r.status).toBe(200);
    expect(r.text).toBe('ok\n');
    const metrics = await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/api-0:http/proxy/metrics`);
    expect(metrics.text).toMatch(/^# HELP http_requests_total/m);
    const closed = await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/web-0:81/proxy/`);
    expect(closed.status).toBe(503);
    expect(closed.json.message).toMatch(/^error trying to reach service: dial tcp 10\.\d+\.\d+\.\d+:81: connect: connection refused$/);
  });

  it('serves the kubelet endpoints of a node', async () => {
    const node = (await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/web-0`)).json.spec.nodeName as string;
    expect((await request(c, 'GET', `/api/v1/nodes/${node}/proxy/healthz`)).text).toBe('ok');
    const pods = (await request(c, 'GET', `/api/v1/nodes/${node}/proxy/pods`)).json;
    expect(pods.kind).toBe('PodList');
    expect(pods.items.map((p: { metadata: { name: string } }) => p.metadata.name)).toContain('web-0');
    const summary = (await request(c, 'GET', `/api/v1/nodes/${node}/proxy/stats/summary`)).json;
    expect(summary.node.nodeName).toBe(node);
    const resource = (await request(c, 'GET', `/api/v1/nodes/${node}/proxy/metrics/resource`)).text;
    expect(resource).toMatch(/^node_memory_working_set_bytes \d+ \d+$/m);
    expect((await request(c, 'GET', '/api/v1/nodes/nope/proxy/healthz')).status).toBe(404);
  });

  it('is authorized as <resource>/proxy with the verb of the method', async () => {
    const asBob = { headers: { 'Impersonate-User': 'bob' } };
    const r = await request(c, 'GET', `/api/v1/namespaces/${NS}/services/web/proxy/`, asBob);
    expect(r.status).toBe(403);
    expect(r.json.message).toContain('cannot get resource "services/proxy" in API group "" in the namespace "px"');
    const p = await request(c, 'POST', `/api/v1/namespaces/${NS}/pods/web-0/proxy/`, asBob);
    expect(p.json.message).toContain('cannot create resource "pods/proxy"');
  });
});

describe.skipIf(!hasKubectl)('kubectl', () => {
  it('get --raw through services/proxy', async () => {
    const r = await kubectl(c, ['get', '--raw', `/api/v1/namespaces/${NS}/services/web:http/proxy/`]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('<h1>Welcome to nginx!</h1>');
  });

  it('kubectl proxy, then plain HTTP through it', async () => {
    const s = kubectlStream(c, ['proxy', '--port=0']);
    try {
      await s.saw(/Starting to serve on 127\.0\.0\.1:\d+/);
      const port = Number(/127\.0\.0\.1:(\d+)/.exec(s.output())![1]);
      const body = await new Promise<string>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: `/api/v1/namespaces/${NS}/services/api:8000/proxy/api/info` }, (res) => {
          let b = '';
          res.on('data', (d: Buffer) => (b += d.toString()));
          res.on('end', () => resolve(b));
        }).on('error', reject);
      });
      expect(JSON.parse(body)).toMatchObject({ service: 'cart', version: '1.4.2', pod: 'api-0', namespace: NS, port: 8080 });
    } finally {
      s.kill();
    }
  });
});
