/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON here */
/**
 * Fidelity sweep findings, checked with the real /usr/bin/kubectl against a sandbox (no simulated
 * control plane, so every test is fast): things a real v1.32 cluster does that kubectl users see —
 * `apply --prune`'s default allowlist, PriorityClasses, IngressClasses, what pod admission adds,
 * `auth can-i --list` for a cluster admin, the kubelet's wording for logs of a container that cannot
 * pull its image, Event names.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';
import { EventRecorder } from '../controllers/lib/events';

let c: TestCluster;
const k = (args: string[], input?: string) => kubectl(c, args, input);
const pods = { group: '', version: 'v1', resource: 'pods' };

beforeAll(async () => {
  c = await startTestCluster();
});
afterAll(async () => {
  await c?.stop();
});

describe.skipIf(!hasKubectl)('kubectl fidelity', () => {
  it('apply --prune -l prunes with the default allowlist (which names ReplicationController)', async () => {
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, namespace: default, labels: {set: p}}\ndata: {k: v}\n`;
    const both = path.join(c.dir, 'both.yaml');
    const one = path.join(c.dir, 'one.yaml');
    fs.writeFileSync(both, `${cm('cm-a')}---\n${cm('cm-b')}`);
    fs.writeFileSync(one, cm('cm-a'));
    expect((await k(['apply', '-f', both])).code).toBe(0);
    const r = await k(['apply', '--prune', '-l', 'set=p', '-f', one]);
    expect(r.stderr).not.toContain('error');
    expect(r.stdout).toContain('configmap/cm-b pruned');
    const rc = await k(['get', 'rc', '-A']);
    expect(rc.code).toBe(0);
    expect(rc.stderr).toContain('No resources found');
  });

  it('serves ReplicationControllers with defaults, columns and a scale subresource', async () => {
    const rc = 'apiVersion: v1\nkind: ReplicationController\nmetadata: {name: legacy}\nspec:\n  replicas: 2\n  template:\n    metadata: {labels: {app: legacy}}\n    spec: {containers: [{name: c, image: "nginx:1.27"}]}\n';
    expect((await k(['apply', '-f', '-'], rc)).code).toBe(0);
    const wide = await k(['get', 'rc', 'legacy', '-o', 'wide']);
    expect(wide.stdout).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR/);
    expect(wide.stdout).toMatch(/legacy\s+2\s+0\s+0\s+\S+\s+c\s+nginx:1\.27\s+app=legacy/);
    const scale = await request(c, 'GET', '/api/v1/namespaces/default/replicationcontrollers/legacy/scale');
    expect(scale.json.status.selector).toBe('app=legacy');
    expect((await k(['scale', 'rc/legacy', '--replicas=3'])).stdout).toContain('replicationcontroller/legacy scaled');
  });

  it('serves scheduling.k8s.io PriorityClasses, seeded with the two system classes', async () => {
    expect((await k(['create', 'priorityclass', 'high', '--value=1000', '--description=important'])).stdout).toContain('priorityclass.scheduling.k8s.io/high created');
    const r = await k(['get', 'pc']);
    expect(r.stdout).toMatch(/^NAME\s+VALUE\s+GLOBAL-DEFAULT\s+AGE\s+PREEMPTIONPOLICY\n/);
    expect(r.stdout).toMatch(/\nhigh\s+1000\s+false\s+\S+\s+PreemptLowerPriority\n/);
    expect(r.stdout).toMatch(/\nsystem-cluster-critical\s+2000000000\s+false/);
    expect(r.stdout).toMatch(/\nsystem-node-critical\s+2000001000\s+false/);
  });

  it('serves IngressClasses', async () => {
    const ic = 'apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}\n';
    expect((await k(['apply', '-f', '-'], ic)).code).toBe(0);
    const r = await k(['get', 'ingressclass']);
    expect(r.stdout).toMatch(/^NAME\s+CONTROLLER\s+PARAMETERS\s+AGE\nnginx\s+k8s\.io\/ingress-nginx\s+<none>\s+/);
  });

  it('a created Pod gets what admission adds; its template owner does not', async () => {
    expect((await k(['run', 'p1', '--image=nginx:1.27'])).code).toBe(0);
    const pod = JSON.parse((await k(['get', 'pod', 'p1', '-o', 'json'])).stdout);
    expect(pod.spec.serviceAccountName).toBe('default');
    expect(pod.spec.serviceAccount).toBe('default');
    expect(pod.spec.priority).toBe(0);
    expect(pod.spec.preemptionPolicy).toBe('PreemptLowerPriority');
    expect(pod.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ]);
    const vol = pod.spec.volumes[0];
    expect(vol.name).toMatch(/^kube-api-access-[a-z0-9]{5}$/);
    expect(pod.spec.containers[0].volumeMounts).toEqual([{ name: vol.name, readOnly: true, mountPath: '/var/run/secrets/kubernetes.io/serviceaccount' }]);
    const d = await k(['describe', 'pod', 'p1']);
    expect(d.stdout).toContain(`/var/run/secrets/kubernetes.io/serviceaccount from ${vol.name} (ro)`);
    expect(d.stdout).toMatch(/Tolerations:\s+node\.kubernetes\.io\/not-ready:NoExecute op=Exists for 300s/);

    expect((await k(['create', 'deployment', 'tpl', '--image=nginx:1.27'])).code).toBe(0);
    const dep = JSON.parse((await k(['get', 'deploy', 'tpl', '-o', 'json'])).stdout);
    const tpl = dep.spec.template.spec;
    expect(tpl.serviceAccountName).toBeUndefined();
    expect(tpl.tolerations).toBeUndefined();
    expect(tpl.volumes).toBeUndefined();
  });

  it('auth can-i --list for a cluster admin lists what the bindings grant, not only *.*', async () => {
    const r = await k(['auth', 'can-i', '--list']);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toMatch(/^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]/);
    expect(r.stdout).toMatch(/\nselfsubjectaccessreviews\.authorization\.k8s\.io\s+\[\]\s+\[\]\s+\[create\]/);
    expect(r.stdout).toMatch(/\s\[\/healthz\]\s+\[\]\s+\[get\]/);
  });

  it('logs of a container that cannot pull its image use the kubelet wording', async () => {
    const live = await startTestCluster({ noRuntime: false, scenario: 'empty', speed: 50 });
    try {
      expect((await kubectl(live, ['run', 'nopull', '--image=registry.example/missing:1'])).code).toBe(0);
      await eventually(() => (live.client.get(pods, 'default', 'nopull') as any)?.status?.containerStatuses?.[0]?.state?.waiting?.reason === 'ImagePullBackOff');
      const r = await kubectl(live, ['logs', 'nopull']);
      expect(r.code).toBe(1);
      // the kubelet alternates ErrImagePull and ImagePullBackOff while retrying: either upstream wording, never the raw reason
      expect(r.stderr).toMatch(/Error from server \(BadRequest\): container "nopull" in pod "nopull" is waiting to start: (trying and failing to pull image|image can't be pulled)\n/);
    } finally {
      await live.stop();
    }
  });

  it('names Events "<object>.<UnixNano in hex>" like client-go', async () => {
    const rec = new EventRecorder(c.client);
    const cm = c.client.create({ ...pods, resource: 'configmaps' }, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'evt', namespace: 'default' } });
    const before = BigInt(Date.now()) * 1_000_000n;
    rec.record(cm, 'Normal', 'Tested', 'first', { component: 'test' });
    rec.record(cm, 'Normal', 'Tested', 'second', { component: 'test' });
    rec.stop();
    const names = (await k(['get', 'events', '--field-selector', 'involvedObject.name=evt', '-o', 'name'])).stdout.trim().split('\n');
    expect(names).toHaveLength(2);
    for (const n of names) {
      const m = /^event\/evt\.([0-9a-f]{16})$/.exec(n);
      expect(m).toBeTruthy();
      const ns = BigInt(`0x${m![1]}`);
      expect(ns >= before && ns < before + 60_000_000_000n).toBe(true);
    }
    expect(names[0]).not.toBe(names[1]);
  });
});
