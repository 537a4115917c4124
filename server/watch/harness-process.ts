/**
 * A data plane on a sandbox cluster in its own process, for component tests that run in a DOM environment
 * (jsdom replaces the typed-array globals the sandbox's certificate code needs, so the cluster cannot live in
 * the test's process). Prints one JSON line {url, cluster} when ready; stops when its stdin closes.
 * Usage: node --import tsx server/watch/harness-process.ts '<startHarness options as JSON>'
 */
import { eventually, startHarness } from './testing';
import { openStore } from '../store';
import { historyDb } from '../history/history-store';

const { history, ...opts } = JSON.parse(process.argv[2] ?? '{}') as { history?: boolean } & Parameters<typeof startHarness>[0];
// `history: true`: the change history on an in-memory embedded store (recorder, /api/changes, live feed)
const store = history ? await openStore() : undefined;
const h = await startHarness({ ...opts, ...(store ? { dataPlane: { history: { db: historyDb(store), record: true } } } : {}) });
await eventually(() => h.dp.registry.list()[0]?.state === 'connected', 15_000, 'cluster connected');
process.stdout.write(`${JSON.stringify({ url: h.url, cluster: h.clusterId })}\n`);
process.stdin.on('end', () => void h.close().then(() => store?.close()).finally(() => process.exit(0)));
process.stdin.resume();
