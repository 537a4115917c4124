/**
 * Kubernetes patch semantics for the sandbox API server: pure functions over plain JSON objects.
 * Errors carry `.status`, `.reason` (and `.causes`) for the HTTP layer to turn into a metav1.Status.
 */
export { applyJsonPatch } from './json-patch';
export { applyMergePatch } from './merge-patch';
export { applyStrategicMergePatch } from './strategic-merge';
export { serverSideApply, type ApplyOptions } from './server-side-apply';
export { trackUpdate } from './track-update';
export type { SchemaNode } from './schema-node';
