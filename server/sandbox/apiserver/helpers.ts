/**
 * The OpenAPI, patch and protobuf modules (written by other hands) as this API server uses them.
 * Callers treat each as optional: without one the server degrades (no validation, merge patch in
 * place of strategic merge, 415 on protobuf bodies) rather than failing.
 */
import type { KObject } from '../types';
import * as openapiModule from './openapi/index';
import * as patchModule from './patch/index';
import * as protobufModule from './protobuf/index';
import type { ServedKind } from '../kinds';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type SchemaNode = any;

export interface OpenApiModule {
  openapiV2(served: ServedKind[], crds: KObject[]): object;
  openapiV2Protobuf?(served: ServedKind[], crds: KObject[]): Uint8Array;
  openapiV3Index(served: ServedKind[], crds: KObject[]): object;
  openapiV3GroupVersion(group: string, version: string, served: ServedKind[], crds: KObject[]): object | undefined;
  validateObject(
    obj: KObject,
    opts: { fieldValidation: FieldValidation; crds: KObject[]; prune?: boolean },
  ): { causes: { reason: string; message: string; field: string }[]; unknownFields: string[]; decodeError?: string };
  schemaNavigator(gvk: { group: string; version: string; kind: string }, crds: KObject[]): SchemaNode | undefined;
}

export interface PatchModule {
  applyJsonPatch(obj: KObject, ops: unknown): KObject;
  applyMergePatch(obj: KObject, patch: unknown): KObject;
  applyStrategicMergePatch(obj: KObject, patch: unknown, nav: SchemaNode | undefined): KObject;
  serverSideApply(
    live: KObject | undefined,
    applied: KObject,
    opts: { manager: string; force: boolean; nav: SchemaNode | undefined; now: string; subresource?: string },
  ): KObject;
  trackUpdate(
    oldObj: KObject | undefined,
    newObj: KObject,
    manager: string,
    nav: SchemaNode | undefined,
    now: string,
    subresource?: string,
  ): KObject;
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

/**
 * The three modules, statically imported now that they exist (the type annotations check that they
 * still match what this API server calls). Fields stay optional so tests can run without one.
 */
const HELPERS: Helpers = {
  openapi: openapiModule satisfies OpenApiModule,
  patch: patchModule satisfies PatchModule,
  protobuf: protobufModule satisfies ProtobufModule,
  errors: [],
};

export function loadHelpers(): Promise<Helpers> {
  return Promise.resolve(HELPERS);
}
