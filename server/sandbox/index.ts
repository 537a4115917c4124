/**
 * @wheelhouse/sandbox public entry: start a simulated cluster and get its kubeconfig. The console reaches the
 * sandbox only through this module (loaded lazily, when sandboxes are enabled) and then talks to it over
 * HTTPS like any cluster.
 */
export { startSandboxCluster, kubeconfigYaml, type SandboxCluster, type SandboxClusterOptions } from './cluster';
