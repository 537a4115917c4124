/**
 * Entry point of the sandbox's simulated control plane (controllers, kubelets, scenarios).
 * Called by cluster.ts once the API server and store are up. Owned by the controllers/kubelet work.
 */
import type { SandboxClient, SandboxRuntime, SandboxRuntimeOptions } from './types';

export async function startRuntime(_client: SandboxClient, _opts: SandboxRuntimeOptions): Promise<SandboxRuntime> {
  return { stop() {} };
}
