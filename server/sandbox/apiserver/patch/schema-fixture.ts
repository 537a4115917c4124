/**
 * Test helper: SchemaNode trees from a compact description, so the patch tests do not depend on
 * the OpenAPI module. `deploymentSchema()` mirrors the patch metadata of apps/v1 Deployment.
 */
import type { KObject } from '../../types';
import type { SchemaNode } from './schema-node';

export type Desc =
  | 'string'
  | 'integer'
  | 'boolean'
  | 'intOrString'
  | { obj: Record<string, Desc>; mapType?: 'atomic'; strategy?: string }
  | { map: Desc; strategy?: string }
  | {
      list: Desc;
      type?: 'map' | 'set' | 'atomic';
      keys?: string[];
      strategy?: string;
      mergeKey?: string;
    }
  | { any: true };

export function schema(d: Desc): SchemaNode {
  if (typeof d === 'string') {
    if (d === 'intOrString') return { intOrString: true, field: () => undefined, items: () => undefined, additionalProperties: () => undefined };
    return { type: d, field: () => undefined, items: () => undefined, additionalProperties: () => undefined };
  }
  if ('any' in d) {
    return { type: 'object', preserveUnknownFields: true, field: () => undefined, items: () => undefined, additionalProperties: () => undefined };
  }
  if ('obj' in d) {
    const fields = Object.fromEntries(Object.entries(d.obj).map(([k, v]) => [k, schema(v)]));
    return {
      type: 'object',
      ...(d.mapType ? { mapType: d.mapType } : {}),
      ...(d.strategy ? { patchStrategy: d.strategy } : {}),
      field: (n) => fields[n],
      items: () => undefined,
      additionalProperties: () => undefined,
    };
  }
  if ('map' in d) {
    const value = schema(d.map);
    return { type: 'object', field: () => undefined, items: () => undefined, additionalProperties: () => value, ...(d.strategy ? { patchStrategy: d.strategy } : {}) };
  }
  const items = schema(d.list);
  return {
    type: 'array',
    ...(d.type ? { listType: d.type } : {}),
    ...(d.keys ? { listMapKeys: d.keys } : {}),
    ...(d.strategy ? { patchStrategy: d.strategy } : {}),
    ...(d.mergeKey ? { patchMergeKey: d.mergeKey } : {}),
    field: () => undefined,
    items: () => items,
    additionalProperties: () => undefined,
  };
}

const labels: Desc = { map: 'string' };

export const metadataDesc: Desc = {
  obj: {
    name: 'string',
    namespace: 'string',
    uid: 'string',
    resourceVersion: 'string',
    generation: 'integer',
    creationTimestamp: 'string',
    labels,
    annotations: labels,
    finalizers: { list: 'string', type: 'set', strategy: 'merge' },
    ownerReferences: {
      list: { obj: { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'boolean' } },
      type: 'map',
      keys: ['uid'],
      strategy: 'merge',
      mergeKey: 'uid',
    },
    managedFields: { list: { any: true }, type: 'atomic' },
  },
};

const envVar: Desc = {
  obj: {
    name: 'string',
    value: 'string',
    valueFrom: { obj: { configMapKeyRef: { obj: { name: 'string', key: 'string' }, mapType: 'atomic' } } },
  },
};

const container: Desc = {
  obj: {
    name: 'string',
    image: 'string',
    imagePullPolicy: 'string',
    command: { list: 'string', type: 'atomic' },
    args: { list: 'string', type: 'atomic' },
    env: { list: envVar, type: 'map', keys: ['name'], strategy: 'merge', mergeKey: 'name' },
    ports: {
      list: { obj: { containerPort: 'integer', protocol: 'string', name: 'string' } },
      type: 'map',
      keys: ['containerPort', 'protocol'],
      strategy: 'merge',
      mergeKey: 'containerPort',
    },
    resources: { obj: { limits: { map: 'intOrString' }, requests: { map: 'intOrString' } } },
    volumeMounts: {
      list: { obj: { name: 'string', mountPath: 'string', readOnly: 'boolean' } },
      type: 'map',
      keys: ['mountPath'],
      strategy: 'merge',
      mergeKey: 'mountPath',
    },
  },
};

const volume: Desc = {
  obj: {
    name: 'string',
    emptyDir: { obj: { medium: 'string', sizeLimit: 'intOrString' } },
    configMap: { obj: { name: 'string', defaultMode: 'integer' } },
    secret: { obj: { secretName: 'string' } },
  },
};

export const podSpecDesc: Desc = {
  obj: {
    containers: { list: container, type: 'map', keys: ['name'], strategy: 'merge', mergeKey: 'name' },
    initContainers: { list: container, type: 'map', keys: ['name'], strategy: 'merge', mergeKey: 'name' },
    volumes: { list: volume, type: 'map', keys: ['name'], strategy: 'merge,retainKeys', mergeKey: 'name' },
    tolerations: { list: { obj: { key: 'string', operator: 'string', effect: 'string' } }, type: 'atomic' },
    nodeSelector: { map: 'string' },
    restartPolicy: 'string',
    terminationGracePeriodSeconds: 'integer',
  },
};

export const deploymentDesc: Desc = {
  obj: {
    apiVersion: 'string',
    kind: 'string',
    metadata: metadataDesc,
    spec: {
      obj: {
        replicas: 'integer',
        selector: { obj: { matchLabels: { map: 'string' } }, mapType: 'atomic' },
        strategy: {
          obj: {
            type: 'string',
            rollingUpdate: { obj: { maxSurge: 'intOrString', maxUnavailable: 'intOrString' } },
          },
          strategy: 'retainKeys',
        },
        revisionHistoryLimit: 'integer',
        progressDeadlineSeconds: 'integer',
        template: { obj: { metadata: metadataDesc, spec: podSpecDesc } },
      },
    },
    status: {
      obj: {
        replicas: 'integer',
        readyReplicas: 'integer',
        observedGeneration: 'integer',
        conditions: {
          list: { obj: { type: 'string', status: 'string', reason: 'string' } },
          type: 'map',
          keys: ['type'],
          strategy: 'merge',
          mergeKey: 'type',
        },
      },
    },
  },
};

export function deploymentSchema(): SchemaNode {
  return schema(deploymentDesc);
}

/** A live Deployment as the apiserver stores it (defaults filled in). */
export function liveDeployment(): KObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: 'web',
      namespace: 'default',
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '2' },
      finalizers: ['a.example/f', 'b.example/f'],
    },
    spec: {
      replicas: 2,
      selector: { matchLabels: { app: 'web' } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      template: {
        metadata: { labels: { app: 'web' } },
        spec: {
          containers: [
            {
              name: 'nginx',
              image: 'nginx:1.25',
              imagePullPolicy: 'IfNotPresent',
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
                { name: 'C', value: '3' },
              ],
              ports: [{ containerPort: 80, protocol: 'TCP' }],
            },
            { name: 'sidecar', image: 'busybox', args: ['sleep', '3600'] },
          ],
          volumes: [{ name: 'data', emptyDir: {} }],
          restartPolicy: 'Always',
        },
      },
    },
  };
}
