/**
 * Audit retention: records older than WHEELHOUSE_AUDIT_RETENTION_DAYS (default 90) are deleted at start and then
 * hourly, in batches of 1,000 rows with a yield between them, so neither requests nor the audit writer wait long.
 * Every replica runs it; deleting what another replica already deleted is a no-op.
 */
import type { Logger } from 'pino';
import type { Store } from './open';
import { pruneAudit } from './audit-events';

export interface RetentionOptions {
  everyMs?: number;
  now?: () => number;
}

export interface AuditRetention {
  /** the start-up run: how many records it deleted */
  first: Promise<number>;
  stop(): void;
}

export function startAuditRetention(store: Store, maxAgeMs: number, logger: Logger, o: RetentionOptions = {}): AuditRetention {
  const now = o.now ?? Date.now;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const runOnce = async () => {
    const deleted = await pruneAudit(store.db, new Date(now() - maxAgeMs));
    if (deleted) logger.info({ deleted, maxAgeDays: maxAgeMs / 86_400_000 }, 'audit: old records deleted');
    return deleted;
  };
  const loop = () => {
    const run = runOnce();
    run
      .catch((err: Error) => logger.warn({ err: err.message }, 'audit: retention failed; trying again later'))
      .finally(() => {
        if (stopped) return;
        timer = setTimeout(loop, o.everyMs ?? 3_600_000);
        timer.unref();
      });
    return run;
  };
  const first = loop();
  first.catch(() => undefined);
  return {
    first,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
