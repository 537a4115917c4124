/**
 * pods/log query fidelity with real kubelets: limitBytes cuts at exactly N bytes (mid-line), and booleans
 * spelled the way the Python client sends them (`follow=True`, `timestamps=True`) are honoured.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, hasKubectl, kubectl, request, startTestCluster, type TestCluster } from './test-helpers';
import { LOG_RATE_ANNOTATION } from '../kubelet/logs';

let c: TestCluster;
const LOG = '/api/v1/namespaces/default/pods/talk/log';

beforeAll(async () => {
  c = await startTestCluster({ name: 'lw', noRuntime: false, scenario: 'empty', speed: 20 });
  await request(c, 'POST', '/api/v1/namespaces/default/pods', {
    body: { metadata: { name: 'talk', annotations: { [LOG_RATE_ANNOTATION]: '200' } }, spec: { containers: [{ name: 'app', image: 'demo/chatty:1' }] } },
  });
  await eventually(async () => (await request(c, 'GET', LOG)).text.split('\n').length > 5, 20_000);
}, 40_000);
afterAll(async () => {
  await c?.stop();
});

describe('pods/log', () => {
  it.skipIf(!hasKubectl)('kubectl logs --limit-bytes prints exactly that many bytes, even mid-line', async () => {
    for (const n of [1, 7, 100]) {
      const r = await kubectl(c, ['logs', 'talk', `--limit-bytes=${n}`]);
      expect(r.code).toBe(0);
      expect(Buffer.byteLength(r.stdout)).toBe(n);
    }
    const full = (await request(c, 'GET', LOG)).text;
    const firstLine = full.slice(0, full.indexOf('\n') + 1);
    const cut = await request(c, 'GET', `${LOG}?limitBytes=${firstLine.length + 3}`);
    expect(cut.text).toBe(full.slice(0, firstLine.length + 3));
  });

  it('timestamps=True and follow=True are booleans too', async () => {
    const ts = await request(c, 'GET', `${LOG}?timestamps=True&limitBytes=40`);
    expect(ts.text).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z /);
    const f = await request(c, 'GET', `${LOG}?follow=True&limitBytes=2000`);
    expect(f.headers['transfer-encoding']).toBe('chunked');
    expect(Buffer.byteLength(f.text)).toBe(2000);
  });
});
