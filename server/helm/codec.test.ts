/**
 * Golden tests of Helm's storage encoding: payloads written the way Helm 3 writes them (Go's JSON of
 * release.Release, gzip, base64, and the Secret's own base64) decode with every field where helm puts it.
 */
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { releaseSecret, type ReleaseRecord } from '@wheelhouse/sandbox/testing';
import { decodeRelease, encodeRelease, goJson, HelmDecodeError, payloadOf, recordData, recordName } from './codec';
import { coalesceValues, valuesYaml } from './values';
import { leastRecent } from './actions';
import { splitManifest } from './manifest';

/** A record as `helm install` writes it: Go field order, zero `deleted` time, HTML-escaped `<`, base64 template data. */
const GOLDEN_JSON =
  '{"name":"web","info":{"first_deployed":"2026-11-30T10:00:00.123456789Z","last_deployed":"2026-11-30T10:00:00.123456789Z","deleted":"0001-01-01T00:00:00Z","description":"Install complete","status":"deployed","notes":"Visit \\u003chttp://web\\u003e"},' +
  '"chart":{"metadata":{"name":"web","version":"1.2.3","description":"A chart","apiVersion":"v2","appVersion":"4.5.6","type":"application"},"lock":null,"templates":[{"name":"templates/svc.yaml","data":"YXBpVmVyc2lvbjogdjEK"}],"values":{"replicaCount":1,"image":{"tag":"latest"}},"schema":null,"files":[]},' +
  '"config":{"replicaCount":3},"manifest":"---\\n# Source: web/templates/svc.yaml\\napiVersion: v1\\nkind: Service\\nmetadata:\\n  name: web\\n",' +
  '"hooks":[{"name":"web-test","kind":"Pod","path":"web/templates/tests/test.yaml","manifest":"kind: Pod","events":["test"],"last_run":{"started_at":"","completed_at":"","phase":""},"delete_policies":["before-hook-creation"]}],"version":1,"namespace":"apps"}';

function helmSecretData(json: string): Record<string, string> {
  const encoded = gzipSync(Buffer.from(json), { level: 9 }).toString('base64');
  return { release: Buffer.from(encoded).toString('base64') };
}

describe('decoding Helm 3 release records', () => {
  it('decodes a Secret record written by helm with helm field names', () => {
    const rel = decodeRelease(payloadOf('secret', helmSecretData(GOLDEN_JSON)));
    expect(rel).toMatchObject({
      name: 'web',
      namespace: 'apps',
      version: 1,
      info: { status: 'deployed', description: 'Install complete', notes: 'Visit <http://web>', deleted: '0001-01-01T00:00:00Z', first_deployed: '2026-11-30T10:00:00.123456789Z' },
      chart: { metadata: { name: 'web', version: '1.2.3', appVersion: '4.5.6' }, values: { replicaCount: 1 }, lock: null, schema: null },
      config: { replicaCount: 3 },
      hooks: [{ name: 'web-test', kind: 'Pod', events: ['test'], delete_policies: ['before-hook-creation'] }],
    });
    expect(splitManifest(rel.manifest)).toEqual([expect.objectContaining({ apiVersion: 'v1', kind: 'Service', name: 'web' })]);
  });

  it('re-encodes byte-for-byte the same JSON (key order, Go escaping, unknown fields kept)', () => {
    const rel = decodeRelease(gzipSync(Buffer.from(GOLDEN_JSON)).toString('base64'));
    expect(goJson(rel)).toBe(GOLDEN_JSON);
    expect(decodeRelease(encodeRelease(rel))).toEqual(rel);
  });

  it('reads ConfigMap records (no outer base64) and uncompressed payloads like helm', () => {
    const s = gzipSync(Buffer.from(GOLDEN_JSON)).toString('base64');
    expect(decodeRelease(payloadOf('configmap', { release: s })).name).toBe('web');
    expect(decodeRelease(Buffer.from(GOLDEN_JSON).toString('base64')).version).toBe(1);
    const data = recordData('configmap', decodeRelease(s));
    expect(decodeRelease(payloadOf('configmap', data)).chart?.metadata?.name).toBe('web');
  });

  it('rejects payloads that are not Helm releases with a clear error', () => {
    expect(() => decodeRelease('')).toThrow(HelmDecodeError);
    expect(() => decodeRelease(gzipSync(Buffer.from('{"name":"x"}')).toString('base64'))).toThrow(/version/);
    expect(() => payloadOf('secret', {})).toThrow(/data.release/);
    expect(() => decodeRelease(Buffer.from('not json').toString('base64'))).toThrow(/not JSON/);
  });

  it('decodes what the sandbox writes playing Helm (the demo records)', () => {
    const rec: ReleaseRecord = {
      name: 'cache', namespace: 'shop', version: 2, status: 'failed', description: 'Upgrade "cache" failed: boom',
      firstDeployed: new Date('2026-12-01T00:00:00Z'), lastDeployed: new Date('2026-12-02T00:00:00Z'), notes: 'n',
      chart: { name: 'memcached', version: '7.5.2', appVersion: '1.6.32', description: 'd' }, templates: { 'templates/a.yaml': 'x: <y>' },
      defaults: { a: 1 }, config: { b: 2 }, manifest: '---\n# Source: memcached/templates/a.yaml\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n', hooks: [],
    };
    const secret = releaseSecret(rec);
    expect(secret.metadata).toMatchObject({ name: recordName('cache', 2), labels: { owner: 'helm', name: 'cache', status: 'failed', version: '2' } });
    expect((secret as { type?: string }).type).toBe('helm.sh/release.v1');
    const rel = decodeRelease(payloadOf('secret', (secret as unknown as { data: Record<string, string> }).data));
    expect(rel).toMatchObject({ name: 'cache', version: 2, namespace: 'shop', info: { status: 'failed', last_deployed: '2026-12-02T00:00:00Z' }, chart: { metadata: { name: 'memcached', appVersion: '1.6.32' } }, config: { b: 2 } });
    expect(Buffer.from(rel.chart!.templates![0]!.data, 'base64').toString()).toBe('x: <y>');
  });
});

describe('values', () => {
  it('coalesces user values over chart defaults like helm get values --all', () => {
    const defaults = { replicaCount: 1, image: { repository: 'r', tag: '1' }, drop: 'me', list: [1, 2] };
    const merged = coalesceValues(defaults, { image: { tag: '2' }, drop: null, list: [3] });
    expect(merged).toEqual({ replicaCount: 1, image: { repository: 'r', tag: '2' }, list: [3] });
    expect(valuesYaml({})).toBe('{}\n');
    expect(valuesYaml({ b: 1, a: 2 })).toBe('a: 2\nb: 1\n');
  });
});

describe('history limit (storage.removeLeastRecent)', () => {
  const rel = (version: number, status: string) => ({ name: 'x', version, info: { status } });
  it('removes the oldest revisions to make room for one more, never the last deployed', () => {
    const h = [rel(1, 'deployed'), rel(2, 'superseded'), rel(3, 'failed'), rel(4, 'failed')];
    expect(leastRecent(h, 10)).toEqual([]);
    expect(leastRecent(h, 3).map((r) => r.version)).toEqual([2, 3]);
    expect(leastRecent(h, 0)).toEqual([]);
  });
});
