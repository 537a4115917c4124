/**
 * Types of the OpenAPI module. SchemaNode is what the strategic-merge / server-side-apply code walks:
 * a lazily navigable view of one kind's schema with the Kubernetes patch metadata attached.
 */
import type { KObject } from '../../types';

export interface SchemaNode {
  type?: 'object' | 'array' | 'string' | 'integer' | 'number' | 'boolean';
  field(name: string): SchemaNode | undefined;
  items(): SchemaNode | undefined;
  additionalProperties(): SchemaNode | undefined;
  patchMergeKey?: string;
  /** e.g. 'merge' | 'retainKeys' | 'merge,retainKeys' */
  patchStrategy?: string;
  listType?: 'atomic' | 'set' | 'map';
  listMapKeys?: string[];
  mapType?: 'atomic' | 'granular';
  intOrString?: boolean;
  preserveUnknownFields?: boolean;
}

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * One details.causes entry. `message` is the field error's body without the path ("Required value",
 * "Invalid value: 0: must be between 1 and 65535, inclusive"); the Status message a real apiserver sends is
 * `<Kind>.<group> "<name>" is invalid: <field>: <message>` (several joined as `[a: x, b: y]`).
 */
export interface ValidationCause {
  reason: string;
  message: string;
  field: string;
}

export interface ValidationResult {
  /** Non-empty: answer 422 Invalid with these causes. */
  causes: ValidationCause[];
  /**
   * Fields the schema does not know, as `spec.replicass` / `spec.template.spec.containers[0].imagee` (the
   * real apiserver's spelling, no leading dot; empty when fieldValidation is Ignore). Strict: 400 BadRequest
   * `<Kind> in version "<v>" cannot be handled as a <Kind>: strict decoding error: unknown field "spec.replicass"`;
   * Warn: one `Warning: 299 - "unknown field \"spec.replicass\""` header each.
   */
  unknownFields: string[];
  /**
   * Set when a built-in object does not even decode (wrong JSON type, e.g. `spec.replicas: "abc"`): the
   * complete Status message for a 400 BadRequest, as the real apiserver words it:
   * `Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go
   * struct field DeploymentSpec.spec.replicas of type int32`. Check it first: causes then holds only one
   * FieldValueTypeInvalid entry for the same field (so a caller that only looks at causes still rejects it).
   */
  decodeError?: string;
}

export interface ValidateOptions {
  fieldValidation: FieldValidation;
  /** delete unknown fields from obj in place (what the decoder/pruning does before storage) */
  prune?: boolean;
  crds: KObject[];
}

export interface Gvk {
  group: string;
  version: string;
  kind: string;
}
