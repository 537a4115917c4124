import { readFileSync } from 'node:fs';
import type protobuf from 'protobufjs';
import { describe, expect, it } from 'vitest';
import { decodeProtobufObject, encodeProtobufObject, isProtobufContentType, PROTOBUF_MAGIC } from './index';
import { INLINE, KEEP_ZERO, RENAME } from './json-rules';
import { sampleObjects } from './sample-objects';
import { KIND_TYPES, lookupType, schemaRoot, UNKNOWN_TYPE } from './schema';
import { formatDuration, formatMicroTime } from './to-json';

const fixture = (name: string) => readFileSync(new URL(`./fixtures/${name}`, import.meta.url));

describe('protobuf round trip (JSON → protobuf → JSON)', () => {
  for (const obj of sampleObjects) {
    it(`${obj.apiVersion} ${obj.kind}`, () => {
      const body = encodeProtobufObject(obj);
      expect(body.subarray(0, 4)).toEqual(PROTOBUF_MAGIC);
      expect(decodeProtobufObject(body)).toEqual(obj);
    });
  }

  it('drops zero values of non-pointer omitempty fields, as Go writes them on the wire but JSON omits them', () => {
    const sent = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', generation: 0, namespace: '' },
      spec: {
        minReadySeconds: 0,
        paused: false,
        template: { spec: { containers: [{ name: 'c', stdin: false, tty: false, ports: [{ containerPort: 0, hostPort: 0 }] }], hostNetwork: false } },
      },
    };
    expect(decodeProtobufObject(encodeProtobufObject(sent))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd' },
      spec: { template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 0 }] }] } } },
    });
  });

  it('reads a map entry without a value as the empty message (Quantity "0")', () => {
    // ResourceQuota.spec (2) → ResourceQuotaSpec.hard (1) → map entry { key (1) = "pods" } without a value (2)
    const entry = Buffer.from([0x0a, 0x04, ...Buffer.from('pods')]);
    const specBytes = Buffer.concat([Buffer.from([0x0a, entry.length]), entry]);
    const raw = Buffer.concat([Buffer.from([0x12, specBytes.length]), specBytes]);
    const unknown = lookupType(UNKNOWN_TYPE);
    const env = unknown.encode(unknown.fromObject({ typeMeta: { apiVersion: 'v1', kind: 'ResourceQuota' }, raw })).finish();
    expect(decodeProtobufObject(Buffer.concat([PROTOBUF_MAGIC, env])).spec).toEqual({ hard: { pods: '0' } });
  });

  it('keeps int64 values beyond 32 bits', () => {
    const obj = { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', generation: 2 ** 40 }, spec: { activeDeadlineSeconds: 2 ** 35 } };
    expect(decodeProtobufObject(encodeProtobufObject(obj))).toEqual(obj);
  });
});

describe('decoding what kubectl sent (fixtures captured from kubectl v1.32)', () => {
  it('create deployment web --image=nginx:1.25 --replicas=3 --port=80', () => {
    expect(decodeProtobufObject(fixture('deployment-web.pb'))).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', labels: { app: 'web' } },
      spec: {
        replicas: 3,
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }], resources: {} }] },
        },
        strategy: {},
      },
      status: {},
    });
  });

  it('create service nodeport np --tcp=80:8080 --node-port=30080', () => {
    expect(decodeProtobufObject(fixture('service-nodeport.pb'))).toEqual({
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'np', labels: { app: 'np' } },
      spec: {
        ports: [{ name: '80-8080', protocol: 'TCP', port: 80, targetPort: 8080, nodePort: 30080 }],
        selector: { app: 'np' },
        type: 'NodePort',
      },
      status: { loadBalancer: {} },
    });
  });

  it('create cronjob cj --image=busybox --schedule="*/1 * * * *" -- date', () => {
    const cj = decodeProtobufObject(fixture('cronjob-cj.pb'));
    expect(cj.spec).toEqual({
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
  });
});

