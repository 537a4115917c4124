/**
 * The live change feed over the console's socket.io connection ('subscribeChanges' / 'changes' /
 * 'unsubscribeChanges', lib/history/types.ts). New records are read from the store, not from this replica's
 * recorder, so every replica sees every cluster's changes whichever replica records it: one poll every
 * `pollMs` (1 s) while anyone subscribes, per cluster after the last id seen (one writer per cluster, so ids
 * grow in commit order). Each subscription receives the records that match its filter and that its person
 * may read (read-access.ts, answers cached by the AccessReviewer).
 */
import type { Server, Socket } from 'socket.io';
import { changesSubscription, type ChangeRecord, type ChangesClientEvents, type ChangesServerEvents, type ChangesSubscription } from '../../lib/history/types';
import type { Logger } from 'pino';
import { socketIdentity, type AccessReviewer } from '../watch/access';
import { changesAfter, lastChangeId, type HistoryDb } from './history-store';
import { readCheck, type ReadCheck } from './read-access';

type ChangesSocket = Socket<ChangesClientEvents, ChangesServerEvents>;

interface Sub {
  socket: ChangesSocket;
  filter: ChangesSubscription;
  may: ReadCheck;
}

export interface ChangesSocketDeps {
  db: HistoryDb;
  access: AccessReviewer;
  clusters: () => string[];
  logger: Logger;
  pollMs?: number;
}

function matches(f: ChangesSubscription, r: ChangeRecord): boolean {
  return (
    (f.cluster === undefined || f.cluster === r.cluster) &&
    (f.namespace === undefined || f.namespace === r.namespace) &&
    (f.group === undefined || f.group === r.group) &&
    (f.resource === undefined || f.resource === r.resource) &&
    (f.name === undefined || f.name === r.name) &&
    (f.uid === undefined || f.uid === r.uid)
  );
}

export function attachChangesSocket(ioAny: Server, deps: ChangesSocketDeps): () => void {
  const io = ioAny as unknown as Server<ChangesClientEvents, ChangesServerEvents>;
  const subs = new Map<string, Sub>();
  const after = new Map<string, number>();
  /** where the feed starts: the newest id when the first subscriber came (an ack means "from here on") */
  let start: Promise<number> | undefined;
  let timer: NodeJS.Timeout | undefined;
  let polling = false;

  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      const from = await (start ??= lastChangeId(deps.db));
      for (const cluster of deps.clusters()) {
        if (!subs.size) break;
        const items = await changesAfter(deps.db, cluster, after.get(cluster) ?? from);
        if (!items.length) continue;
        after.set(cluster, Number(items[items.length - 1].id));
        await deliver(items);
      }
    } catch (err) {
      deps.logger.warn({ err }, 'history: live feed poll failed');
    } finally {
      polling = false;
    }
  };

  const deliver = async (items: ChangeRecord[]) => {
    for (const [key, s] of subs) {
      const mine: ChangeRecord[] = [];
      for (const r of items) if (matches(s.filter, r) && (await s.may(r))) mine.push(r);
      if (mine.length && subs.get(key) === s) s.socket.emit('changes', { subscription: s.filter.subscription, items: mine });
    }
  };

  const ensureTimer = () => {
    if (subs.size && !timer) {
      start = lastChangeId(deps.db);
      start.catch(() => (start = undefined));
      timer = setInterval(() => void poll(), deps.pollMs ?? 1_000);
      timer.unref?.();
    } else if (!subs.size && timer) {
      clearInterval(timer);
      timer = undefined;
      start = undefined;
      after.clear();
    }
  };

  const onConnection = (socket: ChangesSocket) => {
    const mine = new Set<string>();
    socket.on('subscribeChanges', async (raw, ack) => {
      const reply = typeof ack === 'function' ? ack : () => undefined;
      const p = changesSubscription.safeParse(raw);
      if (!p.success) return reply({ ok: false, error: { status: 400, reason: 'BadRequest', message: p.error.message } });
      if (p.data.cluster !== undefined && !deps.clusters().includes(p.data.cluster)) {
        return reply({ ok: false, error: { status: 404, reason: 'NotFound', message: `cluster "${p.data.cluster}" is not configured` } });
      }
      const key = `${socket.id}\u0000${p.data.subscription}`;
      mine.add(key);
      subs.set(key, { socket, filter: p.data, may: readCheck(deps.access, socketIdentity(socket)) });
      ensureTimer();
      await start?.catch(() => undefined);
      reply({ ok: true });
    });
    socket.on('unsubscribeChanges', (raw) => {
      const id = (raw as { subscription?: unknown } | undefined)?.subscription;
      if (typeof id !== 'string') return;
      const key = `${socket.id}\u0000${id}`;
      mine.delete(key);
      subs.delete(key);
      ensureTimer();
    });
    socket.on('disconnect', () => {
      for (const k of mine) subs.delete(k);
      ensureTimer();
    });
  };
  io.on('connection', onConnection);
  return () => {
    io.off('connection', onConnection);
    subs.clear();
    ensureTimer();
  };
}
