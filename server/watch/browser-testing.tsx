/**
 * Test support for component and hook tests (vitest + @testing-library/react in jsdom): a real data plane on a
 * sandbox cluster (startHarness, in a child process: harness-process.ts), the browser's fetch pointed at it (relative `/api/...` URLs resolve against the
 * data plane, as they do against the console's origin), the process's watch client on a socket to it, and a
 * QueryClient wrapper. Records every fetch and every socket frame the browser side sends, so tests can count
 * requests and subscriptions. Nothing is faked: answers are the sandbox's.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { ReactNode } from 'react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { io } from 'socket.io-client';
import { setWatchClient } from '../../lib/realtime/socket';
import { WatchClient, type ClientSocket } from '../../lib/realtime/watch-client';

export interface BrowserHarness {
  url: string;
  cluster: string;
  qc: QueryClient;
  wrapper: (p: { children: ReactNode }) => ReactNode;
  /** every fetch the browser side made: method and path+query */
  fetches: { method: string; url: string }[];
  /** every socket frame the browser side sent: event name and payload */
  emitted: { event: string; payload: unknown }[];
  client: WatchClient;
  /** a request straight to the data plane (the test acting as someone else) */
  call: <T = unknown>(method: string, path: string, body?: unknown, contentType?: string) => Promise<{ status: number; body: T }>;
  close: () => Promise<void>;
}

/** history: run the change history (recorder, /api/changes, live feed) on an in-memory store */
type HarnessOptions = { name?: string; sandbox?: Record<string, unknown>; history?: boolean };

/** Starts harness-process.ts and waits for its {url, cluster} line. */
async function spawnHarness(o: HarnessOptions): Promise<{ url: string; cluster: string; stop: () => Promise<void> }> {
  const script = path.join(import.meta.dirname, 'harness-process.ts');
  const child = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify(o)], { stdio: ['pipe', 'pipe', 'inherit'], cwd: path.resolve(import.meta.dirname, '../..') });
  // a test run that gives up (hook timeout) must not leave a cluster behind
  const kill = () => child.kill();
  process.once('exit', kill);
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`harness process exited (${code}) before it was ready`)));
  });
  const { url, cluster } = JSON.parse(first) as { url: string; cluster: string };
  return {
    url,
    cluster,
    stop: () =>
      new Promise<void>((resolve) => {
        process.off('exit', kill);
        child.once('exit', () => resolve());
        child.stdin!.end();
      }),
  };
}

async function until(fn: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startBrowserHarness(o: HarnessOptions = {}): Promise<BrowserHarness> {
  const h = await spawnHarness(o);
  const realFetch = globalThis.fetch;
  const fetches: BrowserHarness['fetches'] = [];
  globalThis.fetch = ((input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    fetches.push({ method: (init?.method ?? 'GET').toUpperCase(), url });
    return realFetch(new URL(url, h.url), init);
  }) as typeof fetch;

  const socket: ClientSocket = io(h.url, { path: '/socket.io', transports: ['websocket'], reconnectionDelay: 50, reconnectionDelayMax: 200 });
  const emitted: BrowserHarness['emitted'] = [];
  const emit = socket.emit.bind(socket) as (ev: string, ...args: unknown[]) => unknown;
  (socket as unknown as { emit: (ev: string, ...args: unknown[]) => unknown }).emit = (ev, ...args) => {
    emitted.push({ event: ev, payload: args[0] });
    return emit(ev, ...args);
  };
  await until(() => socket.connected, 'socket connected');
  const client = new WatchClient(socket);
  setWatchClient(client);

  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => <QueryClientProvider client={qc}>{children}</QueryClientProvider>;
  const call = async <T,>(method: string, path: string, body?: unknown, contentType = 'application/json') => {
    const res = await realFetch(new URL(path, h.url), { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': contentType } } : {}) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  return {
    url: h.url,
    cluster: h.cluster,
    qc,
    wrapper,
    fetches,
    emitted,
    client,
    call,
    async close() {
      qc.clear();
      setWatchClient(undefined);
      globalThis.fetch = realFetch;
      socket.close();
      await h.stop();
    },
  };
}
