/** Registry behaviour that needs no cluster: ids, reload on file edits, removal, unreachable state. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { eventually, quietLogger } from '../watch/testing';
import { kubeconfigFiles } from './kubeconfig-source';
import { ClusterRegistry, type RegistryChange } from './registry';

const kc = (contexts: { name: string; port: number }[]) =>
  YAML.stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: contexts.map((c) => ({ name: c.name, cluster: { server: `https://127.0.0.1:${c.port}`, 'insecure-skip-tls-verify': true } })),
    users: [{ name: 'u', user: { token: 't' } }],
    contexts: contexts.map((c) => ({ name: c.name, context: { cluster: c.name, user: 'u' } })),
    'current-context': contexts[0]?.name ?? '',
  });

let reg: ClusterRegistry | undefined;
afterEach(() => reg?.stop());

describe('ClusterRegistry', () => {
  it('loads every context, reloads on edits, keeps ids stable and marks dead servers unreachable', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-reg-'));
    const file = path.join(dir, 'config');
    fs.writeFileSync(file, kc([{ name: 'Prod EU', port: 1 }, { name: 'prod_eu', port: 1 }]));
    reg = new ClusterRegistry({ files: [file], inCluster: false, logger: quietLogger, pollMs: 50, connectTimeoutMs: 300 });
    await reg.ready;
    const changes: RegistryChange[] = [];
    reg.onChange((c) => changes.push(c));
    expect(reg.list().map((c) => c.id)).toEqual(['prod-eu', 'prod-eu-2']);
    await eventually(() => reg!.list().every((c) => c.state === 'unreachable' && c.error), 5_000, 'unreachable');
    expect(() => reg!.client('prod-eu')).toThrow(expect.objectContaining({ status: 503, reason: 'ServiceUnavailable' }));
    expect(() => reg!.client('nope')).toThrow(expect.objectContaining({ status: 404 }));

    fs.writeFileSync(file, kc([{ name: 'prod_eu', port: 2 }, { name: 'staging', port: 1 }]));
    await eventually(() => changes.length >= 3, 5_000, 'reload');
    expect(changes).toEqual(expect.arrayContaining([{ type: 'updated', id: 'prod-eu-2' }, { type: 'added', id: 'staging' }, { type: 'removed', id: 'prod-eu' }]));
    expect(reg.list().map((c) => c.id).sort()).toEqual(['prod-eu-2', 'staging']);

    fs.writeFileSync(file, 'not: [valid');
    reg.reloadFile(file); // what the file watcher calls: a broken file (mid-write) keeps the previous contexts
    expect(reg.list()).toHaveLength(2);
    fs.rmSync(dir, { recursive: true });
  });

  it('resolves KUBECONFIG and the default file', () => {
    expect(kubeconfigFiles(['/a'], { KUBECONFIG: `/b${path.delimiter}/a` } as unknown as NodeJS.ProcessEnv, false)).toEqual(['/a', '/b']);
    expect(kubeconfigFiles([], {} as NodeJS.ProcessEnv, false)).toEqual([path.join(os.homedir(), '.kube', 'config')]);
    expect(kubeconfigFiles([], {} as NodeJS.ProcessEnv, true)).toEqual([]);
  });
});
