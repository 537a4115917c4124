export { applyWatchEvent, applyWatchEvents, keyOf } from './apply-watch-event';
export { WatchClient, watchKey, watchQueryKey, type WatchParams, type WatchResult, type ConnectionState } from './watch-client';
