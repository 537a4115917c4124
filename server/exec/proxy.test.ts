/**
 * The "Open" proxy against a sandbox nginx pod over real HTTPS: the answer comes through pods/proxy as the person,
 * with the opaque-origin sandbox CSP as its ONLY policy and none of the console's own headers or the pod's cookies;
 * path traversal out of the proxy subresource is refused; a viewer (the view role has no pods/proxy) gets 403 with
 * the reason. The browser half (a script in the page cannot reach /api) is e2e/terminal.spec.ts.
 */
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser, USERS } from '../auth/testing';
import { eventually } from '../watch/testing';
import { runPod, startExecHarness, type ExecHarness } from './testing';
import { PROXY_SANDBOX_CSP } from '../../lib/exec/proxy';
import { safeRest } from './proxy-route';

let h: ExecHarness;

function rawStatus(p: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const u = new URL(h.url);
    const req = http.request({ host: u.hostname, port: u.port, path: p, headers: { cookie: `wh_session=${root.cookie}` } }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}
let root: Browser;

beforeAll(async () => {
  h = await startExecHarness();
  root = new Browser(h.url);
  await root.login('root', USERS.root.password);
  await runPod(h, 'default', { metadata: { name: 'web' }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.27.3', ports: [{ containerPort: 80 }] }] } });
}, 60_000);

afterAll(async () => {
  await h?.close();
});

describe('proxy route', () => {
  it('serves the pod page in an opaque-origin sandbox, without the console headers or the pod cookies', async () => {
    const res = (await eventually(async () => {
      const r = await root.fetch(`/api/proxy/${h.cluster}/pods/default/web/80/`);
      return r.status === 200 ? r : undefined;
    }, 20_000, 'nginx answers'))!;
    expect(await res.text()).toContain('Welcome to nginx!');
    expect(res.headers.get('content-security-policy')).toBe(PROXY_SANDBOX_CSP);
    expect(res.headers.get('content-security-policy')).not.toContain('allow-same-origin');
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    // the app's own 404 is passed through as an answer
    expect((await root.fetch(`/api/proxy/${h.cluster}/pods/default/web/80/missing.html`)).status).toBe(404);
  });

  it('refuses dot segments and encoded slashes that would leave the proxy subresource', async () => {
    // raw request paths: fetch() would resolve dot segments before sending
    for (const p of ['..%2F..%2Fsecrets', '%2e%2e/%2e%2e/secrets', '../../secrets', 'a%2Fb']) {
      expect(await rawStatus(`/api/proxy/${h.cluster}/pods/default/web/80/${p}`)).toBe(400);
    }
    expect(safeRest('a/b c/%7E')).toBe('a/b%20c/~');
  });

  it('needs a session, and the RBAC right to get pods/proxy', async () => {
    expect((await new Browser(h.url).fetch(`/api/proxy/${h.cluster}/pods/default/web/80/`)).status).toBe(401);
    const alice = new Browser(h.url);
    await alice.login('alice', USERS.alice.password);
    const res = await alice.fetch(`/api/proxy/${h.cluster}/pods/default/web/80/`);
    expect(res.status).toBe(403);
    expect(((await res.json()) as { message: string }).message).toMatch(/pods\/proxy/);
  });
});
