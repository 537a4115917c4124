/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON here */
/**
 * Admission, defaulting and validation as a real 1.32 API server does them, through the real kubectl:
 * unknown fields per fieldValidation (never stored), immortal namespaces, Service clusterIP immutability,
 * upstream defaults, CronJob schedule syntax, server-side apply keeping kubectl's last-applied annotation,
 * and the OpenAPI v2 form of CRD schemas that preserve unknown fields.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';

let c: TestCluster;
const k = (args: string[], input?: string) => kubectl(c, args, input);
const file = (name: string, text: string) => {
  const p = path.join(c.dir, name);
  fs.writeFileSync(p, text);
  return p;
};

beforeAll(async () => {
  c = await startTestCluster({ name: 'admit' });
});
afterAll(async () => {
  await c?.stop();
});

describe.skipIf(!hasKubectl)('admission through kubectl', () => {
  it('unknown fields: warned (Warn), refused (Strict), dropped (Ignore), never stored', async () => {
    const cm = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}, bogusMeta: 1}\ndata: {a: b}\nbogus: {x: 1}\n`;
    const warn = await k(['create', '--validate=warn', '-f', file('w.yaml', cm('uf-warn'))]);
    expect(warn.code).toBe(0);
    expect(warn.stderr).toContain('Warning: unknown field "bogus"');
    expect(warn.stderr).toContain('Warning: unknown field "metadata.bogusMeta"');
    const strict = await k(['create', '--validate=strict', '-f', file('s.yaml', cm('uf-strict'))]);
    expect(strict.code).not.toBe(0);
    expect(strict.stderr).toContain('strict decoding error: unknown field "bogus"');
    expect((await k(['create', '--validate=false', '-f', file('i.yaml', cm('uf-ignore'))])).code).toBe(0);
    for (const name of ['uf-warn', 'uf-ignore']) {
      const stored = (await request(c, 'GET', `/api/v1/namespaces/default/configmaps/${name}`)).json;
      expect(stored.bogus).toBeUndefined();
      expect(stored.metadata.bogusMeta).toBeUndefined();
      expect(JSON.stringify(stored.metadata.managedFields)).not.toContain('bogus');
    }
    expect((await request(c, 'GET', '/api/v1/namespaces/default/configmaps/uf-strict')).status).toBe(404);
  });

  it('the four system namespaces cannot be deleted; delete ns --all leaves them', async () => {
    const r = await k(['delete', 'ns', 'default']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
    expect((await k(['create', 'ns', 'scratch'])).code).toBe(0);
    const all = await k(['delete', 'ns', '--all', '--wait=false']);
    expect(all.stdout).toContain('namespace "scratch" deleted');
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      expect(all.stderr).toContain(`namespaces "${ns}" is forbidden: this namespace may not be deleted`);
      const got = (await request(c, 'GET', `/api/v1/namespaces/${ns}`)).json;
      expect(got.metadata.deletionTimestamp).toBeUndefined();
    }
  });

  it('Service clusterIP is kept when omitted and may not change once set; nodePorts are allocated and kept', async () => {
    expect((await k(['create', 'service', 'nodeport', 'np', '--tcp=80:8080'])).code).toBe(0);
    const before = (await request(c, 'GET', '/api/v1/namespaces/default/services/np')).json;
    expect(before.spec.clusterIPs).toEqual([before.spec.clusterIP]);
    expect(before.spec.ports[0].nodePort).toBeGreaterThanOrEqual(30000);
    expect(before.spec.externalTrafficPolicy).toBe('Cluster');
    const omit = { ...before, spec: { ...before.spec, clusterIP: undefined, clusterIPs: undefined, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP', name: '80-8080' }] } };
    const replaced = await k(['replace', '-f', file('np.json', JSON.stringify(omit))]);
    expect(replaced.code).toBe(0);
    const after = (await request(c, 'GET', '/api/v1/namespaces/default/services/np')).json;
    expect(after.spec.clusterIP).toBe(before.spec.clusterIP);
    expect(after.spec.clusterIPs).toEqual(before.spec.clusterIPs);
    expect(after.spec.ports[0].nodePort).toBe(before.spec.ports[0].nodePort);
    const p = await k(['patch', 'svc', 'np', '-p', '{"spec":{"clusterIP":"10.96.200.200"}}']);
    expect(p.code).not.toBe(0);
    expect(p.stderr).toContain('The Service "np" is invalid: spec.clusterIPs[0]: Invalid value: []string{"10.96.200.200"}: may not change once set');
  });

  it('defaults as upstream: fieldRef apiVersion, sourceless volumes, Secret stringData, probes', async () => {
    const pod = `apiVersion: v1
kind: Pod
metadata: {name: defaults}
spec:
  volumes: [{name: scratch}]
  containers:
  - name: c
    image: nginx:1.27
    env: [{name: NODE, valueFrom: {fieldRef: {fieldPath: spec.nodeName}}}]
    readinessProbe: {httpGet: {port: 80}}
`;
    expect((await k(['apply', '-f', file('pod.yaml', pod)])).code).toBe(0);
    const p = JSON.parse((await k(['get', 'pod', 'defaults', '-o', 'json'])).stdout);
    expect(p.spec.containers[0].env[0].valueFrom.fieldRef).toEqual({ apiVersion: 'v1', fieldPath: 'spec.nodeName' });
    expect(p.spec.volumes.find((v: any) => v.name === 'scratch')).toEqual({ name: 'scratch', emptyDir: {} });
    expect(p.spec.containers[0].readinessProbe).toEqual({ httpGet: { port: 80, path: '/', scheme: 'HTTP' }, timeoutSeconds: 1, periodSeconds: 10, successThreshold: 1, failureThreshold: 3 });
    const secret = 'apiVersion: v1\nkind: Secret\nmetadata: {name: sd}\ndata: {a: b2xk, b: a2VlcA==}\nstringData: {a: new}\n';
    expect((await k(['apply', '-f', file('secret.yaml', secret)])).code).toBe(0);
    const s = (await request(c, 'GET', '/api/v1/namespaces/default/secrets/sd')).json;
    expect(s.stringData).toBeUndefined();
    expect(s.data).toEqual({ a: Buffer.from('new').toString('base64'), b: 'a2VlcA==' });
  });

  it('CronJob schedules are checked for syntax only, like robfig/cron', async () => {
    expect((await k(['create', 'cronjob', 'feb31', '--image=busybox', '--schedule=59 23 31 2 *'])).code).toBe(0);
    const bad = await k(['create', 'cronjob', 'bad', '--image=busybox', '--schedule=61 * * * *']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('spec.schedule: Invalid value: "61 * * * *": end of range (61) above maximum (59): 61');
  });

  it('server-side apply by kubectl keeps the client-side last-applied annotation in step', async () => {
    const cm = (v: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: la, namespace: default}\ndata: {key: ${v}}\n`;
    expect((await k(['apply', '-f', file('la1.yaml', cm('one'))])).code).toBe(0);
    const ssa = await k(['apply', '--server-side', '-f', file('la2.yaml', cm('two'))]);
    expect(ssa.code).toBe(0);
    const got = (await request(c, 'GET', '/api/v1/namespaces/default/configmaps/la')).json;
    const last = JSON.parse(got.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
    expect(last.data).toEqual({ key: 'two' });
    // a later client-side apply diffs against that base: removing the key removes it
    expect((await k(['apply', '-f', file('la3.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: la, namespace: default}\ndata: {other: x}\n')])).code).toBe(0);
    const final = (await request(c, 'GET', '/api/v1/namespaces/default/configmaps/la')).json;
    expect(final.data).toEqual({ other: 'x' });
  });

  it('OpenAPI v2 publishes CRD schemas that preserve unknown fields the way the apiextensions builder does', async () => {
    const crd = (plural: string, kind: string, schema: object) => ({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${plural}.pu.example.com` },
      spec: { group: 'pu.example.com', scope: 'Namespaced', names: { plural, kind }, versions: [{ name: 'v1', served: true, storage: true, schema: { openAPIV3Schema: schema } }] },
    });
    const nested = { type: 'object', properties: { spec: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true, properties: { known: { type: 'string' } } }, list: { type: 'array', nullable: true, items: { type: 'string' } } } };
    expect((await request(c, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd('nesteds', 'Nested', nested) })).status).toBe(201);
    expect((await request(c, 'POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', { body: crd('opens', 'Open', { type: 'object', 'x-kubernetes-preserve-unknown-fields': true }) })).status).toBe(201);
    const v2 = (await request(c, 'GET', '/openapi/v2')).json;
    const n = v2.definitions['com.example.pu.v1.Nested'];
    expect(n.properties.spec).toEqual({ 'x-kubernetes-preserve-unknown-fields': true });
    expect(n.properties.list).toEqual({});
    expect(n.properties.metadata.$ref).toBe('#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(v2.definitions['com.example.pu.v1.Open']).toEqual({ type: 'object', 'x-kubernetes-group-version-kind': [{ group: 'pu.example.com', version: 'v1', kind: 'Open' }] });
    // v3 keeps the full structural schema
    const v3 = (await request(c, 'GET', '/openapi/v3/apis/pu.example.com/v1')).json;
    expect(v3.components.schemas['com.example.pu.v1.Nested'].properties.spec.properties.known.type).toBe('string');
    const cr = 'apiVersion: pu.example.com/v1\nkind: Nested\nmetadata: {name: nn}\nspec: {known: a, anything: {deep: [1, 2]}}\n';
    const applied = await k(['apply', '-f', file('n.yaml', cr)]);
    expect(applied.stderr).toBe('');
    const got = (await request(c, 'GET', '/apis/pu.example.com/v1/namespaces/default/nesteds/nn')).json;
    expect(got.spec.anything).toEqual({ deep: [1, 2] });
  });
});
