/**
 * The console's terminal / attach / debug / port-forward / proxy plane (server/exec). main.ts creates it once the
 * cluster registry exists, hands it the HTTP server's `upgrade` events for /api/exec, registers its routes at the
 * root of the Fastify instance (behind the auth gate) and stops it on shutdown, which ends every session,
 * port-forward and node-shell pod it started.
 */
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { ClusterRegistry } from '../clusters/registry';
import type { AccessReviewer } from '../watch/access';
import type { AuditLog } from '../audit';
import type { AuthContext } from '../auth/context';
import type { ExecConfig } from '../config';
import { installErrorHandler } from '../api/common';
import { TerminalService } from './terminal-service';
import { SessionLimits } from './limits';
import { debugRoutes } from './debug-routes';
import { NodeShells } from './node-shells';
import { proxyRoutes } from './proxy-route';
import { PortForwards } from './port-forward';
import { portForwardRoutes } from './port-forward-routes';
import type { Scheduler } from './heartbeat';

export interface ExecPlaneOptions {
  registry: ClusterRegistry;
  access: AccessReviewer;
  audit: AuditLog;
  auth: AuthContext;
  config: ExecConfig;
  logger: Logger;
  scheduler?: Scheduler;
  highWaterBytes?: number;
}

export interface ExecPlane {
  terminals: TerminalService;
  portForwards: PortForwards;
  nodeShells: NodeShells;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  registerRoutes(app: FastifyInstance): Promise<void>;
  stop(): Promise<void>;
}

export function createExecPlane(o: ExecPlaneOptions): ExecPlane {
  const logger = o.logger.child({ part: 'exec' });
  const limits = new SessionLimits(o.config);
  const terminals = new TerminalService({ registry: o.registry, access: o.access, audit: o.audit, auth: o.auth, limits, logger, pingMs: o.config.pingMs, scheduler: o.scheduler, highWaterBytes: o.highWaterBytes });
  const nodeShells = new NodeShells({ registry: o.registry, audit: o.audit, logger });
  terminals.onSessionEnd((s) => nodeShells.sessionEnded(s.target.cluster, s.target.namespace, s.target.pod));
  const portForwards = new PortForwards({ registry: o.registry, audit: o.audit, limits, logger, enabled: o.config.portForward });
  return {
    terminals,
    portForwards,
    nodeShells,
    handleUpgrade: (req, socket, head) => terminals.handleUpgrade(req, socket, head),
    async registerRoutes(app) {
      // an encapsulated scope with the data plane's typed error replies (Status-shaped 4xx, not 500)
      await app.register(async (scope) => {
        installErrorHandler(scope, o.registry);
        await debugRoutes(scope, { registry: o.registry, access: o.access, audit: o.audit, nodeShells });
        await proxyRoutes(scope, { registry: o.registry, access: o.access });
        await portForwardRoutes(scope, { registry: o.registry, access: o.access, portForwards });
      });
    },
    async stop() {
      await Promise.allSettled([terminals.stop(), portForwards.stop()]);
      await nodeShells.stop();
    },
  };
}