describe('malformed and unsupported bodies', () => {
  const statusOf = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      const err = e as Error & { status?: number; reason?: string };
      return { status: err.status, reason: err.reason };
    }
    return undefined;
  };

  it('rejects a body without the k8s\\0 magic as BadRequest', () => {
    expect(statusOf(() => decodeProtobufObject(Buffer.from('{"kind":"Pod"}')))).toEqual({ status: 400, reason: 'BadRequest' });
    expect(statusOf(() => decodeProtobufObject(Buffer.alloc(0)))).toEqual({ status: 400, reason: 'BadRequest' });
  });

  it('rejects a truncated body as BadRequest', () => {
    const body = fixture('deployment-web.pb');
    expect(statusOf(() => decodeProtobufObject(body.subarray(0, body.length - 20)))).toEqual({ status: 400, reason: 'BadRequest' });
  });

  it('rejects kinds without a schema as UnsupportedMediaType', () => {
    const unknown = lookupType(UNKNOWN_TYPE);
    const env = unknown.encode(unknown.fromObject({ typeMeta: { apiVersion: 'v1', kind: 'Endpoints' }, raw: Buffer.alloc(0) })).finish();
    expect(statusOf(() => decodeProtobufObject(Buffer.concat([PROTOBUF_MAGIC, env])))).toEqual({ status: 415, reason: 'UnsupportedMediaType' });
    expect(statusOf(() => encodeProtobufObject({ apiVersion: 'v1', kind: 'Endpoints', metadata: {} }))).toEqual({ status: 415, reason: 'UnsupportedMediaType' });
  });

  it('rejects an envelope with a content encoding as UnsupportedMediaType', () => {
    const unknown = lookupType(UNKNOWN_TYPE);
    const env = unknown.encode(unknown.fromObject({ typeMeta: { apiVersion: 'v1', kind: 'Namespace' }, raw: Buffer.alloc(0), contentEncoding: 'gzip' })).finish();
    expect(statusOf(() => decodeProtobufObject(Buffer.concat([PROTOBUF_MAGIC, env])))).toEqual({ status: 415, reason: 'UnsupportedMediaType' });
  });

  it('recognises the media type with parameters', () => {
    expect(isProtobufContentType('application/vnd.kubernetes.protobuf')).toBe(true);
    expect(isProtobufContentType('application/vnd.kubernetes.protobuf; charset=utf-8')).toBe(true);
    expect(isProtobufContentType('application/json')).toBe(false);
    expect(isProtobufContentType(undefined)).toBe(false);
  });
});

describe('schema consistency', () => {
  const types: protobuf.Type[] = [];
  const walk = (ns: protobuf.NamespaceBase) => {
    for (const o of ns.nestedArray) {
      if ('fieldsArray' in o) types.push(o as protobuf.Type);
      if ('nestedArray' in o) walk(o as protobuf.NamespaceBase);
    }
  };
  walk(schemaRoot());
  const byName = new Map(types.map((t) => [t.name, t]));

  it('message simple names are unique (json-rules.ts keys on them)', () => {
    expect(byName.size).toBe(types.length);
  });

  it('every json-rules key names an existing field', () => {
    const missing = [...INLINE, ...KEEP_ZERO, ...Object.keys(RENAME)].filter((key) => {
      const [type, field] = key.split('.');
      return !byName.get(type)?.fields[field];
    });
    expect(missing).toEqual([]);
  });

  it('every registered kind resolves to a message with metadata = 1', () => {
    for (const name of Object.values(KIND_TYPES)) expect(lookupType(name).fields.metadata?.id).toBe(1);
  });

  it('formats Duration and MicroTime like Go', () => {
    expect(formatDuration(3.6e12)).toBe('1h0m0s');
    expect(formatDuration(1.5e9)).toBe('1.5s');
    expect(formatDuration(3e8)).toBe('300ms');
    expect(formatDuration(-9e10)).toBe('-1m30s');
    expect(formatMicroTime(1714557600, 123456789)).toBe('2024-05-01T10:00:00.123456Z');
  });
});
