'use client';
/**
 * Live change records over the console's ONE socket (lib/realtime/socket.ts): 'subscribeChanges' with a
 * filter, 'changes' frames (newest last) for it, 'unsubscribeChanges' when done (the contract is in
 * lib/history/types.ts). Resubscribes after a reconnect; records missed while disconnected are read again by
 * the caller (onReconnect), since the subscription has no resume point.
 */
import { useEffect, useRef } from 'react';
import type { Socket } from 'socket.io-client';
import { changesFrameSchema } from '../history/schemas';
import type { ChangeRecord, ChangesClientEvents, ChangesServerEvents, ChangesSubscription } from '../history/types';
import { getWatchClient } from './socket';

export type ChangesFilter = Omit<ChangesSubscription, 'subscription'>;

let seq = 0;

/**
 * Calls `onItems` with each batch of new records matching `filter` while mounted; `onReconnect` after the
 * socket came back (read what was missed). `filter` is compared by value.
 */
export function useChangesFeed(filter: ChangesFilter | null, onItems: (items: ChangeRecord[]) => void, onReconnect?: () => void): void {
  const cb = useRef({ onItems, onReconnect });
  cb.current = { onItems, onReconnect };
  const key = filter ? JSON.stringify(filter) : '';
  useEffect(() => {
    if (!key) return;
    const f = JSON.parse(key) as ChangesFilter;
    const socket = getWatchClient().socket as unknown as Socket<ChangesServerEvents, ChangesClientEvents>;
    const subscription = `changes-${++seq}-${Math.random().toString(36).slice(2, 8)}`;
    let connectedOnce = socket.connected;
    const subscribe = () => socket.emit('subscribeChanges', { subscription, ...f });
    const onFrame = (raw: unknown) => {
      const fr = changesFrameSchema.safeParse(raw);
      if (fr.success && fr.data.subscription === subscription && fr.data.items.length) cb.current.onItems(fr.data.items);
    };
    const onConnect = () => {
      subscribe();
      if (connectedOnce) cb.current.onReconnect?.();
      connectedOnce = true;
    };
    socket.on('changes', onFrame);
    socket.on('connect', onConnect);
    if (socket.connected) subscribe();
    return () => {
      socket.off('changes', onFrame);
      socket.off('connect', onConnect);
      if (socket.connected) socket.emit('unsubscribeChanges', { subscription });
    };
  }, [key]);
}
