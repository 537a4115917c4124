/**
 * The decisive test: the real kubectl (v1.32 behaviour) runs every `create <kind>` generator against a tiny
 * loopback server that decodes the protobuf bodies with decodeProtobufObject and answers 201 with the JSON.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { type CaptureServer, startCaptureServer } from './kubectl-capture';

const hasKubectl = existsSync('/usr/bin/kubectl');

function hasOpenssl(): boolean {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe.skipIf(!hasKubectl)('kubectl create <kind> protobuf bodies (real kubectl)', () => {
  let server: CaptureServer;
  let tlsDir: string;

  beforeAll(async () => {
    server = await startCaptureServer();
    tlsDir = mkdtempSync(path.join(tmpdir(), 'pb-tls-'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(tlsDir, { recursive: true, force: true });
  });

  /** Runs kubectl, expects exit 0 and exactly one protobuf POST; returns its URL and decoded object. */
  async function create(...args: string[]): Promise<{ url: string; obj: KObject }> {
    const before = server.requests.length;
    const r = await server.kubectl(['create', ...args]);
    const posts = server.requests.slice(before).filter((q) => q.method === 'POST');
    expect(posts.map((p) => p.error ?? 'ok')).toEqual(['ok']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(posts[0].contentType).toBe('application/vnd.kubernetes.protobuf');
    return { url: posts[0].url.split('?')[0], obj: posts[0].object as KObject };
  }

  it('namespace', async () => {
    const { url, obj } = await create('namespace', 'x');
    expect(url).toBe('/api/v1/namespaces');
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x' }, spec: {}, status: {} });
  });

  it('deployment', async () => {
    const { url, obj } = await create('deployment', 'web', '--image=nginx:1.25', '--replicas=3', '--port=80');
    expect(url).toBe('/apis/apps/v1/namespaces/default/deployments');
    expect(obj.metadata).toEqual({ name: 'web', labels: { app: 'web' } });
    expect(obj.spec).toEqual({
      replicas: 3,
      selector: { matchLabels: { app: 'web' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], resources: {} }] },
      },
      strategy: {},
    });
  });

  it('configmap', async () => {
    const { obj } = await create('configmap', 'c', '--from-literal=a=b', '--from-literal=empty=');
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b', empty: '' } });
  });

  it('configmap with binary file content (binaryData bytes → base64)', async () => {
    const file = path.join(tlsDir, 'blob.bin');
    writeFileSync(file, Buffer.from([0xff, 0xfe, 0x00, 0x01]));
    const { obj } = await create('configmap', 'bin', `--from-file=${file}`);
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'bin' }, binaryData: { 'blob.bin': '//4AAQ==' } });
  });

  it('secret generic', async () => {
    const { obj } = await create('secret', 'generic', 's', '--from-literal=k=v', '--type=example.com/t');
    expect(obj).toEqual({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { k: b64('v') }, type: 'example.com/t' });
  });

  it('secret docker-registry', async () => {
    const { obj } = await create('secret', 'docker-registry', 'd', '--docker-server=r.io', '--docker-username=u', '--docker-password=p');
    expect(obj.type).toBe('kubernetes.io/dockerconfigjson');
    const cfg = JSON.parse(Buffer.from((obj.data as Record<string, string>)['.dockerconfigjson'], 'base64').toString());
    expect(cfg).toEqual({ auths: { 'r.io': { username: 'u', password: 'p', auth: b64('u:p') } } });
  });

  it.skipIf(!hasOpenssl())('secret tls', async () => {
    const [crt, key] = [path.join(tlsDir, 'tls.crt'), path.join(tlsDir, 'tls.key')];
    execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', key, '-out', crt, '-subj', '/CN=test', '-days', '1'], { stdio: 'ignore' });
    const { obj } = await create('secret', 'tls', 't', `--cert=${crt}`, `--key=${key}`);
    expect(obj.type).toBe('kubernetes.io/tls');
    const data = obj.data as Record<string, string>;
    expect(Buffer.from(data['tls.crt'], 'base64').toString()).toContain('-----BEGIN CERTIFICATE-----');
    expect(Buffer.from(data['tls.key'], 'base64').toString()).toContain('PRIVATE KEY-----');
  });

  it('service clusterip / nodeport / loadbalancer / externalname', async () => {
    const cip = await create('service', 'clusterip', 'svc', '--tcp=80:8080');
    expect(cip.url).toBe('/api/v1/namespaces/default/services');
    expect(cip.obj).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'svc', labels: { app: 'svc' } },
      spec: { ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080 }], selector: { app: 'svc' }, type: 'ClusterIP' },
      status: { loadBalancer: {} },
    });
    const headless = await create('service', 'clusterip', 'headless', '--clusterip=None');
    expect(headless.obj.spec).toEqual({ selector: { app: 'headless' }, clusterIP: 'None', type: 'ClusterIP' });
    const np = await create('service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080');
    expect(np.obj.spec).toMatchObject({ type: 'NodePort', ports: [{ port: 80, targetPort: 8080, nodePort: 30080, protocol: 'TCP' }] });
    const lb = await create('service', 'loadbalancer', 'lb', '--tcp=443:https');
    expect(lb.obj.spec).toMatchObject({ type: 'LoadBalancer', ports: [{ name: '443-https', port: 443, targetPort: 'https' }] });
    const en = await create('service', 'externalname', 'en', '--external-name=example.com');
    expect(en.obj.spec).toEqual({ selector: { app: 'en' }, type: 'ExternalName', externalName: 'example.com' });
  });

  it('job, cronjob and job --from=cronjob', async () => {
    const job = await create('job', 'j', '--image=busybox', '--', 'echo', 'hi');
    expect(job.url).toBe('/apis/batch/v1/namespaces/default/jobs');
    expect(job.obj.spec).toEqual({
      template: {
        metadata: {},
        spec: { containers: [{ name: 'j', image: 'busybox', command: ['echo', 'hi'], resources: {} }], restartPolicy: 'Never' },
      },
    });
    const cj = await create('cronjob', 'cj', '--image=busybox', '--schedule=*/1 * * * *', '--', 'date');
    expect(cj.url).toBe('/apis/batch/v1/namespaces/default/cronjobs');
    expect(cj.obj.spec).toEqual({
      schedule: '*/1 * * * *',
      jobTemplate: {
        metadata: { name: 'cj' },
        spec: {
          template: {
            metadata: {},
            spec: { containers: [{ name: 'cj', image: 'busybox', command: ['date'], resources: {} }], restartPolicy: 'OnFailure' },
          },
        },
      },
    });
    // kubectl reads the CronJob back (JSON from our server) and sends a Job owned by it
    const from = await create('job', 'manual', '--from=cronjob/cj');
    expect(from.obj.metadata).toMatchObject({
      name: 'manual',
      annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'cj', controller: true }],
    });
    expect((from.obj.metadata.ownerReferences as { uid: string }[])[0].uid).toMatch(/^uid-/);
    expect((from.obj.spec as { template: unknown }).template).toEqual((cj.obj.spec as { jobTemplate: { spec: { template: unknown } } }).jobTemplate.spec.template);
  });

  it('serviceaccount and token', async () => {
    const sa = await create('serviceaccount', 'sa');
    expect(sa.obj).toEqual({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'sa' } });
    const before = server.requests.length;
    const r = await server.kubectl(['create', 'token', 'sa', '--audience=api', '--duration=2h', '--bound-object-kind=Secret', '--bound-object-name=sec', '--bound-object-uid=123']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('captured-token');
    const post = server.requests.slice(before).find((q) => q.method === 'POST');
    expect(post?.url).toBe('/api/v1/namespaces/default/serviceaccounts/sa/token');
    expect(post?.object?.spec).toEqual({
      audiences: ['api'],
      expirationSeconds: 7200,
      boundObjectRef: { kind: 'Secret', apiVersion: 'v1', name: 'sec', uid: '123' },
    });
  });

  it('role, clusterrole, rolebinding, clusterrolebinding', async () => {
    const role = await create('role', 'r', '--verb=get', '--verb=list', '--resource=pods', '--resource=pods/log');
    expect(role.url).toBe('/apis/rbac.authorization.k8s.io/v1/namespaces/default/roles');
    expect(role.obj.rules).toEqual([{ verbs: ['get', 'list'], apiGroups: [''], resources: ['pods', 'pods/log'] }]);
    const cr = await create('clusterrole', 'cr', '--verb=get,list', '--resource=deployments.apps', '--resource-name=x');
    expect(cr.url).toBe('/apis/rbac.authorization.k8s.io/v1/clusterroles');
    expect(cr.obj.rules).toEqual([{ verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['x'] }]);
    const nonRes = await create('clusterrole', 'health', '--verb=get', '--non-resource-url=/healthz');
    expect(nonRes.obj.rules).toEqual([{ verbs: ['get'], nonResourceURLs: ['/healthz'] }]);
    const rb = await create('rolebinding', 'rb', '--role=r', '--user=u');
    expect(rb.obj).toMatchObject({
      subjects: [{ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: 'u' }],
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'r' },
    });
    const crb = await create('clusterrolebinding', 'crb', '--clusterrole=cr', '--serviceaccount=default:sa', '--group=g');
    expect(crb.obj.subjects).toEqual([
      { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'g' },
      { kind: 'ServiceAccount', name: 'sa', namespace: 'default' },
    ]);
    expect(crb.obj.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cr' });
  });

  it('quota', async () => {
    const { url, obj } = await create('quota', 'q', '--hard=pods=10,cpu=2,memory=1Gi', '--scopes=NotTerminating');
    expect(url).toBe('/api/v1/namespaces/default/resourcequotas');
    expect(obj.spec).toEqual({ hard: { pods: '10', cpu: '2', memory: '1Gi' }, scopes: ['NotTerminating'] });
  });

  it('ingress', async () => {
    const { url, obj } = await create('ingress', 'ing', '--class=nginx', '--rule=foo.com/bar=svc1:8080', '--rule=tls.com/*=svc2:http,tls=sec');
    expect(url).toBe('/apis/networking.k8s.io/v1/namespaces/default/ingresses');
    expect(obj.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['tls.com'], secretName: 'sec' }],
      rules: [
        { host: 'foo.com', http: { paths: [{ path: '/bar', pathType: 'Exact', backend: { service: { name: 'svc1', port: { number: 8080 } } } }] } },
        { host: 'tls.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'svc2', port: { name: 'http' } } } }] } },
      ],
    });
  });

  it('poddisruptionbudget', async () => {
    const min = await create('poddisruptionbudget', 'pdb', '--selector=app=x', '--min-available=1');
    expect(min.url).toBe('/apis/policy/v1/namespaces/default/poddisruptionbudgets');
    expect(min.obj.spec).toEqual({ minAvailable: 1, selector: { matchLabels: { app: 'x' } } });
    const max = await create('pdb', 'pdb2', '--selector=app=y', '--max-unavailable=50%');
    expect(max.obj.spec).toEqual({ maxUnavailable: '50%', selector: { matchLabels: { app: 'y' } } });
  });

  it('autoscale (not a create generator, but a protobuf POST too)', async () => {
    await create('deployment', 'scaled', '--image=nginx');
    const before = server.requests.length;
    const r = await server.kubectl(['autoscale', 'deployment', 'scaled', '--min=2', '--max=5', '--cpu-percent=80']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const post = server.requests.slice(before).find((q) => q.method === 'POST');
    expect(post?.contentType).toBe('application/vnd.kubernetes.protobuf');
    expect(post?.url.split('?')[0]).toBe('/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers');
    expect(post?.object).toEqual({
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'scaled' },
      spec: { scaleTargetRef: { kind: 'Deployment', name: 'scaled', apiVersion: 'apps/v1' }, minReplicas: 2, maxReplicas: 5, targetCPUUtilizationPercentage: 80 },
      status: { currentReplicas: 0, desiredReplicas: 0 },
    });
  });

  it('priorityclass', async () => {
    const { url, obj } = await create('priorityclass', 'pc', '--value=1000', '--description=d', '--preemption-policy=Never', '--global-default');
    expect(url).toBe('/apis/scheduling.k8s.io/v1/priorityclasses');
    expect(obj).toEqual({
      apiVersion: 'scheduling.k8s.io/v1',
      kind: 'PriorityClass',
      metadata: { name: 'pc' },
      value: 1000,
      globalDefault: true,
      description: 'd',
      preemptionPolicy: 'Never',
    });
  });
});
