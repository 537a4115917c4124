'use client';
/**
 * Live Helm lists: while mounted, the console's socket joins each cluster's Helm room and `onChange(cluster)`
 * runs when a release record there is written or deleted (the server debounces bursts). Subscriptions are
 * renewed after a reconnect, and a reconnect itself counts as a change (frames may have been missed meanwhile).
 */
import { useEffect, useRef } from 'react';
import { getWatchClient } from './socket';

/** per cluster, how many mounted hooks want its room: the socket joins on the first and leaves after the last */
const wanted = new Map<string, number>();

export function useHelmChanges(clusters: readonly string[], onChange: (cluster: string) => void): void {
  const cb = useRef(onChange);
  useEffect(() => {
    cb.current = onChange;
  });
  const key = [...new Set(clusters)].sort().join('\n');
  useEffect(() => {
    const list = key ? key.split('\n') : [];
    if (!list.length) return;
    const socket = getWatchClient().socket;
    const subscribe = () => {
      for (const cluster of list) socket.emit('subscribeHelm', { cluster });
    };
    for (const c of list) wanted.set(c, (wanted.get(c) ?? 0) + 1);
    const onFrame = (f: { cluster: string }) => {
      if (list.includes(f.cluster)) cb.current(f.cluster);
    };
    const onConnect = () => {
      subscribe();
      for (const c of list) cb.current(c);
    };
    socket.on('helmChanged', onFrame);
    socket.on('connect', onConnect);
    if (socket.connected) subscribe();
    return () => {
      socket.off('helmChanged', onFrame);
      socket.off('connect', onConnect);
      for (const cluster of list) {
        const n = (wanted.get(cluster) ?? 1) - 1;
        if (n > 0) wanted.set(cluster, n);
        else {
          wanted.delete(cluster);
          socket.emit('unsubscribeHelm', { cluster });
        }
      }
    };
  }, [key]);
}
