/**
 * PodExecOptions / PodAttachOptions from the query string, as the API server converts them (booleans:
 * the first value; absent, "0" or "false" in any case is false, anything else true), and the container
 * checks of the pod registry's streamLocation.
 */
import { StatusError, badRequest } from '../errors';
import type { ExecStreamOptions, KObject } from '../../types';
import type { ServerDeps } from '../server';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function queryBool(url: URL, name: string): boolean {
  const v = url.searchParams.getAll(name);
  if (v.length === 0) return false;
  return !(v[0] === '0' || v[0].toLowerCase() === 'false');
}

export interface StreamRequest extends ExecStreamOptions {
  command: string[];
  pod: KObject;
}

function names(list: Any[] | undefined): string {
  return (list ?? []).map((c) => c.name as string).join(' ');
}

export function streamRequest(deps: ServerDeps, namespace: string, name: string, url: URL, exec: boolean): StreamRequest {
  const podKind = deps.api.kinds.lookup('', 'v1', 'pods')!;
  const pod = deps.api.get(podKind, namespace, name) as Any;
  let container = url.searchParams.get('container') ?? '';
  const spec = pod.spec ?? {};
  if (!container) {
    const cs = (spec.containers ?? []) as Any[];
    if (cs.length === 1) container = cs[0].name;
    else if (cs.length === 0) throw badRequest(`a container name must be specified for pod ${name}`);
    else {
      let msg = `a container name must be specified for pod ${name}, choose one of: [${names(cs)}]`;
      if (spec.initContainers?.length) msg += ` or one of the init containers: [${names(spec.initContainers)}]`;
      throw badRequest(msg);
    }
  } else {
    const all = [...(spec.containers ?? []), ...(spec.initContainers ?? []), ...(spec.ephemeralContainers ?? [])] as Any[];
    if (!all.some((c) => c.name === container)) throw badRequest(`container ${container} is not valid for pod ${name}`);
  }
  if (!spec.nodeName) throw badRequest(`pod ${name} does not have a host assigned`);
  const tty = queryBool(url, 'tty');
  const opts: StreamRequest = {
    pod: pod as KObject,
    container,
    command: exec ? url.searchParams.getAll('command') : [],
    stdin: queryBool(url, 'stdin'),
    stdout: queryBool(url, 'stdout'),
    // the kubelet drops stderr when a tty is asked for: a terminal has one output stream
    stderr: queryBool(url, 'stderr') && !tty,
    tty,
  };
  if (!opts.stdin && !opts.stdout && !queryBool(url, 'stderr')) {
    throw badRequest('you must specify at least 1 of stdin, stdout, stderr');
  }
  if (exec && opts.command.length === 0) throw badRequest('you must specify at least 1 command');
  return opts;
}

export { StatusError };
