/**
 * The `paths` section for one served kind, in v2 or v3 form. kubectl reads two things from here: whether a
 * kind's PATCH operation (matched by x-kubernetes-group-version-kind) takes the `fieldValidation` query
 * parameter, and which patch media types the PATCH accepts (strategic merge only for built-ins).
 */
import type { ServedKind } from '../../kinds';
import type { OpenApiVersion } from './render';
import { connectPaths, isConnectSubresource } from './connect-paths';

export const PATCH_TYPES_BUILTIN = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];
export const PATCH_TYPES_CUSTOM = PATCH_TYPES_BUILTIN.filter((t) => !t.startsWith('application/strategic'));

const DESC: Record<string, string> = {
  pretty: "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).",
  dryRun: 'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
  fieldManager: 'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint. This field is required for apply requests (application/apply-patch) but optional for non-apply patch types (JsonPatch, MergePatch, StrategicMergePatch).',
  fieldValidation: 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.',
  force: 'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.',
  gracePeriodSeconds: 'The duration in seconds before the object should be deleted. Value must be non-negative integer. The value zero indicates delete immediately. If this value is nil, the default grace period for the specified type will be used. Defaults to a per object value if not specified. zero means delete immediately.',
  propagationPolicy: "Whether and how garbage collection will be performed. Either this field or OrphanDependents may be set, but not both. The default policy is decided by the existing finalizer set in the metadata.finalizers and the resource-specific default policy. Acceptable values are: 'Orphan' - orphan the dependents; 'Background' - allow the garbage collector to delete the dependents in the background; 'Foreground' - a cascading policy that deletes all dependents in the foreground.",
  orphanDependents: 'Deprecated: please use the PropagationPolicy, this field will be deprecated in 1.7. Should the dependent objects be orphaned. If true/false, the "orphan" finalizer will be added to/removed from the object\'s finalizers list. Either this field or PropagationPolicy may be set, but not both.',
  labelSelector: 'A selector to restrict the list of returned objects by their labels. Defaults to everything.',
  fieldSelector: 'A selector to restrict the list of returned objects by their fields. Defaults to everything.',
  limit: 'limit is a maximum number of responses to return for a list call. If more items exist, the server will set the `continue` field on the list metadata to a value that can be used with the same initial query to retrieve the next set of results.',
  continue: 'The continue option should be set when retrieving more results from the server. Since this value is server defined, clients may only use the continue value from a previous query result with identical query parameters (except for the value of continue).',
  resourceVersion: 'resourceVersion sets a constraint on what resource versions a request may be served from. See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions for details. Defaults to unset',
  resourceVersionMatch: 'resourceVersionMatch determines how resourceVersion is applied to list calls. It is highly recommended that resourceVersionMatch be set for list calls where resourceVersion is set See https://kubernetes.io/docs/reference/using-api/api-concepts/#resource-versions for details. Defaults to unset',
  timeoutSeconds: 'Timeout for the list/watch call. This limits the duration of the call, regardless of any activity or inactivity.',
  watch: 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications. Specify resourceVersion.',
  allowWatchBookmarks: 'allowWatchBookmarks requests watch events with type "BOOKMARK". Servers that do not implement bookmarks may ignore this flag and bookmarks are sent at the server\'s discretion.',
  sendInitialEvents: '`sendInitialEvents=true` may be set together with `watch=true`. In that case, the watch stream will begin with synthetic events to produce the current state of objects in the collection. Once all such events have been sent, a synthetic "Bookmark" event  will be sent.',
  name: 'name of the resource',
  namespace: 'object name and auth scope, such as for teams and projects',
  body: '',
};
const TYPES: Record<string, string> = {
  gracePeriodSeconds: 'integer', limit: 'integer', timeoutSeconds: 'integer',
  force: 'boolean', orphanDependents: 'boolean', watch: 'boolean', allowWatchBookmarks: 'boolean', sendInitialEvents: 'boolean',
};

function param(v: OpenApiVersion, name: string, where: 'query' | 'path' = 'query') {
  const type = TYPES[name] ?? 'string';
  const base = { name, in: where, description: DESC[name], ...(where === 'path' ? { required: true } : {}) };
  return v === 'v3' ? { ...base, schema: { type, uniqueItems: true } } : { ...base, type, uniqueItems: true };
}

