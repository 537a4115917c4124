/**
 * The OpenAPI, patch and protobuf modules are written alongside this one; they are loaded
 * dynamically so the API server runs (with reduced features: no validation, naive strategic merge,
 * 415 on protobuf) while one of them is absent or broken.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KObject } from '../types';
import type { ServedKind } from '../kinds';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SchemaNode = any;

export interface OpenApiModule {
  openapiV2(served: ServedKind[], crds: KObject[]): object;
  openapiV3Index(served: ServedKind[], crds: KObject[]): object;
  openapiV3GroupVersion(group: string, version: string, served: ServedKind[], crds: KObject[]): object | undefined;
  validateObject(
    obj: KObject,
    opts: { fieldValidation: FieldValidation; crds: KObject[] },
  ): { causes: { reason: string; message: string; field: string }[]; unknownFields: string[] };
  schemaNavigator(gvk: { group: string; version: string; kind: string }, crds: KObject[]): SchemaNode | undefined;
}

export interface PatchModule {
  applyJsonPatch(obj: KObject, ops: unknown): KObject;
  applyMergePatch(obj: KObject, patch: unknown): KObject;
  applyStrategicMergePatch(obj: KObject, patch: unknown, nav: SchemaNode | undefined): KObject;
  serverSideApply(
    live: KObject | undefined,
    applied: KObject,
    opts: { manager: string; force: boolean; nav: SchemaNode | undefined; now: string },
  ): KObject;
  trackUpdate(oldObj: KObject | undefined, newObj: KObject, manager: string, nav: SchemaNode | undefined, now: string): KObject;
}

export interface ProtobufModule {
  decodeProtobufObject(body: Buffer): KObject;
}

export interface Helpers {
  openapi?: OpenApiModule;
  patch?: PatchModule;
  protobuf?: ProtobufModule;
  errors: string[];
}

const here = path.dirname(fileURLToPath(import.meta.url));

async function load<T>(sub: string, need: string, errors: string[]): Promise<T | undefined> {
  const file = path.join(here, sub, 'index.ts');
  if (!existsSync(file)) return undefined;
  try {
    const spec = `./${sub}/index`;
    const mod = (await import(/* @vite-ignore */ spec)) as Record<string, unknown>;
    if (typeof mod[need] !== 'function') {
      errors.push(`${sub}: missing export ${need}`);
      return undefined;
    }
    return mod as T;
  } catch (e) {
    errors.push(`${sub}: ${(e as Error).message}`);
    return undefined;
  }
}

let cached: Promise<Helpers> | undefined;

export function loadHelpers(): Promise<Helpers> {
  cached ??= (async () => {
    const errors: string[] = [];
    const [openapi, patch, protobuf] = await Promise.all([
      load<OpenApiModule>('openapi', 'validateObject', errors),
      load<PatchModule>('patch', 'applyMergePatch', errors),
      load<ProtobufModule>('protobuf', 'decodeProtobufObject', errors),
    ]);
    return { openapi, patch, protobuf, errors };
  })();
  return cached;
}
