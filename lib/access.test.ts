import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestAccess } from './access';
import { setSession } from './auth-client';

interface Call {
  url: string;
  method: string;
  headers: Headers;
  body?: string;
}

/** A stand-in for the BFF's access endpoint: answers "allowed" for every verb except delete. */
function stubBff(opts: { fail?: boolean } = {}): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    calls.push({ url, method: init.method ?? 'GET', headers: new Headers(init.headers), body: init.body as string | undefined });
    if (url === '/api/auth/session') {
      return Response.json({ authenticated: true, authMode: 'local', user: { username: 'u', groups: [], kind: 'local', admin: false }, csrfToken: 'tok-1', expiresAt: '', idleExpiresAt: '' });
    }
    if (opts.fail) return Response.json({ status: 500, reason: 'InternalError', message: 'boom' }, { status: 500 });
    const { checks } = JSON.parse(init.body as string) as { checks: { verb: string }[] };
    return Response.json({ results: checks.map((c) => (c.verb === 'delete' ? { allowed: false, reason: 'no deletes here' } : { allowed: true })) });
  });
  return calls;
}

afterEach(() => {
  vi.unstubAllGlobals();
  setSession(undefined);
});

describe('requestAccess', () => {
  it('batches the checks of one tick into one POST per cluster, de-duplicated, with the CSRF token', async () => {
    const calls = stubBff();
    const pod = { group: '', resource: 'pods', namespace: 'default' };
    const answers = await Promise.all([
      requestAccess('east', { verb: 'list', ...pod }),
      requestAccess('east', { verb: 'delete', ...pod, name: 'p' }),
      requestAccess('east', { verb: 'list', ...pod }),
      requestAccess('west', { verb: 'list', ...pod }),
    ]);
    expect(answers).toEqual([{ allowed: true }, { allowed: false, reason: 'no deletes here' }, { allowed: true }, { allowed: true }]);
    const posts = calls.filter((c) => c.method === 'POST');
    expect(posts.map((c) => c.url).sort()).toEqual(['/api/clusters/east/access', '/api/clusters/west/access']);
    expect(JSON.parse(posts.find((c) => c.url.includes('east'))!.body!).checks).toHaveLength(2);
    for (const p of posts) expect(p.headers.get('x-csrf-token')).toBe('tok-1');
    // the session was read once for both requests
    expect(calls.filter((c) => c.url === '/api/auth/session')).toHaveLength(1);
  });

  it('fails open when the endpoint fails', async () => {
    stubBff({ fail: true });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(await requestAccess('east', { verb: 'delete', group: '', resource: 'pods' })).toEqual({ allowed: true });
    expect(warn).toHaveBeenCalled();
    warn.mockRestore();
  });
});
