/**
 * /openapi/v2 as kubectl asks for it: `Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf`,
 * the gnostic openapi_v2.Document message (kubectl's discovery client only unmarshals protobuf here; a JSON
 * answer fails to parse, a 404/406 just disables the v2 paths). The message subset below keeps gnostic's
 * field numbers (github.com/google/gnostic openapiv2/OpenAPIv2.proto); extensions, defaults and enums
 * travel as YAML text in Any.yaml, which JSON is.
 */
import protobuf from 'protobufjs';

/**
 * Answer with this Content-Type. kubectl's Accept is the older `...spec.v2@v1.0+protobuf` spelling, which Go's
 * mime parser rejects in a response, so the real apiserver (kube-openapi) replies with the dotted form.
 * Serve protobuf when the Accept header contains `com.github.proto-openapi.spec.v2`.
 */
export const OPENAPI_V2_PROTOBUF = 'application/com.github.proto-openapi.spec.v2.v1.0+protobuf';

const PROTO = `
syntax = "proto3";
package openapi.v2;
message Any { bytes value = 1; string yaml = 2; }
message NamedAny { string name = 1; Any value = 2; }
message Info { string title = 1; string version = 2; string description = 3; }
message Document {
  string swagger = 1; Info info = 2; repeated string schemes = 5; repeated string consumes = 6; repeated string produces = 7;
  Paths paths = 8; Definitions definitions = 9; repeated NamedAny vendor_extension = 16;
}
message Definitions { repeated NamedSchema additional_properties = 1; }
message NamedSchema { string name = 1; Schema value = 2; }
message Properties { repeated NamedSchema additional_properties = 1; }
message AdditionalPropertiesItem { oneof oneof { Schema schema = 1; bool boolean = 2; } }
message TypeItem { repeated string value = 1; }
message ItemsItem { repeated Schema schema = 1; }
message Schema {
  string _ref = 1; string format = 2; string title = 3; string description = 4; Any default = 5;
  double multiple_of = 6; double maximum = 7; bool exclusive_maximum = 8; double minimum = 9; bool exclusive_minimum = 10;
  int64 max_length = 11; int64 min_length = 12; string pattern = 13; int64 max_items = 14; int64 min_items = 15;
  bool unique_items = 16; int64 max_properties = 17; int64 min_properties = 18; repeated string required = 19;
  repeated Any enum = 20; AdditionalPropertiesItem additional_properties = 21; TypeItem type = 22; ItemsItem items = 23;
  repeated Schema all_of = 24; Properties properties = 25; bool read_only = 27; Any example = 30;
  repeated NamedAny vendor_extension = 31;
}
message Paths { repeated NamedAny vendor_extension = 1; repeated NamedPathItem path = 2; }
message NamedPathItem { string name = 1; PathItem value = 2; }
message PathItem {
  string _ref = 1; Operation get = 2; Operation put = 3; Operation post = 4; Operation delete = 5;
  Operation patch = 8; repeated ParametersItem parameters = 9; repeated NamedAny vendor_extension = 10;
}
message Operation {
  repeated string tags = 1; string summary = 2; string description = 3; string operation_id = 5;
  repeated string produces = 6; repeated string consumes = 7; repeated ParametersItem parameters = 8;
  Responses responses = 9; repeated string schemes = 10; repeated NamedAny vendor_extension = 13;
}
message ParametersItem { oneof oneof { Parameter parameter = 1; } }
message Parameter { oneof oneof { BodyParameter body_parameter = 1; NonBodyParameter non_body_parameter = 2; } }
message BodyParameter { string description = 1; string name = 2; string in = 3; bool required = 4; Schema schema = 5; }
message NonBodyParameter { oneof oneof { QuerySubSchema query_parameter_sub_schema = 3; PathSubSchema path_parameter_sub_schema = 4; } }
message QuerySubSchema { bool required = 1; string in = 2; string description = 3; string name = 4; bool allow_empty_value = 5; string type = 6; bool unique_items = 20; }
message PathSubSchema { bool required = 1; string in = 2; string description = 3; string name = 4; string type = 5; bool unique_items = 19; }
message Responses { repeated NamedResponseValue response_code = 1; }
message NamedResponseValue { string name = 1; ResponseValue value = 2; }
message ResponseValue { oneof oneof { Response response = 1; } }
message Response { string description = 1; SchemaItem schema = 2; }
message SchemaItem { oneof oneof { Schema schema = 1; } }
`;

