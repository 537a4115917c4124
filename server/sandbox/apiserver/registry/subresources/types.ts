/** A subresource's HTTP handler, registered per resource in index.ts (kube-apiserver's per-path REST storages). */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ResourcePath, ServerDeps } from '../../server';

export interface SubresourceRequest {
  deps: ServerDeps;
  /** the resource path; rp.name and rp.sub are set */
  rp: ResourcePath & { name: string; sub: string };
  method: string;
  url: URL;
  req: IncomingMessage;
  res: ServerResponse;
}

export type SubresourceHandler = (r: SubresourceRequest) => Promise<void> | void;
