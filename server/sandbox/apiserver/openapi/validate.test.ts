/* eslint-disable @typescript-eslint/no-explicit-any -- tests poke into untyped OpenAPI/object JSON */
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { validateObject } from './index';
import { cronTab, cronTabCrd, deployment } from './test-fixtures';

const strict = { fieldValidation: 'Strict' as const, crds: [cronTabCrd] };
const template = (spec: Record<string, unknown>) => ({ metadata: { labels: { app: 'web' } }, spec });

describe('validateObject: built-in kinds', () => {
  it('accepts a valid Deployment (Quantity as number and string, int-or-string)', () => {
    const d = deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 } } });
    expect(validateObject(d, strict)).toEqual({ causes: [], unknownFields: [] });
  });

  it('lists unknown fields as dotted paths, and none when fieldValidation is Ignore', () => {
    const d = deployment({ replicass: 3 });
    (d.spec as any).template.spec.containers[0].imagee = 'x';
    expect(validateObject(d, strict).unknownFields.sort()).toEqual(['spec.replicass', 'spec.template.spec.containers[0].imagee']);
    expect(validateObject(d, { ...strict, fieldValidation: 'Ignore' }).unknownFields).toEqual([]);
  });

  it('reports a wrong JSON type as the decode error a real apiserver answers with 400', () => {
    const r = validateObject(deployment({ replicas: 'abc' }), strict);
    expect(r.causes).toEqual([
      {
        reason: 'FieldValueTypeInvalid',
        message: 'Invalid value: "abc": json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
        field: 'spec.replicas',
      },
    ]);
    expect(r.decodeError).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    const q = deployment();
    (q.spec as any).template.spec.containers[0].resources.limits.cpu = 'lots';
    expect(validateObject(q, strict).decodeError).toMatch(/quantities must match the regular expression/);
  });

  it('rejects Secret data that is not base64 as a decode error', () => {
    const secret = (data: Record<string, string>): KObject => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data });
    expect(validateObject(secret({ password: 'c2VjcmV0' }), strict).causes).toEqual([]);
    expect(validateObject(secret({ password: 'not base64!' }), strict).decodeError).toBe(
      'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3',
    );
    expect(validateObject({ ...secret({}), stringData: { password: 'plain text is fine here' } }, strict).causes).toEqual([]);
  });

  it('requires container image and name, with indexed field paths', () => {
    const r = validateObject(deployment({ template: template({ containers: [{ name: 'web' }, { image: 'x' }] }) }), strict);
    expect(r.causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers[0].image' },
      { reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers[1].name' },
    ]);
    const none = validateObject(deployment({ template: template({}) }), strict);
    expect(none.causes).toContainEqual({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.template.spec.containers' });
  });

  it('rejects a selector that does not match the template labels, a missing selector and negative replicas', () => {
    const r = validateObject(deployment({ selector: { matchLabels: { app: 'other' } }, replicas: -1 }), strict);
    expect(r.causes).toEqual(
      expect.arrayContaining([
        {
          reason: 'FieldValueInvalid',
          message: 'Invalid value: map[string]string{"app":"web"}: `selector` does not match template `labels`',
          field: 'spec.template.metadata.labels',
        },
        { reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' },
      ]),
    );
    const missing = deployment();
    delete (missing.spec as any).selector;
    expect(validateObject(missing, strict).causes).toContainEqual({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.selector' });
  });

  it('checks names: DNS-1123 subdomain for deployments, DNS-1035 label for services, label for namespaces', () => {
    const bad = validateObject(deployment({}, 'Web_1'), strict).causes[0];
    expect(bad).toMatchObject({ reason: 'FieldValueInvalid', field: 'metadata.name' });
    expect(bad.message).toMatch(/^Invalid value: "Web_1": a lowercase RFC 1123 subdomain/);
    expect(validateObject(deployment({}, 'web.v1'), strict).causes).toEqual([]);
    const svc = (name: string, spec: Record<string, unknown>): KObject => ({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec });
    expect(validateObject(svc('1web', { ports: [{ port: 80 }] }), strict).causes[0].message).toMatch(/DNS-1035 label/);
    const ns: KObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a.b' } };
    expect(validateObject(ns, strict).causes[0].message).toMatch(/RFC 1123 label/);
    const noName: KObject = { apiVersion: 'v1', kind: 'ConfigMap', metadata: {} };
    expect(validateObject(noName, strict).causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value: name or generateName is required', field: 'metadata.name' },
    ]);
  });

  it('checks service port ranges and types', () => {
    const svc: KObject = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web' }, spec: { type: 'Fancy', ports: [{ port: 70000 }] } };
    expect(validateObject(svc, strict).causes).toEqual([
      { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Fancy": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"', field: 'spec.type' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: 70000: must be between 1 and 65535, inclusive', field: 'spec.ports[0].port' },
    ]);
  });

  it('requires a Job restartPolicy of OnFailure or Never', () => {
    const job: KObject = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox' }] } } } };
    expect(validateObject(job, strict).causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value: valid values: "OnFailure", "Never"', field: 'spec.template.spec.restartPolicy' },
    ]);
  });
});

describe('validateObject: ingress, cronjob, hpa', () => {
  it('requires an ingress pathType and an absolute Prefix path', () => {
    const ing: KObject = {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', metadata: { name: 'i' },
      spec: { rules: [{ http: { paths: [{ path: '/', backend: { service: { name: 's', port: { number: 80 } } } }, { path: 'api', pathType: 'Prefix', backend: { service: { name: 's', port: { number: 80 } } } }] } }] },
    };
    expect(validateObject(ing, strict).causes).toEqual([
      { reason: 'FieldValueRequired', message: 'Required value: pathType must be specified', field: 'spec.rules[0].http.paths[0].pathType' },
      { reason: 'FieldValueInvalid', message: 'Invalid value: "api": must be an absolute path', field: 'spec.rules[0].http.paths[1].path' },
    ]);
  });

  it('rejects an unparseable CronJob schedule', () => {
    const cj = (schedule: string): KObject => ({
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' },
      spec: { schedule, jobTemplate: { spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'busybox' }] } } } } },
    });
    expect(validateObject(cj('*/5 * * * *'), strict).causes).toEqual([]);
    expect(validateObject(cj('@hourly'), strict).causes).toEqual([]);
    expect(validateObject(cj('* * *'), strict).causes).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: "* * *": unparseable schedule "* * *": expected exactly 5 fields, found 3: [* * *]', field: 'spec.schedule' },
    ]);
    expect(validateObject(cj('99 * * * *'), strict).causes[0]).toMatchObject({ reason: 'FieldValueInvalid', field: 'spec.schedule' });
  });

  it('checks HPA replica bounds and target', () => {
    const hpa: KObject = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'h' }, spec: { scaleTargetRef: { kind: 'Deployment', name: 'web', apiVersion: 'apps/v1' }, minReplicas: 3, maxReplicas: 2 } };
    expect(validateObject(hpa, strict).causes).toEqual([
      { reason: 'FieldValueInvalid', message: 'Invalid value: 2: must be greater than or equal to `minReplicas`', field: 'spec.maxReplicas' },
    ]);
  });
});