const LIST_PARAMS = ['allowWatchBookmarks', 'continue', 'fieldSelector', 'labelSelector', 'limit', 'resourceVersion', 'resourceVersionMatch', 'sendInitialEvents', 'timeoutSeconds', 'watch'];
const WRITE_PARAMS = ['dryRun', 'fieldManager', 'fieldValidation'];
const DELETE_PARAMS = ['dryRun', 'gracePeriodSeconds', 'orphanDependents', 'propagationPolicy'];

interface OpSpec {
  action: string;
  opPrefix: string;
  params: string[];
  /** definition the response carries */
  response: string;
  /** request body definition, or 'patch' */
  body?: string;
  created?: boolean;
}

export interface PathContext {
  v: OpenApiVersion;
  kind: ServedKind;
  /** definition names of the kind and its list */
  kindDef: string;
  listDef: string;
  custom: boolean;
}

function pascal(s: string): string {
  return s.replace(/(^|[.\-/])([a-z])/g, (_m, _p, c: string) => c.toUpperCase()).replace(/[.\-/]/g, '');
}

function operation(ctx: PathContext, op: OpSpec, gvkKind: string, opName: string) {
  const { v, kind } = ctx;
  const ref = (d: string) => (v === 'v3' ? { $ref: `#/components/schemas/${d}` } : { $ref: `#/definitions/${d}` });
  const mediaOut = ['application/json', 'application/yaml'];
  const responses: Record<string, unknown> = {};
  const okCodes = op.created ? ['200', '201'] : op.action === 'delete' ? ['200', '202'] : ['200'];
  for (const code of okCodes) {
    responses[code] =
      v === 'v3'
        ? { description: code === '201' ? 'Created' : code === '202' ? 'Accepted' : 'OK', content: Object.fromEntries(mediaOut.map((m) => [m, { schema: ref(op.response) }])) }
        : { description: 'OK', schema: ref(op.response) };
  }
  responses['401'] = { description: 'Unauthorized' };
  const gv = kind.group ? `${pascal(kind.group.split('.')[0])}${pascal(kind.version)}` : `Core${pascal(kind.version)}`;
  const out: Record<string, unknown> = {
    tags: [kind.group ? `${kind.group.split('.')[0]}_${kind.version}` : `core_${kind.version}`],
    description: `${op.action} ${opName}`,
    operationId: `${op.opPrefix}${gv}${opName}`,
    parameters: op.params.map((p) => param(v, p)),
    responses,
    'x-kubernetes-action': op.action,
    'x-kubernetes-group-version-kind': { group: kind.group, version: kind.version, kind: gvkKind },
  };
  if (op.body) {
    // Like kube-openapi: PUT/POST/DELETE bodies accept any media type, PATCH lists its patch types.
    const types = op.body === 'patch' ? (ctx.custom ? PATCH_TYPES_CUSTOM : PATCH_TYPES_BUILTIN) : ['*/*'];
    const schema = op.body === 'patch' ? ref('io.k8s.apimachinery.pkg.apis.meta.v1.Patch') : ref(op.body);
    if (v === 'v3') {
      out.requestBody = { content: Object.fromEntries(types.map((t) => [t, { schema }])), required: true };
    } else {
      (out.parameters as unknown[]).unshift({ name: 'body', in: 'body', required: true, schema });
      if (op.body === 'patch') out.consumes = types;
    }
  }
  if (v === 'v2') {
    out.consumes ??= ['*/*'];
    out.produces = mediaOut;
    out.schemes = ['https'];
  }
  return out;
}

