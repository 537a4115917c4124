'use client';
import { useSyncExternalStore } from 'react';

const noop = () => () => {};

/**
 * false during server rendering and hydration, true afterwards. Components inside a Suspense boundary
 * hydrate late, when the query cache may already hold data the server never saw; gating such data on
 * this keeps the hydration render identical to the server's HTML.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
