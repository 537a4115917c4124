import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { KObject } from '../../types';
import { serverSideApply, trackUpdate } from './index';
import { deploymentSchema } from './schema-fixture';

const nav = deploymentSchema();
const T0 = '2026-11-22T10:00:00Z';
const T1 = '2026-11-22T11:00:00Z';
const T2 = '2026-11-22T12:00:00Z';

type Any = any; // eslint-disable-line @typescript-eslint/no-explicit-any

function deploy(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default', uid: 'u', resourceVersion: '1', labels: { app: 'web' } },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }] }] },
      },
    },
    status: { replicas: 2 },
  };
}

const entries = (o: KObject) => o.metadata.managedFields as Any[];
const entry = (o: KObject, manager: string) => entries(o).find((e) => e.manager === manager);
const edit = (o: KObject, f: (x: Any) => void): KObject => {
  const c = structuredClone(o) as Any;
  f(c);
  return c;
};

describe('trackUpdate', () => {
  it('create: every field set by the request is the manager\'s, in FieldsV1 encoding', () => {
    const out = trackUpdate(undefined, deploy(), 'kubectl-create', nav, T0);
    expect(entries(out)).toEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:strategy': { 'f:rollingUpdate': { 'f:maxSurge': {} }, 'f:type': {} },
            'f:template': {
              'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:env': { 'k:{"name":"A"}': { '.': {}, 'f:name': {}, 'f:value': {} } },
                    'f:image': {},
                    'f:name': {},
                  },
                },
              },
            },
          },
        },
      },
    ]);
    // identity fields and status are nobody's on the main resource
    const top = Object.keys(entries(out)[0].fieldsV1);
    expect(top).toEqual(['f:metadata', 'f:spec']);
    expect(Object.keys(entries(out)[0].fieldsV1['f:metadata'])).toEqual(['f:labels']);
  });

  it('an update moves the changed fields to the updater', () => {
    const v1 = trackUpdate(undefined, deploy(), 'creator', nav, T0);
    const v2 = trackUpdate(v1, edit(v1, (x) => (x.spec.template.spec.containers[0].image = 'nginx:1.27')), 'kubectl-set', nav, T1);
    expect(entry(v2, 'kubectl-set').fieldsV1).toEqual({
      'f:spec': { 'f:template': { 'f:spec': { 'f:containers': { 'k:{"name":"nginx"}': { 'f:image': {} } } } } },
    });
    expect(entry(v2, 'creator').fieldsV1['f:spec']['f:template']['f:spec']['f:containers']['k:{"name":"nginx"}']).not.toHaveProperty('f:image');
    expect(entry(v2, 'creator').time).toBe(T0);
  });

  it('removed fields leave every set, and a manager left with nothing disappears', () => {
    const v1 = trackUpdate(undefined, deploy(), 'creator', nav, T0);
    const v2 = trackUpdate(v1, edit(v1, (x) => (x.metadata.annotations = { a: '1' })), 'annotator', nav, T1);
    const v3 = trackUpdate(v2, edit(v2, (x) => delete x.metadata.annotations), 'cleaner', nav, T2);
    expect(entry(v3, 'annotator')).toBeUndefined();
    expect(entry(v3, 'cleaner')).toBeUndefined(); // removing is not owning
    expect(entries(v3).map((e) => e.manager)).toEqual(['creator']);
  });

  it('a write that changes nothing keeps managedFields as they were', () => {
    const v1 = trackUpdate(undefined, deploy(), 'creator', nav, T0);
    const v2 = trackUpdate(v1, edit(v1, (x) => (x.metadata.resourceVersion = '2')), 'other', nav, T1);
    expect(v2.metadata.managedFields).toEqual(v1.metadata.managedFields);
  });

  it('the same manager accumulates fields and its time moves', () => {
    const v1 = trackUpdate(undefined, deploy(), 'm', nav, T0);
    const v2 = trackUpdate(v1, edit(v1, (x) => (x.spec.paused = true)), 'm', nav, T1);
    expect(entries(v2)).toHaveLength(1);
    expect(entry(v2, 'm').time).toBe(T1);
    expect(entry(v2, 'm').fieldsV1['f:spec']).toHaveProperty('f:paused');
    expect(entry(v2, 'm').fieldsV1['f:spec']).toHaveProperty('f:replicas');
  });

  it('status subresource writes are owned with subresource "status" and only cover status', () => {
    const v1 = trackUpdate(undefined, deploy(), 'creator', nav, T0);
    const v2 = trackUpdate(v1, edit(v1, (x) => (x.status = { replicas: 2, readyReplicas: 2 })), 'deployment-controller', nav, T1, 'status');
    expect(entry(v2, 'deployment-controller')).toEqual({
      manager: 'deployment-controller',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:status': { 'f:readyReplicas': {} } },
      subresource: 'status',
    });
  });

  it('scale subresource writes own spec.replicas under subresource "scale"', () => {
    const v1 = trackUpdate(undefined, deploy(), 'creator', nav, T0);
    const v2 = trackUpdate(v1, edit(v1, (x) => (x.spec.replicas = 5)), 'kubectl', nav, T1, 'scale');
    expect(entry(v2, 'kubectl')).toMatchObject({ subresource: 'scale', fieldsV1: { 'f:spec': { 'f:replicas': {} } } });
  });

  it('Apply entries sort before Update entries, then by time', () => {
    const applied = serverSideApply(undefined, deploy(), { manager: 'z-applier', force: false, nav, now: T1 });
    const v2 = trackUpdate(applied, edit(applied, (x) => (x.spec.paused = true)), 'a-updater', nav, T0);
    expect(entries(v2).map((e) => `${e.operation}:${e.manager}`)).toEqual(['Apply:z-applier', 'Update:a-updater']);
  });

  it('more than 10 Update managers: the oldest fold into "ancient-changes"', () => {
    let o = trackUpdate(undefined, deploy(), 'creator', nav, '2026-11-22T09:00:00Z');
    for (let i = 0; i < 11; i++) {
      o = trackUpdate(o, edit(o, (x) => (x.metadata.labels[`l${i}`] = 'v')), `m${String(i).padStart(2, '0')}`, nav, `2026-11-22T10:${String(i).padStart(2, '0')}:00Z`);
    }
    const names = entries(o).map((e) => e.manager);
    expect(names).toHaveLength(10);
    expect(names[0]).toBe('ancient-changes');
    expect(names).not.toContain('creator');
    expect(names).not.toContain('m00');
    expect(names).not.toContain('m01');
    const ancient = entry(o, 'ancient-changes');
    expect(ancient.time).toBe('2026-11-22T10:01:00Z');
    expect(ancient.fieldsV1['f:metadata']['f:labels']).toHaveProperty('f:l0');
    expect(ancient.fieldsV1['f:metadata']['f:labels']).toHaveProperty('f:l1');
    expect(ancient.fieldsV1['f:spec']).toHaveProperty('f:replicas');
  });

  it('managedFields: [{}] in the request clears them', () => {
    const v1 = trackUpdate(undefined, deploy(), 'creator', nav, T0);
    const v2 = trackUpdate(v1, edit(v1, (x) => (x.metadata.managedFields = [{}])), 'x', nav, T1);
    expect(v2.metadata.managedFields).toBeUndefined();
  });

  it('managedFields sent with different content replace the stored ones', () => {
    const v1 = trackUpdate(undefined, deploy(), 'creator', nav, T0);
    const mine = [{ manager: 'imported', operation: 'Update', apiVersion: 'apps/v1', time: T0, fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': { 'f:replicas': {} } } }];
    const v2 = trackUpdate(v1, edit(v1, (x) => (x.metadata.managedFields = mine)), 'x', nav, T1);
    expect(v2.metadata.managedFields).toEqual(mine);
  });

  it('property: managed leaves always exist in the object after arbitrary label/replica edits', () => {
    const labelEdit = fc.dictionary(fc.constantFrom('a', 'b', 'c'), fc.option(fc.constantFrom('1', '2'), { nil: null }), { maxKeys: 3 });
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('m1', 'm2', 'm3'), labelEdit, fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined })), { maxLength: 6 }), (steps) => {
        let o = trackUpdate(undefined, deploy(), 'creator', nav, T0);
        for (const [m, labels, replicas] of steps) {
          const next = edit(o, (x) => {
            for (const [k, v] of Object.entries(labels)) {
              if (v === null) delete x.metadata.labels[k];
              else x.metadata.labels[k] = v;
            }
            if (replicas !== undefined) x.spec.replicas = replicas;
          });
          o = trackUpdate(o, next, m, nav, T1);
        }
        for (const e of entries(o)) {
          for (const k of Object.keys(e.fieldsV1['f:metadata']?.['f:labels'] ?? {})) {
            if (k !== '.') expect(o.metadata.labels).toHaveProperty(k.slice(2));
          }
        }
        // no label is owned by two Update managers (each change moves ownership)
        const owners = new Map<string, number>();
        for (const e of entries(o)) for (const k of Object.keys(e.fieldsV1['f:metadata']?.['f:labels'] ?? {})) if (k !== '.') owners.set(k, (owners.get(k) ?? 0) + 1);
        for (const n of owners.values()) expect(n).toBe(1);
      }),
      { numRuns: 50 },
    );
  });
});