/** Path items for one kind: collection, item, all-namespaces list, and status/scale subresources. */
export function kindPaths(ctx: PathContext): Record<string, unknown> {
  const { kind, v } = ctx;
  const prefix = kind.group ? `/apis/${kind.group}/${kind.version}` : `/api/${kind.version}`;
  const scope = kind.namespaced ? `${prefix}/namespaces/{namespace}/${kind.resource}` : `${prefix}/${kind.resource}`;
  const ns = kind.namespaced ? 'Namespaced' : '';
  const K = kind.kind;
  const has = (verb: string) => kind.verbs.includes(verb);
  const pathParams = (withName: boolean) => [
    ...(withName ? [param(v, 'name', 'path')] : []),
    ...(kind.namespaced ? [param(v, 'namespace', 'path')] : []),
    param(v, 'pretty'),
  ];
  const paths: Record<string, unknown> = {};
  const collection: Record<string, unknown> = {};
  if (has('list')) collection.get = operation(ctx, { action: 'list', opPrefix: 'list', params: LIST_PARAMS, response: ctx.listDef }, K, `${ns}${K}`);
  if (has('create')) collection.post = operation(ctx, { action: 'post', opPrefix: 'create', params: WRITE_PARAMS, response: ctx.kindDef, body: ctx.kindDef, created: true }, K, `${ns}${K}`);
  if (has('deletecollection')) {
    collection.delete = operation(ctx, { action: 'deletecollection', opPrefix: 'deleteCollection', params: [...DELETE_PARAMS, ...LIST_PARAMS.filter((p) => p !== 'watch' && p !== 'allowWatchBookmarks')], response: 'io.k8s.apimachinery.pkg.apis.meta.v1.Status', body: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions' }, K, `${ns}${K}`);
  }
  if (Object.keys(collection).length) paths[scope] = { ...collection, parameters: pathParams(false) };

  const item: Record<string, unknown> = {};
  if (has('get')) item.get = operation(ctx, { action: 'get', opPrefix: 'read', params: [], response: ctx.kindDef }, K, `${ns}${K}`);
  if (has('update')) item.put = operation(ctx, { action: 'put', opPrefix: 'replace', params: WRITE_PARAMS, response: ctx.kindDef, body: ctx.kindDef, created: true }, K, `${ns}${K}`);
  if (has('patch')) item.patch = operation(ctx, { action: 'patch', opPrefix: 'patch', params: [...WRITE_PARAMS, 'force'], response: ctx.kindDef, body: 'patch', created: true }, K, `${ns}${K}`);
  if (has('delete')) item.delete = operation(ctx, { action: 'delete', opPrefix: 'delete', params: DELETE_PARAMS, response: 'io.k8s.apimachinery.pkg.apis.meta.v1.Status', body: 'io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions' }, K, `${ns}${K}`);
  if (Object.keys(item).length) paths[`${scope}/{name}`] = { ...item, parameters: pathParams(true) };

  if (kind.namespaced && has('list')) {
    paths[`${prefix}/${kind.resource}`] = {
      get: operation(ctx, { action: 'list', opPrefix: 'list', params: LIST_PARAMS, response: ctx.listDef }, K, `${K}ForAllNamespaces`),
      parameters: [param(v, 'pretty')],
    };
  }
  for (const sub of kind.subresources ?? []) {
    if (isConnectSubresource(sub)) Object.assign(paths, connectPaths(v, kind, scope, sub));
    if (sub !== 'status' && sub !== 'scale' && sub !== 'ephemeralcontainers') continue;
    const isScale = sub === 'scale';
    const def = isScale ? 'io.k8s.api.autoscaling.v1.Scale' : ctx.kindDef;
    const gvk = isScale ? { group: 'autoscaling', version: 'v1', kind: 'Scale' } : undefined;
    const name = `${ns}${K}${isScale ? 'Scale' : sub === 'status' ? 'Status' : 'Ephemeralcontainers'}`;
    const sctx = gvk ? { ...ctx, kind: { ...kind, ...gvk } } : ctx;
    const subOps: Record<string, unknown> = {
      get: operation(sctx, { action: 'get', opPrefix: 'read', params: [], response: def }, gvk?.kind ?? K, name),
      put: operation(sctx, { action: 'put', opPrefix: 'replace', params: WRITE_PARAMS, response: def, body: def, created: true }, gvk?.kind ?? K, name),
      patch: operation(sctx, { action: 'patch', opPrefix: 'patch', params: [...WRITE_PARAMS, 'force'], response: def, body: 'patch', created: true }, gvk?.kind ?? K, name),
    };
    paths[`${scope}/{name}/${sub}`] = { ...subOps, parameters: pathParams(true) };
  }
  return paths;
}
