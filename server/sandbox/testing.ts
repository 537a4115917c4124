/**
 * @wheelhouse/sandbox/testing: what the console's tests and benchmarks need beyond the public entry (object
 * builders, resource refs, scenario objects, a serving certificate for TLS tests).
 */
export { startSandboxCluster, kubeconfigYaml, type SandboxCluster, type SandboxClusterOptions } from './cluster';
export type { KObject } from './types';
export { R } from './controllers/lib/refs';
export { deployment } from './scenarios/builders';
export { widgetCrd } from './scenarios/crd';
export { LOG_RATE_ANNOTATION } from './kubelet/logs';
export { makeServingCert } from './apiserver/tls';
export { FakeClock, RealClock, type Clock } from './controllers/lib/clock';
export { releaseSecret, encodeRecord, releaseJson, type ReleaseRecord, type ChartMeta, type HookSpec } from './scenarios/helm-format';
export { applyHelmReleases } from './scenarios/helm-releases';
