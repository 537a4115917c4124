/**
 * The connect subresources the sandbox serves. Add a handler here to serve another one; the dispatcher and
 * authorization need no change.
 */
import { ConnectRegistry } from './registry';
import { attachHandler, execHandler } from './remotecommand';
import { portForwardHandler } from '../portforward/index';

export { ConnectRegistry } from './registry';
export type { ConnectHandler, ConnectRequest, UpgradeRequest } from './registry';
export { acceptWebSocket } from './websocket';
export { createUpgradeHandler } from './upgrade';

export function defaultConnectRegistry(): ConnectRegistry {
  const r = new ConnectRegistry();
  r.register('', 'pods', 'exec', execHandler);
  r.register('', 'pods', 'attach', attachHandler);
  r.register('', 'pods', 'portforward', portForwardHandler);
  return r;
}
