/**
 * The kinds a v1.32 API server serves, through the real kubectl: `api-resources` lists what a 1.32 cluster
 * lists, and each added kind works end to end (columns, subresources, reviews, bootstrap objects).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
const k = (args: string[], input?: string) => kubectl(c, args, input);

beforeAll(async () => {
  c = await startTestCluster({ name: 'kinds' });
});
afterAll(async () => {
  await c?.stop();
});

/** `kubectl api-resources -o name` of a kind v1.32.x cluster (metrics.k8s.io appears once metrics-server runs). */
const UPSTREAM_1_32 = `bindings componentstatuses configmaps endpoints events limitranges namespaces nodes persistentvolumeclaims
persistentvolumes pods podtemplates replicationcontrollers resourcequotas secrets serviceaccounts services
mutatingwebhookconfigurations.admissionregistration.k8s.io validatingadmissionpolicies.admissionregistration.k8s.io
validatingadmissionpolicybindings.admissionregistration.k8s.io validatingwebhookconfigurations.admissionregistration.k8s.io
customresourcedefinitions.apiextensions.k8s.io apiservices.apiregistration.k8s.io controllerrevisions.apps daemonsets.apps
deployments.apps replicasets.apps statefulsets.apps selfsubjectreviews.authentication.k8s.io tokenreviews.authentication.k8s.io
localsubjectaccessreviews.authorization.k8s.io selfsubjectaccessreviews.authorization.k8s.io selfsubjectrulesreviews.authorization.k8s.io
subjectaccessreviews.authorization.k8s.io horizontalpodautoscalers.autoscaling cronjobs.batch jobs.batch
certificatesigningrequests.certificates.k8s.io leases.coordination.k8s.io endpointslices.discovery.k8s.io events.events.k8s.io
flowschemas.flowcontrol.apiserver.k8s.io prioritylevelconfigurations.flowcontrol.apiserver.k8s.io ingressclasses.networking.k8s.io
ingresses.networking.k8s.io networkpolicies.networking.k8s.io runtimeclasses.node.k8s.io poddisruptionbudgets.policy
clusterrolebindings.rbac.authorization.k8s.io clusterroles.rbac.authorization.k8s.io rolebindings.rbac.authorization.k8s.io
roles.rbac.authorization.k8s.io priorityclasses.scheduling.k8s.io csidrivers.storage.k8s.io csinodes.storage.k8s.io
csistoragecapacities.storage.k8s.io storageclasses.storage.k8s.io volumeattachments.storage.k8s.io`.split(/\s+/);

