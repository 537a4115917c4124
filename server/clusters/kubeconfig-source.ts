/**
 * Turns kubeconfig files (and the in-cluster service account) into one KubeConfig per context, each with
 * a fingerprint so a reload can tell changed contexts from unchanged ones. client-node does all parsing
 * and auth; relative cert/key paths are resolved against the file's directory by loadFromFile.
 */
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

export function loadInCluster(): ContextConfig[] {
  const kc = new KubeConfig();
  kc.loadFromCluster();
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
