/**
 * Writes of the YAML editor through the BFF's generic resource routes. Updates are PUTs carrying the
 * resourceVersion the edit started from (optimistic concurrency: a stale edit answers 409, never overwrites).
 */
import { clusterApi, fetchJson, urlGroup } from '@/lib/api-client';
import type { JsonObject } from '@/lib/yaml/clean';

export interface Target {
  cluster: string;
  group: string;
  version: string;
  resource: string;
  namespace?: string;
  name?: string;
}

function url(t: Target, q: Record<string, string | undefined>): string {
  const parts = ['resources', urlGroup(t.group), t.version, t.resource];
  if (t.name) parts.push(t.name);
  const qs = new URLSearchParams();
  if (t.namespace) qs.set('namespace', t.namespace);
  for (const [k, v] of Object.entries(q)) if (v) qs.set(k, v);
  const s = qs.toString();
  return clusterApi(t.cluster, ...parts) + (s ? `?${s}` : '');
}

export const FIELD_MANAGER = 'wheelhouse-yaml';

export function getObject(t: Target): Promise<JsonObject> {
  return fetchJson<JsonObject>(url(t, {}));
}

export function putObject(t: Target, body: JsonObject, dryRun: boolean): Promise<JsonObject> {
  return fetchJson<JsonObject>(url(t, { dryRun: dryRun ? 'All' : undefined, fieldManager: FIELD_MANAGER }), { method: 'PUT', body: JSON.stringify(body) });
}

/** JSON merge patch (Secrets: values are redacted in what the BFF sends, so only changed keys are written). */
export function mergePatchObject(t: Target, patch: JsonObject, dryRun: boolean): Promise<JsonObject> {
  return fetchJson<JsonObject>(url(t, { dryRun: dryRun ? 'All' : undefined, fieldManager: FIELD_MANAGER }), {
    method: 'PATCH',
    body: JSON.stringify(patch),
    headers: { 'content-type': 'application/merge-patch+json' },
  });
}

export function createObject(t: Target, body: JsonObject, dryRun: boolean): Promise<JsonObject> {
  return fetchJson<JsonObject>(url({ ...t, name: undefined }, { dryRun: dryRun ? 'All' : undefined, fieldManager: FIELD_MANAGER }), {
    method: 'POST',
    body: JSON.stringify(body),
  });
}