describe('validateObject: custom resources', () => {
  it('accepts a valid CronTab, keeping preserve-unknown-fields subtrees', () => {
    const r = validateObject(cronTab({ cronSpec: '*/5 * * * *', replicas: 2, port: 'http', extra: { anything: [1] } }), strict);
    expect(r).toEqual({ causes: [], unknownFields: [] });
  });

  it('reports schema violations as 422 causes worded like the apiextensions apiserver', () => {
    const r = validateObject(cronTab({ cronSpec: 'nope', replicas: 'many', mode: 'Turbo', unknown: 1 }), strict);
    expect(r.causes).toEqual(
      expect.arrayContaining([
        { reason: 'FieldValueInvalid', message: expect.stringMatching(/^Invalid value: "nope": spec.cronSpec in body should match/), field: 'spec.cronSpec' },
        { reason: 'FieldValueTypeInvalid', message: 'Invalid value: "string": spec.replicas in body must be of type integer: "string"', field: 'spec.replicas' },
        { reason: 'FieldValueNotSupported', message: 'Unsupported value: "Turbo": supported values: "Fast", "Slow"', field: 'spec.mode' },
      ]),
    );
    expect(r.unknownFields).toEqual(['spec.unknown']);
    const missing = validateObject(cronTab({ replicas: 11 }), strict).causes;
    expect(missing).toContainEqual({ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.cronSpec' });
    expect(missing).toContainEqual({ reason: 'FieldValueInvalid', message: 'Invalid value: 11: spec.replicas in body should be less than or equal to 10', field: 'spec.replicas' });
  });

  it('rejects duplicate keys in x-kubernetes-list-type map lists', () => {
    const r = validateObject(cronTab({ cronSpec: '* * * * *', items: [{ name: 'a', value: '1' }, { name: 'a', value: '2' }] }), strict);
    expect(r.causes).toEqual([
      { reason: 'FieldValueDuplicate', message: 'Duplicate value: map[string]interface {}{"name":"a"}', field: 'spec.items[1]' },
    ]);
  });

  it('treats metadata as ObjectMeta (unknown metadata fields are reported)', () => {
    const o = cronTab({ cronSpec: '* * * * *' });
    (o.metadata as any).labelz = {};
    expect(validateObject(o, strict).unknownFields).toEqual(['metadata.labelz']);
  });
});
