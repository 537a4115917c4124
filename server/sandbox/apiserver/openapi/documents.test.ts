/* eslint-disable @typescript-eslint/no-explicit-any -- tests poke into untyped OpenAPI/object JSON */
import protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { BUILTIN_KINDS } from '../../kinds';
import { openapiV2, openapiV2Protobuf, openapiV3GroupVersion, openapiV3Index, schemaNavigator } from './index';
import { cronTabCrd } from './test-fixtures';

type Doc = Record<string, any>;
const apps = () => openapiV3GroupVersion('apps', 'v1', BUILTIN_KINDS, []) as Doc;
const core = () => openapiV3GroupVersion('', 'v1', BUILTIN_KINDS, []) as Doc;

describe('openapi v3 group-version documents', () => {
  it('Deployment schema has spec.replicas as an integer with its description, and the GVK extension', () => {
    const schemas = apps().components.schemas;
    const dep = schemas['io.k8s.api.apps.v1.Deployment'];
    expect(dep['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(dep.properties.spec.allOf[0].$ref).toBe('#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec');
    const replicas = schemas['io.k8s.api.apps.v1.DeploymentSpec'].properties.replicas;
    expect(replicas).toMatchObject({ type: 'integer', format: 'int32' });
    expect(replicas.description).toMatch(/Number of desired pods/);
    expect(schemas['io.k8s.api.apps.v1.DeploymentSpec'].required).toEqual(['selector', 'template']);
  });

  it('carries the Kubernetes patch metadata kubectl apply relies on', () => {
    const s = apps().components.schemas;
    const pod = s['io.k8s.api.core.v1.PodSpec'].properties;
    expect(pod.containers).toMatchObject({
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-list-map-keys': ['name'],
    });
    expect(pod.volumes['x-kubernetes-patch-strategy']).toBe('merge,retainKeys');
    expect(pod.tolerations['x-kubernetes-patch-merge-key']).toBeUndefined();
    const c = s['io.k8s.api.core.v1.Container'].properties;
    expect(c.ports['x-kubernetes-patch-merge-key']).toBe('containerPort');
    expect(c.ports['x-kubernetes-list-map-keys']).toEqual(['containerPort', 'protocol']);
    expect(c.volumeMounts['x-kubernetes-patch-merge-key']).toBe('mountPath');
    expect(c.env['x-kubernetes-patch-merge-key']).toBe('name');
    expect(c.envFrom['x-kubernetes-patch-merge-key']).toBeUndefined();
    expect(s['io.k8s.api.apps.v1.DeploymentStatus'].properties.conditions['x-kubernetes-patch-merge-key']).toBe('type');
    expect(s['io.k8s.api.apps.v1.DeploymentSpec'].properties.strategy['x-kubernetes-patch-strategy']).toBe('retainKeys');
    expect(s['io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector']['x-kubernetes-map-type']).toBe('atomic');
    expect(s['io.k8s.apimachinery.pkg.util.intstr.IntOrString']).toMatchObject({ format: 'int-or-string', 'x-kubernetes-int-or-string': true });
    expect(s['io.k8s.apimachinery.pkg.api.resource.Quantity'].oneOf).toEqual([{ type: 'string' }, { type: 'number' }]);
    expect(pod.containers.items).toEqual({ allOf: [{ $ref: '#/components/schemas/io.k8s.api.core.v1.Container' }], default: {} });
  });

  it('includes the metav1 types its kinds and operations refer to', () => {
    const s = apps().components.schemas;
    for (const n of ['ObjectMeta', 'ListMeta', 'Status', 'DeleteOptions', 'Time', 'Patch', 'LabelSelector']) {
      expect(s[`io.k8s.apimachinery.pkg.apis.meta.v1.${n}`], n).toBeDefined();
    }
    expect(s['io.k8s.api.autoscaling.v1.Scale']).toBeDefined();
    expect(s['io.k8s.api.core.v1.Container']).toBeDefined();
  });

  it('describes PATCH with fieldValidation, the GVK and all four patch types for built-ins', () => {
    const p = apps().paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(p['x-kubernetes-group-version-kind']).toEqual({ group: 'apps', version: 'v1', kind: 'Deployment' });
    const names = p.parameters.map((x: { name: string; in: string }) => `${x.in}:${x.name}`);
    expect(names).toEqual(expect.arrayContaining(['query:fieldValidation', 'query:dryRun', 'query:fieldManager', 'query:force']));
    expect(Object.keys(p.requestBody.content).sort()).toEqual([
      'application/apply-patch+yaml',
      'application/json-patch+json',
      'application/merge-patch+json',
      'application/strategic-merge-patch+json',
    ]);
    const item = apps().paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'];
    expect(Object.keys(item)).toEqual(expect.arrayContaining(['get', 'put', 'patch', 'delete']));
    expect(apps().paths['/apis/apps/v1/namespaces/{namespace}/deployments'].post).toBeDefined();
    expect(core().paths['/api/v1/namespaces/{name}']).toBeDefined();
  });

  it('serves a CRD version in its own group-version with the CRD schema, ObjectMeta and no strategic merge', () => {
    const doc = openapiV3GroupVersion('stable.example.com', 'v1', BUILTIN_KINDS, [cronTabCrd]) as Doc;
    const ct = doc.components.schemas['com.example.stable.v1.CronTab'];
    expect(ct['x-kubernetes-group-version-kind']).toEqual([{ group: 'stable.example.com', version: 'v1', kind: 'CronTab' }]);
    expect(ct.properties.spec.properties.cronSpec).toMatchObject({ type: 'string', description: 'cron schedule' });
    expect(ct.properties.metadata.allOf[0].$ref).toBe('#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta');
    expect(doc.components.schemas['io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta']).toBeDefined();
    const patch = doc.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}'].patch;
    expect(Object.keys(patch.requestBody.content)).not.toContain('application/strategic-merge-patch+json');
    expect(doc.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}/scale']).toBeDefined();
    expect(openapiV3GroupVersion('stable.example.com', 'v1', BUILTIN_KINDS, [])).toBeUndefined();
  });
});

describe('openapi v3 index', () => {
  it('lists every served group-version with a hash that changes when a CRD is added to that group only', () => {
    const before = openapiV3Index(BUILTIN_KINDS, []) as Doc;
    const after = openapiV3Index(BUILTIN_KINDS, [cronTabCrd]) as Doc;
    expect(before.paths['api/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/api\/v1\?hash=[0-9A-F]{128}$/);
    expect(before.paths['apis/apps/v1']).toBeDefined();
    expect(before.paths['apis/stable.example.com/v1']).toBeUndefined();
    expect(after.paths['apis/stable.example.com/v1'].serverRelativeURL).toMatch(/^\/openapi\/v3\/apis\/stable.example.com\/v1\?hash=/);
    expect(after.paths['apis/apps/v1']).toEqual(before.paths['apis/apps/v1']);
    const changed = { ...cronTabCrd, spec: { ...(cronTabCrd.spec as object), versions: [{ name: 'v1', served: true, storage: true }] } };
    const again = openapiV3Index(BUILTIN_KINDS, [changed]) as Doc;
    expect(again.paths['apis/stable.example.com/v1']).not.toEqual(after.paths['apis/stable.example.com/v1']);
  });
});

describe('openapi v2', () => {
  it('has definitions, GVK extensions and PATCH consumes for every kind', () => {
    const doc = openapiV2(BUILTIN_KINDS, [cronTabCrd]) as Doc;
    expect(doc.swagger).toBe('2.0');
    const dep = doc.definitions['io.k8s.api.apps.v1.Deployment'];
    expect(dep['x-kubernetes-group-version-kind']).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    expect(dep.properties.spec.$ref).toBe('#/definitions/io.k8s.api.apps.v1.DeploymentSpec');
    const patch = doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments/{name}'].patch;
    expect(patch.consumes).toContain('application/strategic-merge-patch+json');
    expect(patch.parameters.some((p: { name: string }) => p.name === 'fieldValidation')).toBe(true);
    expect(doc.definitions['com.example.stable.v1.CronTab']).toBeDefined();
    expect(doc.paths['/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}'].patch.consumes).not.toContain(
      'application/strategic-merge-patch+json',
    );
  });
});

describe('openapi v2 protobuf', () => {
  it('encodes the gnostic Document kubectl reads: definitions with types, descriptions and GVK extensions', () => {
    const bytes = openapiV2Protobuf(BUILTIN_KINDS, []);
    // Decode with an independent minimal schema carrying gnostic's field numbers.
    const root = protobuf.parse(`syntax = "proto3";
      message Any { string yaml = 2; }
      message NamedAny { string name = 1; Any value = 2; }
      message TypeItem { repeated string value = 1; }
      message NamedSchema { string name = 1; Schema value = 2; }
      message Properties { repeated NamedSchema additional_properties = 1; }
      message Schema { string _ref = 1; string description = 4; TypeItem type = 22; Properties properties = 25; repeated NamedAny vendor_extension = 31; }
      message Definitions { repeated NamedSchema additional_properties = 1; }
      message Document { string swagger = 1; Definitions definitions = 9; }`, { keepCase: true }).root;
    const doc = root.lookupType('Document').toObject(root.lookupType('Document').decode(bytes)) as any;
    expect(doc.swagger).toBe('2.0');
    const dep = doc.definitions.additional_properties.find((d: any) => d.name === 'io.k8s.api.apps.v1.Deployment').value;
    expect(JSON.parse(dep.vendor_extension[0].value.yaml)).toEqual([{ group: 'apps', version: 'v1', kind: 'Deployment' }]);
    const spec = doc.definitions.additional_properties.find((d: any) => d.name === 'io.k8s.api.apps.v1.DeploymentSpec').value;
    const replicas = spec.properties.additional_properties.find((p: any) => p.name === 'replicas').value;
    expect(replicas.type.value).toEqual(['integer']);
    expect(replicas.description).toMatch(/Number of desired pods/);
  });
});

describe('schemaNavigator', () => {
  it('walks a built-in kind with patch metadata on list fields', () => {
    const dep = schemaNavigator({ group: 'apps', version: 'v1', kind: 'Deployment' }, [])!;
    const podSpec = dep.field('spec')!.field('template')!.field('spec')!;
    const containers = podSpec.field('containers')!;
    expect(containers).toMatchObject({ type: 'array', patchMergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] });
    const container = containers.items()!;
    expect(container.type).toBe('object');
    expect(container.field('ports')!.listMapKeys).toEqual(['containerPort', 'protocol']);
    expect(container.field('image')!.type).toBe('string');
    expect(container.field('nope')).toBeUndefined();
    expect(dep.field('metadata')!.field('labels')!.additionalProperties()!.type).toBe('string');
    expect(dep.field('metadata')!.field('finalizers')).toMatchObject({ patchStrategy: 'merge', listType: 'set' });
    expect(dep.field('spec')!.field('selector')!.mapType).toBe('atomic');
    expect(dep.field('spec')!.field('strategy')!.field('rollingUpdate')!.field('maxSurge')!.intOrString).toBe(true);
    expect(podSpec.field('tolerations')!.listType).toBe('atomic');
  });

  it('walks a custom resource from its CRD schema, with ObjectMeta under metadata', () => {
    const ct = schemaNavigator({ group: 'stable.example.com', version: 'v1', kind: 'CronTab' }, [cronTabCrd])!;
    expect(ct.field('spec')!.field('items')).toMatchObject({ listType: 'map', listMapKeys: ['name'] });
    expect(ct.field('spec')!.field('port')!.intOrString).toBe(true);
    expect(ct.field('spec')!.field('extra')!.preserveUnknownFields).toBe(true);
    expect(ct.field('metadata')!.field('ownerReferences')!.patchMergeKey).toBe('uid');
    expect(schemaNavigator({ group: 'stable.example.com', version: 'v1', kind: 'CronTab' }, [])).toBeUndefined();
  });
});
