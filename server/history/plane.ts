/**
 * The change history's part of the data plane: the recorder service (when this replica records), the
 * /api/changes routes and the live 'changes' socket feed, all over the store's history tables.
 */
import type { FastifyInstance } from 'fastify';
import type { Server } from 'socket.io';
import type { Logger } from 'pino';
import type { ClusterRegistry } from '../clusters/registry';
import type { DiscoveryCache } from '../clusters/discovery';
import type { AccessReviewer } from '../watch/access';
import type { HistoryDb } from './history-store';
import { HistoryService } from './service';
import { registryClusters } from './clusters';
import { changesRoutes } from './changes-routes';
import { attachChangesSocket } from './changes-socket';
import type { RetentionOptions } from './retention';

export interface HistoryPlaneOptions {
  db: HistoryDb;
  /** false: serve what is stored, record nothing (WHEELHOUSE_HISTORY=off) */
  record: boolean;
  retention?: RetentionOptions;
  replicaId?: string;
}

export interface HistoryPlane {
  service?: HistoryService;
  registerRoutes(scope: FastifyInstance): Promise<void>;
  attachSocket(io: Server): void;
  stop(): Promise<void>;
}

export function createHistoryPlane(o: HistoryPlaneOptions, deps: { registry: ClusterRegistry; discovery: DiscoveryCache; access: AccessReviewer; logger: Logger }): HistoryPlane {
  const logger = deps.logger.child({ component: 'history' });
  const service = o.record
    ? new HistoryService({ db: o.db, clusters: registryClusters(deps.registry, deps.discovery), logger, retention: o.retention, replicaId: o.replicaId })
    : undefined;
  service?.start();
  const detach: (() => void)[] = [];
  return {
    service,
    registerRoutes: (scope) => changesRoutes(scope, { db: o.db, registry: deps.registry, access: deps.access }),
    attachSocket(io) {
      detach.push(attachChangesSocket(io, { db: o.db, access: deps.access, clusters: () => deps.registry.list().map((c) => c.id), logger }));
    },
    async stop() {
      for (const d of detach.splice(0)) d();
      await service?.stop();
    },
  };
}
