/**
 * Reads and writes of Kubernetes objects through the BFF's generic resource routes: one function per verb,
 * every write with the precondition the user acted on (ARCHITECTURE convention 9). Errors are the typed
 * ApiRequestError (status 409 = conflict, 404 = gone), the server's message verbatim.
 */
import { z } from 'zod';
import { fetchJson } from '../../api-client';
import type { K8sObject } from '../types';
import type { ObjectRef, ResourceRef } from './ref';
import { resourceUrl, workloadUrl, type WorkloadOperation } from './url';

/** An object as JSON: plain Kubernetes JSON, whole as the API returns it (ARCHITECTURE convention 2). */
export type KubeJson = K8sObject;

export const listResponse = z
  .object({
    items: z.array(z.object({ metadata: z.object({ name: z.string(), namespace: z.string().optional() }).passthrough() }).passthrough()),
    metadata: z.object({ resourceVersion: z.string().optional(), continue: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type ListResponse = z.infer<typeof listResponse>;

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  limit?: number;
}

export interface WriteOptions {
  dryRun?: boolean;
  fieldManager?: string;
}

const writeQuery = (o: WriteOptions = {}) => ({ dryRun: o.dryRun ? 'All' : undefined, fieldManager: o.fieldManager });
const json = (method: 'POST' | 'PUT', body: unknown) => ({ method, body: JSON.stringify(body) });

export function getObject<T extends KubeJson = KubeJson>(ref: ObjectRef, signal?: AbortSignal): Promise<T> {
  return fetchJson<T>(resourceUrl(ref), { signal });
}

export function listObjects(ref: ResourceRef, o: ListOptions = {}, signal?: AbortSignal): Promise<ListResponse> {
  return fetchJson(resourceUrl({ ...ref, name: undefined }, undefined, { ...o }), { schema: listResponse, signal });
}

/** POST to the collection (the name comes from the body's metadata). */
export function createObject<T extends object = KubeJson>(ref: ResourceRef, body: object, o?: WriteOptions): Promise<T> {
  return fetchJson<T>(resourceUrl({ ...ref, name: undefined }, undefined, writeQuery(o)), json('POST', body));
}

/** PUT the whole object; its metadata.resourceVersion is the precondition (a stale one answers 409). */
export function replaceObject<T extends object = KubeJson>(ref: ObjectRef, body: object, o?: WriteOptions): Promise<T> {
  return fetchJson<T>(resourceUrl(ref, undefined, writeQuery(o)), json('PUT', body));
}

export type PatchType = 'merge' | 'json' | 'strategic';
const PATCH_CONTENT_TYPE: Record<PatchType, string> = {
  merge: 'application/merge-patch+json',
  json: 'application/json-patch+json',
  strategic: 'application/strategic-merge-patch+json',
};

/** PATCH; a merge patch carrying metadata.resourceVersion is conditional on it. */
export function patchObject<T extends object = KubeJson>(ref: ObjectRef, patch: unknown, o: WriteOptions & { type?: PatchType; subresource?: 'scale' | 'status' } = {}): Promise<T> {
  return fetchJson<T>(resourceUrl(ref, o.subresource, writeQuery(o)), {
    method: 'PATCH',
    body: JSON.stringify(patch),
    headers: { 'content-type': PATCH_CONTENT_TYPE[o.type ?? 'merge'] },
  });
}

export type Propagation = 'Background' | 'Foreground' | 'Orphan';

export interface DeleteOptions {
  propagationPolicy?: Propagation;
  /** delete only this very object (not one re-created under the same name) / only this version of it */
  preconditions?: { uid?: string; resourceVersion?: string };
  dryRun?: boolean;
}

export function deleteObject(ref: ObjectRef, o: DeleteOptions = {}): Promise<unknown> {
  const url = resourceUrl(ref, undefined, { propagationPolicy: o.propagationPolicy, dryRun: o.dryRun ? 'All' : undefined });
  const pre = o.preconditions && (o.preconditions.uid || o.preconditions.resourceVersion) ? o.preconditions : undefined;
  return fetchJson(url, pre ? { method: 'DELETE', body: JSON.stringify({ preconditions: pre }) } : { method: 'DELETE' });
}

/** autoscaling/v1 Scale as the scale subresource returns it. */
export interface ScaleJson {
  metadata?: { name?: string; resourceVersion?: string };
  spec?: { replicas?: number };
  status?: { replicas?: number; selector?: string };
}

export function getScale(ref: ObjectRef, signal?: AbortSignal): Promise<ScaleJson> {
  return fetchJson<ScaleJson>(resourceUrl(ref, 'scale'), { signal });
}

/**
 * Sets the replica count through the scale subresource, conditional on `resourceVersion`: the version of the
 * object the user saw when choosing the count (the scale's resourceVersion is its parent's). A newer version
 * on the server answers 409 Conflict instead of overwriting whatever changed it.
 */
export function scaleObject(ref: ObjectRef, replicas: number, resourceVersion: string): Promise<ScaleJson> {
  return patchObject<ScaleJson>(ref, { metadata: { resourceVersion }, spec: { replicas } }, { subresource: 'scale' });
}

/** POST a workload operation (rollback, restart, pause, resume); the BFF computes the patch. */
export function runWorkloadOperation<T = unknown>(ref: ObjectRef, op: Exclude<WorkloadOperation, 'history'>, body: object = {}): Promise<T> {
  return fetchJson<T>(workloadUrl(ref, op), json('POST', body));
}
