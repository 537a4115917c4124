/**
 * The container userland kept in step with the store, seen through kubectl exec: environment with valueFrom,
 * configMap/secret/downwardAPI volumes (and the ..data swap when the ConfigMap changes), the service-account
 * token the sandbox accepts, emptyDir shared between containers, a PVC's files surviving the pod.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, kubectl, request, type TestCluster } from '../test-helpers';
import { NS, startExecCluster, waitRunning } from './testing';

let c: TestCluster;

const podSpec = {
  volumes: [
    { name: 'cfg', configMap: { name: 'app-config' } },
    { name: 'sec', secret: { secretName: 'app-secret' } },
    { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }] } },
    { name: 'scratch', emptyDir: {} },
    { name: 'data', persistentVolumeClaim: { claimName: 'data' } },
  ],
  containers: [
    {
      name: 'app',
      image: 'nginx:1.27',
      env: [
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'mode' } } },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'app-secret', key: 'password' } } },
        { name: 'POD_NAME', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
        { name: 'GREETING', value: 'hi-$(POD_NAME)' },
      ],
      volumeMounts: [
        { name: 'cfg', mountPath: '/etc/app' },
        { name: 'sec', mountPath: '/etc/secret', readOnly: true },
        { name: 'info', mountPath: '/etc/podinfo' },
        { name: 'scratch', mountPath: '/scratch' },
        { name: 'data', mountPath: '/data' },
      ],
    },
    { name: 'side', image: 'busybox:1.36', command: ['sleep', '3600'], volumeMounts: [{ name: 'scratch', mountPath: '/shared' }] },
  ],
};

const exec = (pod: string, container: string, script: string) => kubectl(c, ['exec', '-n', NS, pod, '-c', container, '--', 'sh', '-c', script]);

beforeAll(async () => {
  c = await startExecCluster('ul', []);
  await request(c, 'POST', `/api/v1/namespaces/${NS}/configmaps`, { body: { metadata: { name: 'app-config' }, data: { mode: 'fast', 'app.conf': 'level=1\n' } } });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/secrets`, { body: { metadata: { name: 'app-secret' }, stringData: { password: 's3cret' } } });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/persistentvolumeclaims`, {
    body: { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } },
  });
  await request(c, 'POST', `/api/v1/namespaces/${NS}/pods`, { body: { metadata: { name: 'app', labels: { tier: 'web' } }, spec: podSpec } });
  await waitRunning(c, 'app');
}, 60_000);
afterAll(async () => {
  await c?.stop();
});

describe.skipIf(!hasKubectl)('container userland', () => {
  it('environment from the spec with valueFrom and $(VAR) resolved, plus service links', async () => {
    const r = await exec('app', 'app', 'echo $MODE $PASSWORD $POD_NAME $GREETING; echo $KUBERNETES_SERVICE_HOST:$KUBERNETES_SERVICE_PORT');
    expect(r.stdout).toBe('fast s3cret app hi-app\n10.96.0.1:443\n');
  });

  it('kubelet-managed files: hostname, hosts, resolv.conf with the cluster search domains', async () => {
    const r = await exec('app', 'app', 'cat /etc/hostname; grep app /etc/hosts | wc -l; cat /etc/resolv.conf');
    expect(r.stdout).toBe(`app\n1\nsearch ${NS}.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n`);
  });

  it('configMap, secret and downwardAPI volumes as files, read-only, behind ..data', async () => {
    const r = await exec('app', 'app', 'cat /etc/app/app.conf /etc/secret/password; echo; cat /etc/podinfo/labels; echo; readlink /etc/app/mode; touch /etc/secret/x');
    expect(r.stdout).toBe('level=1\ns3cret\ntier="web"\n..data/mode\n');
    expect(r.stderr).toContain('Read-only file system');
  });

  it('a ConfigMap change swaps ..data to a new timestamped directory', async () => {
    const before = (await exec('app', 'app', 'readlink /etc/app/..data')).stdout.trim();
    await request(c, 'PATCH', `/api/v1/namespaces/${NS}/configmaps/app-config`, { body: { data: { 'app.conf': 'level=2\n' } }, contentType: 'application/merge-patch+json' });
    await eventually(async () => (await exec('app', 'app', 'cat /etc/app/app.conf')).stdout === 'level=2\n', 20_000);
    const r = await exec('app', 'app', 'readlink /etc/app/..data; ls -a /etc/app');
    const [after] = r.stdout.split('\n');
    expect(after).not.toBe(before);
    expect(after).toMatch(/^\.\.\d{4}_\d\d_\d\d_\d\d_\d\d_\d\d\.\d{9}$/);
    expect(r.stdout).not.toContain(before);
  });

  it('the service-account token is one the sandbox accepts', async () => {
    const r = await exec('app', 'app', 'cat /var/run/secrets/kubernetes.io/serviceaccount/namespace; echo; cat /var/run/secrets/kubernetes.io/serviceaccount/token');
    const [ns, token] = r.stdout.split('\n');
    expect(ns).toBe(NS);
    const ca = await exec('app', 'app', 'cat /var/run/secrets/kubernetes.io/serviceaccount/ca.crt');
    expect(ca.stdout).toBe(c.caPem);
    const who = await request(c, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }, token });
    expect(who.json.status.userInfo.username).toBe(`system:serviceaccount:${NS}:default`);
  });

  it('emptyDir is shared between the pod containers', async () => {
    await exec('app', 'app', 'echo from-app > /scratch/note');
    expect((await exec('app', 'side', 'cat /shared/note')).stdout).toBe('from-app\n');
  });

  it("a PVC's files survive the pod being replaced", async () => {
    await exec('app', 'app', 'echo kept > /data/file');
    await request(c, 'DELETE', `/api/v1/namespaces/${NS}/pods/app`);
    await eventually(async () => (await request(c, 'GET', `/api/v1/namespaces/${NS}/pods/app`)).status === 404, 20_000);
    await request(c, 'POST', `/api/v1/namespaces/${NS}/pods`, { body: { metadata: { name: 'app', labels: { tier: 'web' } }, spec: podSpec } });
    await waitRunning(c, 'app');
    expect((await exec('app', 'app', 'cat /data/file; ls /scratch | wc -l')).stdout).toBe('kept\n0\n');
  });
});
