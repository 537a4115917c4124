import { describe, expect, it } from 'vitest';
import { normalizeOrigin, originAllowed } from './origin';

describe('originAllowed', () => {
  const allow = ['https://console.example.com'];
  it('allows same host:port, the allowlist and Origin-less (non-browser) handshakes', () => {
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, [])).toBe(true);
    expect(originAllowed({ host: 'Console.Example.com', origin: 'https://console.example.com' }, [])).toBe(true);
    expect(originAllowed({ host: 'console.example.com:443', origin: 'https://console.example.com' }, [])).toBe(true);
    expect(originAllowed({ host: '[::1]:3000', origin: 'http://[::1]:3000' }, [])).toBe(true);
    expect(originAllowed({ host: 'internal:8080', origin: 'https://console.example.com' }, allow)).toBe(true);
    expect(originAllowed({ host: '127.0.0.1:3000' }, [])).toBe(true);
  });

  it('refuses other origins, other ports, null, non-http schemes and a missing Host', () => {
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'http://evil.example' }, allow)).toBe(false);
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3001' }, [])).toBe(false);
    expect(originAllowed({ host: 'localhost:3000', origin: 'http://127.0.0.1:3000' }, [])).toBe(false);
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'null' }, [])).toBe(false);
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'file:///x' }, [])).toBe(false);
    expect(originAllowed({ origin: 'http://127.0.0.1:3000' }, [])).toBe(false);
    expect(normalizeOrigin('HTTPS://X.Example:443/')).toBe('https://x.example');
  });

  it('with requireOrigin (HTTP mutations) refuses an absent Origin, and keeps every other rule', () => {
    expect(originAllowed({ host: '127.0.0.1:3000' }, [], { requireOrigin: true })).toBe(false);
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'null' }, [], { requireOrigin: true })).toBe(false);
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }, [], { requireOrigin: true })).toBe(true);
    expect(originAllowed({ host: 'internal:8080', origin: 'https://console.example.com' }, allow, { requireOrigin: true })).toBe(true);
    expect(originAllowed({ host: '127.0.0.1:3000', origin: 'http://evil.example' }, allow, { requireOrigin: true })).toBe(false);
  });
});
