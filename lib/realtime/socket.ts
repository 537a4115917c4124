/**
 * The browser's ONE socket.io connection (path /socket.io) and its WatchClient, created lazily on first use.
 * transports: ['websocket'] only — no long-polling fallback: polling needs sticky sessions behind a load
 * balancer (issue 11) and doubles request load; every browser we target has WebSocket. When the socket
 * drops, socket.io-client reconnects with backoff and WatchClient resubscribes with resourceVersions.
 */
import { io } from 'socket.io-client';
import { handleUnauthorized, loadSession } from '../auth-client';
import { WatchClient, type ClientSocket } from './watch-client';

let client: WatchClient | undefined;

export function getWatchClient(): WatchClient {
  if (!client) {
    const socket: ClientSocket = io({
      path: '/socket.io',
      transports: ['websocket'],
      reconnectionDelay: 500,
      reconnectionDelayMax: 5_000,
      withCredentials: true,
    });
    // the handshake refuses a browser without a session (server/auth): go and sign in again. The server also
    // closes a session's sockets when it logs out or ends; socket.io does not reconnect those by itself.
    socket.on('connect_error', (err) => {
      if (err.message === 'unauthorized') handleUnauthorized();
    });
    socket.on('disconnect', (reason) => {
      if (reason === 'io server disconnect') void loadSession().then((s) => (s.authenticated ? socket.connect() : handleUnauthorized()), () => socket.connect());
    });
    client = new WatchClient(socket);
  }
  return client;
}

/**
 * Uses `c` as the process's watch client (component tests connect one to a real data plane on loopback);
 * undefined drops it, so the next getWatchClient() makes the browser's own again.
 */
export function setWatchClient(c: WatchClient | undefined): void {
  client = c;
}
