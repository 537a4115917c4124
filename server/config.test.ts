import { describe, it, expect } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from './config';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-home-'));
const base = { HOME: home } as unknown as NodeJS.ProcessEnv;

describe('loadConfig', () => {
  it('defaults to 127.0.0.1:3000 with sandboxes when no cluster is configured', () => {
    const c = loadConfig([], base);
    expect(c.port).toBe(3000);
    expect(c.host).toBe('127.0.0.1');
    expect(c.kubeconfigFiles).toEqual([]);
    expect(c.sandbox.enabled).toBe(true);
    expect(c.sandbox.names).toEqual(['sandbox-east', 'sandbox-west']);
  });

  it('turns the sandboxes off when real clusters are configured, unless forced', () => {
    const env = { ...base, KUBECONFIG: ['/a', '/b'].join(path.delimiter) };
    expect(loadConfig([], env).kubeconfigFiles).toEqual(['/a', '/b']);
    expect(loadConfig([], env).sandbox.enabled).toBe(false);
    expect(loadConfig(['--sandbox'], env).sandbox.enabled).toBe(true);
    expect(loadConfig(['--no-sandbox'], base).sandbox.enabled).toBe(false);
  });

  it('starts N sandbox clusters named sandbox-1..N with --sandbox-clusters or WHEELHOUSE_SANDBOX_CLUSTERS', () => {
    const names = Array.from({ length: 20 }, (_, i) => `sandbox-${i + 1}`);
    expect(loadConfig(['--sandbox-clusters', '20'], base).sandbox.names).toEqual(names);
    expect(loadConfig(['--sandbox-clusters=3'], base).sandbox.names).toEqual(['sandbox-1', 'sandbox-2', 'sandbox-3']);
    expect(loadConfig([], { ...base, WHEELHOUSE_SANDBOX_CLUSTERS: '20' }).sandbox.names).toEqual(names);
    // the flag wins over the environment, and asks for sandboxes even beside real clusters
    const real = { ...base, KUBECONFIG: '/a', WHEELHOUSE_SANDBOX_CLUSTERS: '5' };
    expect(loadConfig([], real).sandbox.enabled).toBe(false);
    expect(loadConfig(['--sandbox-clusters', '2'], real).sandbox).toMatchObject({ enabled: true, names: ['sandbox-1', 'sandbox-2'] });
    for (const bad of [['--sandbox-clusters'], ['--sandbox-clusters', '0'], ['--sandbox-clusters=101'], ['--sandbox-clusters', 'many'], ['--sandbox-clusters=2.5']]) {
      expect(() => loadConfig(bad, base), bad.join(' ')).toThrow(/--sandbox-clusters needs a whole number from 1 to 100/);
    }
    expect(() => loadConfig(['--sandbox-clusters', '3', '--no-sandbox'], base)).toThrow(/contradict/);
    expect(() => loadConfig([], { ...base, WHEELHOUSE_SANDBOX_CLUSTERS: '0' })).toThrow();
  });

  it('rejects bad values and unknown flags with a message', () => {
    expect(() => loadConfig([], { ...base, PORT: 'eighty' })).toThrow();
    expect(() => loadConfig([], { ...base, WHEELHOUSE_SANDBOX: 'maybe' })).toThrow();
    expect(() => loadConfig(['--frobnicate'], base)).toThrow(/unknown flag --frobnicate/);
  });

  it('reads the change history settings: on, 14 days and 5 GB by default; sizes as quantities', () => {
    expect(loadConfig([], base).history).toEqual({ enabled: true, maxAgeMs: 14 * 24 * 3600_000, maxBytes: 5_000_000_000 });
    const c = loadConfig([], { ...base, WHEELHOUSE_HISTORY: 'off', WHEELHOUSE_HISTORY_RETENTION_DAYS: '2', WHEELHOUSE_HISTORY_MAX_BYTES: '2Gi' });
    expect(c.history).toEqual({ enabled: false, maxAgeMs: 2 * 24 * 3600_000, maxBytes: 2 * 1024 ** 3 });
    expect(() => loadConfig([], { ...base, WHEELHOUSE_HISTORY_MAX_BYTES: 'lots' })).toThrow(/WHEELHOUSE_HISTORY_MAX_BYTES/);
    expect(() => loadConfig([], { ...base, WHEELHOUSE_HISTORY_MAX_BYTES: '10' })).toThrow(/at least 1Mi/);
  });

  it('detects in-cluster mode from the service-account dir and then keeps the sandboxes off unless asked', () => {
    const sa = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-sa-'));
    fs.writeFileSync(path.join(sa, 'token'), 'x');
    const env = { ...base, WHEELHOUSE_SA_DIR: sa, KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443' };
    const c = loadConfig([], env);
    expect(c.inCluster).toBe(true);
    expect(c.serviceAccountDir).toBe(sa);
    expect(c.kubeconfigFiles).toEqual([]);
    expect(c.sandbox.enabled).toBe(false);
    expect(loadConfig(['--sandbox'], env).sandbox.enabled).toBe(true);
    expect(loadConfig(['--no-in-cluster'], env).inCluster).toBe(false);
    // not in a pod: no service host, or no token in the directory
    expect(loadConfig([], { ...env, KUBERNETES_SERVICE_HOST: undefined }).inCluster).toBe(false);
    expect(loadConfig([], { ...env, WHEELHOUSE_SA_DIR: home }).inCluster).toBe(false);
    expect(loadConfig([], base).serviceAccountDir).toBe('/var/run/secrets/kubernetes.io/serviceaccount');
    fs.rmSync(sa, { recursive: true, force: true });
  });
});

describe('WHEELHOUSE_ALLOWED_ORIGINS', () => {
  it('is empty by default and parses a comma-separated list of origins, normalised', () => {
    expect(loadConfig([], base).allowedOrigins).toEqual([]);
    const c = loadConfig([], { ...base, WHEELHOUSE_ALLOWED_ORIGINS: 'https://Console.Example.com, http://127.0.0.1:8080/ ,https://x.example:443' });
    expect(c.allowedOrigins).toEqual(['https://console.example.com', 'http://127.0.0.1:8080', 'https://x.example']);
  });

  it('rejects anything that is not a bare http(s) origin', () => {
    for (const bad of ['console.example.com', 'https://x.example/path', 'javascript:alert(1)', 'null', 'https://u:p@x.example', 'ftp://x.example']) {
      expect(() => loadConfig([], { ...base, WHEELHOUSE_ALLOWED_ORIGINS: bad }), bad).toThrow(/WHEELHOUSE_ALLOWED_ORIGINS/);
    }
  });
});

describe('authentication options', () => {
  it('defaults to local login with a 30 min idle / 12 h session, users file and secret in the data dir', () => {
    const c = loadConfig([], { ...base, WHEELHOUSE_DATA_DIR: '/srv/wh' });
    expect(c.auth).toEqual({ mode: 'local', usersFile: '/srv/wh/users.json', sessionSecret: undefined, idleMs: 30 * 60_000, maxMs: 12 * 3_600_000, secureCookies: 'auto' });
    expect(c.trustProxy).toBe(false);
    const d = loadConfig([], { ...base, WHEELHOUSE_USERS_FILE: '/etc/wh/users.json', WHEELHOUSE_SESSION_IDLE_MINUTES: '5', WHEELHOUSE_SESSION_MAX_HOURS: '1', WHEELHOUSE_SECURE_COOKIES: 'always', WHEELHOUSE_SESSION_SECRET: 's'.repeat(32) });
    expect(d.auth).toMatchObject({ usersFile: '/etc/wh/users.json', idleMs: 300_000, maxMs: 3_600_000, secureCookies: 'always', sessionSecret: 's'.repeat(32) });
    expect(() => loadConfig([], { ...base, WHEELHOUSE_SESSION_SECRET: 'too-short' })).toThrow(/at least 32/);
  });

  it('takes --auth none / --auth=none / WHEELHOUSE_AUTH, flags winning', () => {
    expect(loadConfig(['--auth', 'none'], base).auth.mode).toBe('none');
    expect(loadConfig(['--auth=none', '--no-sandbox'], base).auth.mode).toBe('none');
    expect(loadConfig([], { ...base, WHEELHOUSE_AUTH: 'none' }).auth.mode).toBe('none');
    expect(loadConfig(['--auth', 'local'], { ...base, WHEELHOUSE_AUTH: 'none' }).auth.mode).toBe('local');
    expect(() => loadConfig(['--auth'], base)).toThrow(/--auth needs/);
    expect(() => loadConfig(['--auth=open'], base)).toThrow(/--auth needs/);
    expect(() => loadConfig([], { ...base, WHEELHOUSE_AUTH: 'open' })).toThrow();
  });

  it('refuses --auth none on a non-loopback HOST', () => {
    for (const host of ['127.0.0.1', '127.1.2.3', '::1', 'localhost', '[::1]']) expect(loadConfig(['--auth', 'none'], { ...base, HOST: host }).host).toBe(host);
    for (const host of ['0.0.0.0', '::', '10.0.0.5', 'console.example.com']) {
      expect(() => loadConfig(['--auth', 'none'], { ...base, HOST: host }), host).toThrow(/loopback/);
    }
    expect(loadConfig([], { ...base, HOST: '0.0.0.0' }).auth.mode).toBe('local');
  });

  it('parses WHEELHOUSE_TRUST_PROXY', () => {
    const tp = (v: string) => loadConfig([], { ...base, WHEELHOUSE_TRUST_PROXY: v }).trustProxy;
    expect(tp('true')).toBe(true);
    expect(tp('false')).toBe(false);
    expect(tp('2')).toBe(2);
    expect(tp('loopback, 10.0.0.0/8,::1')).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(() => tp('somewhere')).toThrow(/WHEELHOUSE_TRUST_PROXY/);
  });
});