describe.skipIf(!hasKubectl)('kinds served like v1.32', () => {
  it('kubectl api-resources lists what a 1.32 cluster lists', async () => {
    const r = await k(['api-resources', '-o', 'name']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n').sort()).toEqual([...UPSTREAM_1_32].sort());
  });

  it('PodTemplates, ComponentStatuses and the bindings collection', async () => {
    const pt = 'apiVersion: v1\nkind: PodTemplate\nmetadata: {name: tpl}\ntemplate:\n  metadata: {labels: {app: t}}\n  spec: {containers: [{name: c, image: "nginx:1.27"}]}\n';
    expect((await k(['apply', '-f', '-'], pt)).code).toBe(0);
    expect((await k(['get', 'podtemplates'])).stdout).toMatch(/^NAME\s+CONTAINERS\s+IMAGES\s+POD LABELS\ntpl\s+c\s+nginx:1\.27\s+app=t\n/);
    const tpl = (await request(c, 'GET', '/api/v1/namespaces/default/podtemplates/tpl')).json;
    expect(tpl.template.spec.containers[0].imagePullPolicy).toBe('IfNotPresent');
    const cs = await k(['get', 'componentstatuses']);
    expect(cs.stderr).toContain('Warning: v1 ComponentStatus is deprecated in v1.19+');
    expect(cs.stdout).toMatch(/^NAME\s+STATUS\s+MESSAGE\s+ERROR\n/);
    expect(cs.stdout).toMatch(/\netcd-0\s+Healthy\s+ok\s*\n/);
    await request(c, 'POST', '/api/v1/namespaces/default/pods', { body: { metadata: { name: 'unbound' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } });
    const b = await request(c, 'POST', '/api/v1/namespaces/default/bindings', { body: { apiVersion: 'v1', kind: 'Binding', metadata: { name: 'unbound' }, target: { kind: 'Node', name: 'node-x' } } });
    expect(b.status).toBe(201);
    expect((await request(c, 'GET', '/api/v1/namespaces/default/pods/unbound')).json.spec.nodeName).toBe('node-x');
  });

  it('TokenReview and LocalSubjectAccessReview', async () => {
    const tr = await request(c, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', { body: { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenReview', spec: { token: c.token } } });
    expect(tr.status).toBe(201);
    expect(tr.json.status.authenticated).toBe(true);
    expect(tr.json.status.user.groups).toContain('system:masters');
    const bad = await request(c, 'POST', '/apis/authentication.k8s.io/v1/tokenreviews', { body: { spec: { token: 'nope' } } });
    expect(bad.json.status.authenticated).toBeUndefined();
    const lsar = (ns: string) => ({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'LocalSubjectAccessReview',
      spec: { user: 'jane', resourceAttributes: { namespace: ns, verb: 'get', resource: 'pods' } },
    });
    const r = await request(c, 'POST', '/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews', { body: lsar('default') });
    expect(r.status).toBe(201);
    expect(r.json.status.allowed).toBe(false);
    const mismatch = await request(c, 'POST', '/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews', { body: lsar('other') });
    expect(mismatch.status).toBe(400);
    expect(mismatch.json.message).toBe('spec.resourceAttributes.namespace must match namespace: default');
  });

  it('kubectl certificate approve / deny through the approval subresource', async () => {
    const csr = (name: string) => `apiVersion: certificates.k8s.io/v1
kind: CertificateSigningRequest
metadata: {name: ${name}}
spec:
  request: ${Buffer.from('-----BEGIN CERTIFICATE REQUEST-----\nMIIB\n-----END CERTIFICATE REQUEST-----\n').toString('base64')}
  signerName: kubernetes.io/kube-apiserver-client
  expirationSeconds: 86400
  usages: [client auth]
`;
    for (const n of ['jane', 'joe']) expect((await k(['apply', '-f', '-'], csr(n))).code).toBe(0);
    const pending = await k(['get', 'csr', 'jane']);
    expect(pending.stdout).toMatch(/^NAME\s+AGE\s+SIGNERNAME\s+REQUESTOR\s+REQUESTEDDURATION\s+CONDITION\njane\s+\S+\s+kubernetes\.io\/kube-apiserver-client\s+sandbox-admin\s+24h|1440m\s+Pending/);
    const ok = await k(['certificate', 'approve', 'jane']);
    expect(ok.stderr).toBe('');
    expect(ok.stdout).toContain('certificatesigningrequest.certificates.k8s.io/jane approved');
    expect((await k(['certificate', 'deny', 'joe'])).stdout).toContain('certificatesigningrequest.certificates.k8s.io/joe denied');
    const got = (await request(c, 'GET', '/apis/certificates.k8s.io/v1/certificatesigningrequests/jane')).json;
    expect(got.status.conditions[0]).toMatchObject({ type: 'Approved', status: 'True', reason: 'KubectlApprove' });
    expect((await k(['get', 'csr'])).stdout).toMatch(/\njane\s.*Approved\n[\s\S]*joe\s.*Denied\n/);
  });

  it('admission configuration, RuntimeClasses and CSI objects are stored and printed', async () => {
    const objs = `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingWebhookConfiguration
metadata: {name: vwc}
webhooks:
- name: v.example.com
  clientConfig: {url: "https://example.com/validate"}
  admissionReviewVersions: [v1]
  sideEffects: None
---
apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: replicas}
spec:
  matchConstraints: {resourceRules: [{apiGroups: [apps], apiVersions: [v1], operations: [CREATE], resources: [deployments]}]}
  validations: [{expression: "object.spec.replicas <= 5"}]
---
apiVersion: node.k8s.io/v1
kind: RuntimeClass
metadata: {name: gvisor}
handler: runsc
---
apiVersion: storage.k8s.io/v1
kind: CSIDriver
metadata: {name: csi.example.com}
spec: {attachRequired: false}
`;
    const r = await k(['apply', '-f', '-'], objs);
    expect(r.stderr).toBe('');
    expect((await k(['get', 'validatingwebhookconfigurations'])).stdout).toMatch(/^NAME\s+WEBHOOKS\s+AGE\nvwc\s+1\s+/);
    expect((await k(['get', 'validatingadmissionpolicies'])).stdout).toMatch(/^NAME\s+VALIDATIONS\s+PARAMKIND\s+AGE\nreplicas\s+1\s+<unset>\s+/);
    expect((await k(['get', 'runtimeclass'])).stdout).toMatch(/^NAME\s+HANDLER\s+AGE\ngvisor\s+runsc\s+/);
    expect((await k(['get', 'csidrivers'])).stdout).toMatch(/\ncsi\.example\.com\s+false\s+false\s+false\s+<unset>\s+false\s+Persistent\s+/);
  });

  it('APIServices list the built-in groups; flow control has its bootstrap objects', async () => {
    const a = await k(['get', 'apiservices']);
    expect(a.stdout).toMatch(/^NAME\s+SERVICE\s+AVAILABLE\s+AGE\n/);
    expect(a.stdout).toMatch(/\nv1\.\s+Local\s+True\s+/);
    expect(a.stdout).toMatch(/\nv1\.apps\s+Local\s+True\s+/);
    expect(a.stdout).toMatch(/\nv2\.autoscaling\s+Local\s+True\s+/);
    const fs = await k(['get', 'flowschemas']);
    expect(fs.stdout).toMatch(/^NAME\s+PRIORITYLEVEL\s+MATCHINGPRECEDENCE\s+DISTINGUISHERMETHOD\s+AGE\s+MISSINGPL\n[\s\S]*\nexempt\s+exempt\s+1\s+<none>\s+\S+\s+False\n/);
    expect(fs.stdout).toMatch(/\ncatch-all\s+catch-all\s+10000\s+ByUser\s+\S+\s+False\n/);
    const pl = await k(['get', 'prioritylevelconfigurations']);
    expect(pl.stdout).toMatch(/\nworkload-low\s+Limited\s+100\s+128\s+6\s+50\s+/);
    expect(pl.stdout).toMatch(/\nexempt\s+Exempt\s+<none>\s+<none>\s+<none>\s+<none>\s+/);
  });

  it('the bootstrap RBAC policy is upstream\'s: system roles, controller roles and bindings, kube-system Roles', async () => {
    const roles = (await k(['get', 'clusterroles', '-o', 'name'])).stdout.trim().split('\n');
    for (const name of [
      'system:auth-delegator', 'system:monitoring', 'system:node', 'system:node-proxier', 'system:kube-scheduler', 'system:kube-controller-manager',
      'system:volume-scheduler', 'system:certificates.k8s.io:kube-apiserver-client-approver', 'system:controller:deployment-controller',
      'system:controller:generic-garbage-collector', 'system:controller:namespace-controller', 'system:service-account-issuer-discovery',
    ]) expect(roles).toContain(`clusterrole.rbac.authorization.k8s.io/${name}`);
    expect(roles.length).toBeGreaterThanOrEqual(64);
    const rb = await k(['get', 'clusterrolebinding', 'system:controller:deployment-controller', '-o', 'wide']);
    expect(rb.stdout).toMatch(/ClusterRole\/system:controller:deployment-controller\s+\S+\s+\S*\s*kube-system\/deployment-controller/);
    expect((await k(['get', 'roles', '-n', 'kube-system', '-o', 'name'])).stdout).toContain('role.rbac.authorization.k8s.io/system::leader-locking-kube-scheduler');
    expect((await k(['get', 'rolebindings', '-n', 'kube-public', '-o', 'name'])).stdout).toContain('rolebinding.rbac.authorization.k8s.io/system:controller:bootstrap-signer');
    // the bindings take effect: the scheduler may bind pods, not delete namespaces; system:monitoring reads /metrics
    expect((await k(['auth', 'can-i', 'create', 'pods', '--subresource=binding', '--as=system:kube-scheduler', '-n', 'default'])).stdout.trim()).toBe('yes');
    expect((await k(['auth', 'can-i', 'delete', 'namespaces', '--as=system:kube-scheduler'])).stdout.trim()).toBe('no');
    expect((await k(['auth', 'can-i', 'get', '/metrics', '--as=prom', '--as-group=system:monitoring'])).stdout.trim()).toBe('yes');
    expect((await k(['get', '--raw', '/metrics', '--as=prom', '--as-group=system:monitoring'])).code).toBe(0);
  });
});
