/** Public surface of the sandbox's OpenAPI module (documents, validation, schema navigation). */
export type { SchemaNode, FieldValidation, ValidationCause, ValidationResult, ValidateOptions, Gvk } from './types';
export { openapiV2, openapiV2Protobuf, openapiV3Index, openapiV3GroupVersion } from './documents';
export { OPENAPI_V2_PROTOBUF } from './v2-protobuf';
export { schemaNavigator } from './navigator';
export { validateObject } from './validate';
