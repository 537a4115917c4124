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

  it('rejects bad values and unknown flags with a message', () => {
    expect(() => loadConfig([], { ...base, PORT: 'eighty' })).toThrow();
    expect(() => loadConfig([], { ...base, WHEELHOUSE_SANDBOX: 'maybe' })).toThrow();
    expect(() => loadConfig(['--frobnicate'], base)).toThrow(/unknown flag --frobnicate/);
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
