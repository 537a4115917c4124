/**
 * Connect operations of the streaming and proxy subresources (pods/exec, pods/attach, pods/portforward,
 * pods/proxy, services/proxy, nodes/proxy) as kube-openapi publishes them: x-kubernetes-action "connect", the
 * *Options kind as the group-version-kind, a `string` response, and the query parameters each one takes.
 */
import type { ServedKind } from '../../kinds';
import type { OpenApiVersion } from './render';

const PARAM_DOCS: Record<string, [string, string]> = {
  command: ['string', 'Command is the remote command to execute. argv array. Not executed within a shell.'],
  container: ['string', 'Container in which to execute the command. Defaults to only container if there is only one container in the pod.'],
  stderr: ['boolean', 'Redirect the standard error stream of the pod for this call.'],
  stdin: ['boolean', 'Redirect the standard input stream of the pod for this call. Defaults to false.'],
  stdout: ['boolean', 'Redirect the standard output stream of the pod for this call.'],
  tty: ['boolean', 'TTY if true indicates that a tty will be allocated for the exec call. Defaults to false.'],
  ports: ['integer', 'List of ports to forward Required when using WebSockets'],
  path: ['string', 'Path is the URL path to use for the current proxy request to pod.'],
};

const SUBS: Record<string, { methods: string[]; params: string[]; what: string }> = {
  exec: { methods: ['get', 'post'], params: ['command', 'container', 'stderr', 'stdin', 'stdout', 'tty'], what: 'exec' },
  attach: { methods: ['get', 'post'], params: ['container', 'stderr', 'stdin', 'stdout', 'tty'], what: 'attach' },
  portforward: { methods: ['get', 'post'], params: ['ports'], what: 'portforward' },
  proxy: { methods: ['delete', 'get', 'head', 'options', 'patch', 'post', 'put'], params: ['path'], what: 'proxy' },
};

function p(v: OpenApiVersion, name: string, where: 'query' | 'path', description: string, type = 'string') {
  const base = { name, in: where, description, ...(where === 'path' ? { required: true } : {}) };
  return v === 'v3' ? { ...base, schema: { type, uniqueItems: true } } : { ...base, type, uniqueItems: true };
}

function pascal(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export function isConnectSubresource(sub: string): boolean {
  return sub in SUBS;
}

export function connectPaths(v: OpenApiVersion, kind: ServedKind, scope: string, sub: string): Record<string, unknown> {
  const spec = SUBS[sub];
  if (!spec) return {};
  const optionsKind = `${kind.kind}${sub === 'portforward' ? 'PortForward' : pascal(sub)}Options`;
  const ns = kind.namespaced ? 'Namespaced' : '';
  const op = (method: string, withPath: boolean) => {
    const ok = v === 'v3' ? { description: 'OK', content: { '*/*': { schema: { type: 'string' } } } } : { description: 'OK', schema: { type: 'string' } };
    return {
      tags: [`core_${kind.version}`],
      description: `connect ${method.toUpperCase()} requests to ${spec.what} of ${kind.kind}`,
      operationId: `connectCore${pascal(kind.version)}${pascal(method)}${ns}${kind.kind}${pascal(sub)}${withPath ? 'WithPath' : ''}`,
      responses: { '200': ok, '401': { description: 'Unauthorized' } },
      'x-kubernetes-action': 'connect',
      'x-kubernetes-group-version-kind': { group: '', kind: optionsKind, version: kind.version },
      ...(v === 'v2' ? { consumes: ['*/*'], produces: ['*/*'], schemes: ['https'] } : {}),
    };
  };
  const what = sub === 'proxy' ? `${kind.kind}ProxyOptions` : optionsKind;
  const common = (withPath: boolean) => [
    p(v, 'name', 'path', `name of the ${what}`),
    ...(kind.namespaced ? [p(v, 'namespace', 'path', 'object name and auth scope, such as for teams and projects')] : []),
    ...(withPath ? [p(v, 'path', 'path', 'path to the resource')] : []),
  ];
  const queryParams = spec.params.map((x) => p(v, x, 'query', PARAM_DOCS[x][1].replace('to pod', `to ${kind.kind.toLowerCase()}`), PARAM_DOCS[x][0]));
  const out: Record<string, unknown> = {};
  out[`${scope}/{name}/${sub}`] = { ...Object.fromEntries(spec.methods.map((m) => [m, op(m, false)])), parameters: [...common(false), ...queryParams] };
  if (sub === 'proxy') {
    out[`${scope}/{name}/${sub}/{path}`] = { ...Object.fromEntries(spec.methods.map((m) => [m, op(m, true)])), parameters: [...common(true), ...queryParams] };
  }
  return out;
}
