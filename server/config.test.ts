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
});
