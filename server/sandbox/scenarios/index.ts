/**
 * Named, deterministic scenarios: `empty` (system namespaces + nodes), `demo` (default; different apps on
 * sandbox-east and sandbox-west), `scale` (opts.pods running pods, bulk-created).
 */
import type { SandboxClient, SandboxRuntimeOptions } from '../types';
import type { EventRecorder } from '../controllers/lib/events';
import { R } from '../controllers/lib/refs';
import { defaultNodes, makeNode } from '../kubelet/nodes';
import { ensure, namespace } from './builders';
import { applyDemo } from './demo';
import { applyScale, scaleNodes } from './scale';
import { applySystem } from './system';

export const SCENARIOS = ['empty', 'demo', 'scale'] as const;

export interface ScenarioOpts extends SandboxRuntimeOptions {
  recorder?: EventRecorder;
}

/** Creates the cluster's simulated nodes (idempotent). */
export function ensureNodes(client: SandboxClient, opts: SandboxRuntimeOptions): void {
  if (opts.scenario === 'scale') {
    for (const n of scaleNodes(opts.clusterName, opts.pods ?? 1000)) ensure(client, R.nodes, n);
    return;
  }
  for (const n of defaultNodes(opts.clusterName)) ensure(client, R.nodes, makeNode(n, opts.clusterName));
}

export function ensureSystemNamespaces(client: SandboxClient): void {
  for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) ensure(client, R.namespaces, namespace(ns));
}

/** The `kubernetes` Service's Endpoints point at the API server, which is selector-less and hand-maintained. */
function ensureApiEndpoints(client: SandboxClient): void {
  ensure(client, R.endpoints, {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: { name: 'kubernetes', namespace: 'default', labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' } },
    subsets: [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }],
  });
}

export async function applyScenario(client: SandboxClient, name: string, opts: ScenarioOpts): Promise<void> {
  ensureSystemNamespaces(client);
  ensureApiEndpoints(client);
  switch (name) {
    case 'empty':
      return;
    case 'demo':
      applySystem(client, opts);
      await applyDemo(client, opts);
      return;
    case 'scale':
      await applyScale(client, opts);
      return;
    default:
      throw new Error(`unknown sandbox scenario "${name}" (known: ${SCENARIOS.join(', ')})`);
  }
}
