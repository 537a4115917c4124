/**
 * Entry point of the sandbox's simulated control plane (controllers, kubelets, scenarios).
 * Called by cluster.ts once the API server and store are up. Owned by the controllers/kubelet work.
 */
import pino from 'pino';
import type { SandboxClient, SandboxRuntime, SandboxRuntimeOptions } from './types';
import { Clock } from './controllers/lib/clock';
import { EventRecorder } from './controllers/lib/events';
import type { Ctx } from './controllers/lib/context';
import { startControllers } from './controllers';
import { Kubelets } from './kubelet/kubelet';
import { Scheduler } from './kubelet/scheduler';
import { createLogProvider } from './kubelet/logs';
import { createMetricsProvider } from './kubelet/metrics';
import { createPortProvider } from './kubelet/ports';
import { applyScenario, ensureNodes } from './scenarios';
import { Userlands } from './kubelet/userland/manager';

const log = pino({ name: 'sandbox-runtime', level: process.env.SANDBOX_LOG_LEVEL ?? 'warn' });

export async function startRuntime(client: SandboxClient, opts: SandboxRuntimeOptions): Promise<SandboxRuntime> {
  const clock = new Clock(opts.speed > 0 ? opts.speed : 1);
  const recorder = new EventRecorder(client);
  const ctx: Ctx = {
    client,
    clock,
    recorder,
    clusterName: opts.clusterName,
    caPem: opts.caPem,
    warn: (msg, err) => log.warn({ cluster: opts.clusterName, err: err instanceof Error ? err.message : err }, msg),
  };
  // nodes first: the kubelets and scheduler start from them, the scale scenario binds pods to them
  ensureNodes(client, opts);
  const kubelets = new Kubelets(client, clock, recorder);
  const scheduler = new Scheduler(client, clock, recorder, kubelets);
  kubelets.start();
  const metrics = createMetricsProvider(kubelets);
  const controllers = startControllers(ctx, metrics);
  const logs = createLogProvider(kubelets);
  const userlands = new Userlands(client, kubelets, { issueToken: opts.issueToken, logs });
  await applyScenario(client, opts.scenario, { ...opts, recorder });
  return {
    logs,
    metrics,
    ports: createPortProvider(client, metrics),
    exec: userlands,
    stop() {
      userlands.stop();
      controllers.stop();
      scheduler.stop();
      kubelets.stop();
      recorder.stop();
      clock.stop();
    },
  };
}
