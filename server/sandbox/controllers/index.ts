/** Starts every built-in controller of the simulated kube-controller-manager. */
import type { MetricsProvider } from '../types';
import type { Controller, Ctx } from './lib/context';
import { startReplicaSetController } from './replicaset';
import { startDeploymentController } from './deployment';
import { startStatefulSetController } from './statefulset';
import { startDaemonSetController } from './daemonset';
import { startJobController } from './job';
import { startCronJobController } from './cronjob';
import { startEndpointsController } from './endpoints';
import { startEndpointSliceController } from './endpointslices';
import { startHpaController } from './hpa';
import { startPvController } from './pv';
import { startNamespaceDefaultsController } from './namespace-defaults';
import { startClusterRoleAggregationController } from './clusterrole-aggregation';
import { startServiceAccountTokenController } from './sa-token';
import { startResourceQuotaController } from './resourcequota';

export function startControllers(ctx: Ctx, metrics: MetricsProvider): Controller {
  const all: Controller[] = [];
  const start = (name: string, f: () => Controller) => {
    try {
      all.push(f());
    } catch (e) {
      ctx.warn(`controller ${name} failed to start`, e);
    }
  };
  start('replicaset', () => startReplicaSetController(ctx));
  start('deployment', () => startDeploymentController(ctx));
  start('statefulset', () => startStatefulSetController(ctx));
  start('daemonset', () => startDaemonSetController(ctx));
  start('job', () => startJobController(ctx));
  start('cronjob', () => startCronJobController(ctx));
  start('endpoints', () => startEndpointsController(ctx));
  start('endpointslices', () => startEndpointSliceController(ctx));
  start('hpa', () => startHpaController(ctx, metrics));
  start('pv', () => startPvController(ctx));
  start('namespace-defaults', () => startNamespaceDefaultsController(ctx));
  start('clusterrole-aggregation', () => startClusterRoleAggregationController(ctx));
  start('serviceaccount-token', () => startServiceAccountTokenController(ctx));
  start('resourcequota', () => startResourceQuotaController(ctx));
  return { stop: () => all.forEach((c) => c.stop()) };
}
