/**
 * Turns kubeconfig files (and the in-cluster service account) into one KubeConfig per context, each with
 * a fingerprint so a reload can tell changed contexts from unchanged ones. client-node does all parsing
 * and auth; relative cert/key paths are resolved against the file's directory by loadFromFile.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export interface ContextConfig {
  /** file path, or 'in-cluster' */
  source: string;
  context: string;
  kc: KubeConfig;
  fingerprint: string;
}

export function loadKubeconfigFile(file: string): ContextConfig[] {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  return splitContexts(kc, file);
}

export const DEFAULT_SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/**
 * The pod's own cluster: KUBERNETES_SERVICE_HOST/PORT plus the mounted service account. client-node's
 * loadFromCluster only takes a prefix before the fixed standard path, so the directory's files are set here;
 * the token stays a file reference (client-node re-reads it, so projected-token rotation keeps working).
 * The context is named "in-cluster", which becomes the cluster's id.
 */
export function loadInCluster(saDir: string = DEFAULT_SA_DIR): ContextConfig[] {
  const base = new KubeConfig();
  base.loadFromCluster(); // server URL from the environment, with client-node's scheme and IPv6 rules
  const server = base.getCurrentCluster()?.server;
  if (!process.env.KUBERNETES_SERVICE_HOST || !server) throw new Error('KUBERNETES_SERVICE_HOST is not set');
  const nsFile = path.join(saDir, 'namespace');
  const namespace = fs.existsSync(nsFile) ? fs.readFileSync(nsFile, 'utf8').trim() : undefined;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'in-cluster', server, caFile: path.join(saDir, 'ca.crt'), skipTLSVerify: false }],
    users: [{ name: 'in-cluster', authProvider: { name: 'tokenFile', config: { tokenFile: path.join(saDir, 'token') } } }],
    contexts: [{ name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', ...(namespace ? { namespace } : {}) }],
    currentContext: 'in-cluster',
  });
  return splitContexts(kc, 'in-cluster');
}

function splitContexts(kc: KubeConfig, source: string): ContextConfig[] {
  return kc.getContexts().map((ctx) => {
    const one = new KubeConfig();
    one.loadFromOptions({ clusters: kc.clusters, users: kc.users, contexts: kc.contexts, currentContext: ctx.name });
    // credentials are part of the fingerprint only, never logged
    const fingerprint = JSON.stringify([ctx, one.getCurrentCluster(), one.getCurrentUser()]);
    return { source, context: ctx.name, kc: one, fingerprint };
  });
}

/**
 * The files to load: the ones the caller passes plus $KUBECONFIG (path-delimiter separated); when both are
 * empty and we are not in a pod, ~/.kube/config.
 */
export function kubeconfigFiles(passed: string[], env: NodeJS.ProcessEnv, inCluster: boolean): string[] {
  const fromEnv = (env.KUBECONFIG ?? '').split(path.delimiter).filter(Boolean);
  const files = [...passed, ...fromEnv].map((f) => path.resolve(f));
  if (files.length === 0 && !inCluster) files.push(path.join(os.homedir(), '.kube', 'config'));
  return [...new Set(files)];
}
