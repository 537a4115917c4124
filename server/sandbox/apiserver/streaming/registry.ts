/**
 * Connect subresources (pods/exec, pods/attach, pods/portforward, pods/proxy, services/proxy, nodes/proxy): handlers registered per
 * resource/subresource. The upgrade dispatcher (upgrade.ts) and the ordinary request handler (server.ts)
 * route here only after authentication, impersonation and RBAC ran exactly as for any other request.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import type { UserInfo } from '../auth/index';
import type { ResourcePath, ServerDeps } from '../server';

export interface ConnectRequest {
  deps: ServerDeps;
  rp: ResourcePath;
  url: URL;
  method: string;
  req: IncomingMessage;
  /** who the request runs as, after impersonation */
  user: UserInfo;
}

export interface UpgradeRequest extends ConnectRequest {
  socket: Duplex;
  head: Buffer;
}

export interface ConnectHandler {
  /**
   * A request with an Upgrade header (WebSocket or SPDY). Throwing a StatusError before touching the socket
   * answers it as an HTTP error response, like a refused upgrade on a real API server.
   */
  upgrade?(r: UpgradeRequest): void | Promise<void>;
  /** The same subresource without an Upgrade header (proxy GETs; a bare POST to exec is a 400). */
  http?(r: ConnectRequest, res: ServerResponse): void | Promise<void>;
}

/** Keyed by "<resource>/<subresource>" of the core group or "<group>/<resource>/<subresource>". */
export class ConnectRegistry {
  private readonly handlers = new Map<string, ConnectHandler>();

  register(group: string, resource: string, subresource: string, h: ConnectHandler): void {
    this.handlers.set(key(group, resource, subresource), h);
  }

  lookup(group: string, resource: string, subresource: string | undefined): ConnectHandler | undefined {
    return subresource ? this.handlers.get(key(group, resource, subresource)) : undefined;
  }
}

function key(group: string, resource: string, sub: string): string {
  return group ? `${group}/${resource}/${sub}` : `${resource}/${sub}`;
}
