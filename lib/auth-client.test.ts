import { describe, expect, it } from 'vitest';
import { loginHref, safeNext } from './auth-client';

describe('safeNext (the post-login target)', () => {
  it('keeps same-origin relative paths with their query and hash', () => {
    expect(safeNext('/c/sandbox-east/r/core/v1/pods?ns=default')).toBe('/c/sandbox-east/r/core/v1/pods?ns=default');
    expect(safeNext('/audit#top')).toBe('/audit#top');
    expect(safeNext('/')).toBe('/');
  });

  it.each([null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', 'c/x', '/\t/evil', '/\n//evil', '/login', '/login?next=/x'])(
    'turns %j into "/"',
    (next) => expect(safeNext(next)).toBe('/'),
  );

  it('never leaves the origin, whatever the encoding', () => {
    for (const next of ['/.//evil.example', '/a/..//evil.example', '/%2F%2Fevil.example', '/%5Cevil.example', '/./..//evil.example', '/a/../../evil']) {
      expect(new URL(safeNext(next), 'http://here.invalid').origin).toBe('http://here.invalid');
    }
  });
});

describe('loginHref', () => {
  it('carries where to come back to and the expiry reason', () => {
    expect(loginHref('/c/x?ns=a', true)).toBe('/login?next=%2Fc%2Fx%3Fns%3Da&reason=expired');
    expect(loginHref('/', false)).toBe('/login');
    expect(loginHref('//evil', false)).toBe('/login');
  });
});