let docType: protobuf.Type | undefined;
function load(): protobuf.Type {
  docType ??= protobuf.parse(PROTO, { keepCase: true }).root.lookupType('openapi.v2.Document');
  return docType;
}

// Walks the Swagger JSON this module built; its shape is known but untyped.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type J = Record<string, any>;
const any = (v: unknown) => ({ yaml: `${JSON.stringify(v)}\n` });
const ext = (o: J) =>
  Object.entries(o)
    .filter(([k]) => k.startsWith('x-'))
    .map(([name, v]) => ({ name, value: any(v) }));

const NUMERIC = ['multipleOf', 'maximum', 'minimum', 'maxLength', 'minLength', 'maxItems', 'minItems', 'maxProperties', 'minProperties'];
const snake = (k: string) => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

function schema(s: J): J {
  const out: J = {};
  if (s.$ref) out._ref = s.$ref;
  for (const k of ['format', 'title', 'description', 'pattern']) if (typeof s[k] === 'string') out[k] = s[k];
  for (const k of NUMERIC) if (typeof s[k] === 'number') out[snake(k)] = s[k];
  for (const k of ['exclusiveMaximum', 'exclusiveMinimum', 'uniqueItems', 'readOnly']) if (s[k] === true) out[snake(k)] = true;
  if (s.default !== undefined) out.default = any(s.default);
  if (s.example !== undefined) out.example = any(s.example);
  if (Array.isArray(s.enum)) out.enum = s.enum.map(any);
  if (Array.isArray(s.required)) out.required = s.required;
  if (typeof s.type === 'string') out.type = { value: [s.type] };
  if (s.items && typeof s.items === 'object') out.items = { schema: [schema(s.items)] };
  if (Array.isArray(s.allOf)) out.all_of = s.allOf.map(schema);
  if (s.properties) out.properties = { additional_properties: Object.entries(s.properties).map(([name, v]) => ({ name, value: schema(v as J) })) };
  if (s.additionalProperties !== undefined) {
    out.additional_properties = typeof s.additionalProperties === 'boolean' ? { boolean: s.additionalProperties } : { schema: schema(s.additionalProperties) };
  }
  const x = ext(s);
  if (x.length) out.vendor_extension = x;
  return out;
}

function parameter(p: J): J {
  if (p.in === 'body') return { parameter: { body_parameter: { name: p.name, in: 'body', required: !!p.required, description: p.description ?? '', schema: schema(p.schema ?? {}) } } };
  const sub = { required: !!p.required, in: p.in, description: p.description ?? '', name: p.name, type: p.type ?? 'string', unique_items: !!p.uniqueItems };
  const field = p.in === 'path' ? 'path_parameter_sub_schema' : 'query_parameter_sub_schema';
  return { parameter: { non_body_parameter: { [field]: sub } } };
}

function operation(o: J): J {
  return {
    tags: o.tags ?? [],
    description: o.description ?? '',
    operation_id: o.operationId ?? '',
    produces: o.produces ?? [],
    consumes: o.consumes ?? [],
    schemes: o.schemes ?? [],
    parameters: (o.parameters ?? []).map(parameter),
    responses: {
      response_code: Object.entries(o.responses ?? {}).map(([name, r]) => ({
        name,
        value: { response: { description: (r as J).description ?? '', ...((r as J).schema ? { schema: { schema: schema((r as J).schema) } } : {}) } },
      })),
    },
    vendor_extension: ext(o),
  };
}

/** Encodes a Swagger 2.0 JSON document (as built by openapiV2) as gnostic protobuf. */
export function encodeOpenApiV2(doc: J): Uint8Array {
  const t = load();
  const msg = {
    swagger: doc.swagger,
    info: doc.info,
    paths: {
      path: Object.entries(doc.paths ?? {}).map(([name, item]) => {
        const it = item as J;
        const value: J = { parameters: (it.parameters ?? []).map(parameter) };
        for (const verb of ['get', 'put', 'post', 'delete', 'patch']) if (it[verb]) value[verb] = operation(it[verb]);
        return { name, value };
      }),
    },
    definitions: { additional_properties: Object.entries(doc.definitions ?? {}).map(([name, s]) => ({ name, value: schema(s as J) })) },
  };
  const err = t.verify(msg);
  if (err) throw new Error(`openapi v2 protobuf: ${err}`);
  return t.encode(t.fromObject(msg)).finish();
}
