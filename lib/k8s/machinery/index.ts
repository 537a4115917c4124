/**
 * Kubernetes basics shared by the sandbox, the BFF and the UI (the role of k8s.io/apimachinery): pure,
 * runtime-neutral, no imports outside this folder but types. See docs/machinery.md.
 */
export * from './labels';
export * from './quantity';
export * from './duration';
export * from './age';
export * from './pod-status';
export * from './job-status';
export * from './conditions';
export * from './equal';
export * from './keys';
export * from './log-resume-cursor';
