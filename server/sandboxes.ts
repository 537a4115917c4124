/**
 * Starts the embedded sandbox clusters and writes ONE kubeconfig file naming all of them. The BFF then reads
 * that file like any other kubeconfig: nothing past this point knows the clusters are simulated. The sandbox
 * package (@wheelhouse/sandbox) is imported lazily, only when sandboxes are enabled.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import YAML from 'yaml';
import type { Config } from './config';

export interface RunningSandboxes {
  kubeconfigPath: string;
  stop(): Promise<void>;
}

interface KubeconfigDoc {
  clusters?: unknown[];
  users?: unknown[];
  contexts?: unknown[];
  'current-context'?: string;
}

export async function startSandboxes(config: Config, logger: Logger): Promise<RunningSandboxes> {
  // loaded only here: a console without sandboxes never loads the simulated cluster or its dependencies
  const { startSandboxCluster } = await import('@wheelhouse/sandbox');
  const clusters = await Promise.all(
    config.sandbox.names.map((name) =>
      startSandboxCluster({
        name,
        scenario: config.sandbox.scenario,
        speed: config.sandbox.speed,
        pods: config.sandbox.pods,
        logger: logger.child({ sandbox: name }),
      }),
    ),
  );
  const merged = mergeKubeconfigs(clusters.map((c) => c.kubeconfig));
  fs.mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  const kubeconfigPath = path.join(config.dataDir, 'sandbox.kubeconfig');
  fs.writeFileSync(kubeconfigPath, merged, { mode: 0o600 });
  logger.info({ clusters: clusters.map((c) => c.name), kubeconfig: kubeconfigPath }, 'sandbox clusters started');
  return {
    kubeconfigPath,
    async stop() {
      await Promise.allSettled(clusters.map((c) => c.stop()));
    },
  };
}

export function mergeKubeconfigs(docs: string[]): string {
  const out: Required<KubeconfigDoc> & { apiVersion: string; kind: string } = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [],
    users: [],
    contexts: [],
    'current-context': '',
  };
  for (const text of docs) {
    const d = YAML.parse(text) as KubeconfigDoc;
    out.clusters.push(...(d.clusters ?? []));
    out.users.push(...(d.users ?? []));
    out.contexts.push(...(d.contexts ?? []));
    if (!out['current-context'] && d['current-context']) out['current-context'] = d['current-context'];
  }
  return YAML.stringify(out);
}
