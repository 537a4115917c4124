export { applyWatchEvent, applyWatchEvents, keyOf } from './apply-watch-event';
export { WatchClient, watchKey, type WatchParams, type WatchResult, type ConnectionState } from './watch-client';
