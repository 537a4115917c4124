/**
 * `--sandbox-clusters N`: the console starts N sandbox clusters and names them all in ONE kubeconfig, each its
 * own HTTPS server that answers with its own credentials.
 */
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { loadConfig } from './config';
import { startSandboxes } from './sandboxes';
import { quietLogger } from './watch/testing';

interface Kubeconfig {
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data': string } }[];
  users: { name: string; user: { token: string } }[];
  contexts: { name: string; context: { cluster: string; user: string } }[];
}

function version(server: string, ca: string, token: string): Promise<{ gitVersion?: string }> {
  return new Promise((resolve, reject) => {
    https
      .get(`${server}/version`, { ca, headers: { Authorization: `Bearer ${token}` } }, (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString('utf8')));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as { gitVersion?: string }) : reject(new Error(`${res.statusCode} ${body}`))));
      })
      .on('error', reject);
  });
}

describe('startSandboxes with --sandbox-clusters', () => {
  it('starts sandbox-1..N, each reachable through the merged kubeconfig', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'wh-sandboxes-'));
    const config = loadConfig(['--sandbox-clusters', '3'], { HOME: dataDir, WHEELHOUSE_DATA_DIR: dataDir, WHEELHOUSE_SANDBOX_SCENARIO: 'empty' } as unknown as NodeJS.ProcessEnv);
    const running = await startSandboxes(config, quietLogger);
    try {
      const kc = YAML.parse(fs.readFileSync(running.kubeconfigPath, 'utf8')) as Kubeconfig;
      expect(kc.contexts.map((c) => c.name)).toEqual(['sandbox-1', 'sandbox-2', 'sandbox-3']);
      expect(new Set(kc.clusters.map((c) => c.cluster.server)).size).toBe(3);
      for (const ctx of kc.contexts) {
        const cluster = kc.clusters.find((c) => c.name === ctx.context.cluster)!.cluster;
        const user = kc.users.find((u) => u.name === ctx.context.user)!.user;
        const ca = Buffer.from(cluster['certificate-authority-data'], 'base64').toString('utf8');
        expect((await version(cluster.server, ca, user.token)).gitVersion).toMatch(/^v1\./);
      }
    } finally {
      await running.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
