/** SPDY/3.1 remotecommand (kubectl's fallback when the WebSocket upgrade is refused). */
import { StatusError } from '../errors';
import type { UpgradeRequest } from './registry';
import type { StreamRequest } from './exec-options';

export function serveSpdyRemoteCommand(_r: UpgradeRequest, _opts: StreamRequest, _exec: boolean): Promise<void> {
  return Promise.reject(new StatusError(400, 'BadRequest', 'unable to upgrade connection: only WebSocket streaming is served'));
}
