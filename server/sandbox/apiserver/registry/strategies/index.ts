/**
 * The strategy registry: each built-in resource's KindStrategy keyed by "<group>/<resource>" (kinds not
 * listed here get the defaults builtinStrategy derives from their ServedKind), and the lookup the generic
 * store uses, cached per ServedKind so a write costs one WeakMap read.
 */
import type { ServedKind } from '../../../kinds';
import type { KindRegistry } from '../../kind-registry';
import { builtinStrategy, type KindStrategy, type Strategy } from '../strategy';
import { cronJobStrategy, jobStrategy } from './batch';
import {
  networkPolicyStrategy,
  nodeStrategy,
  persistentVolumeClaimStrategy,
  persistentVolumeStrategy,
  priorityClassStrategy,
  secretStrategy,
} from './core';
import { crdStrategy } from './crd';
import { csrStrategy } from './csr';
import { customResourceStrategy } from './custom-resource';
import { namespaceStrategy } from './namespace';
import { podStrategy } from './pod';
import { serviceStrategy } from './service';
import { eventsV1Strategy, hpaStrategy } from './views';
import {
  daemonSetStrategy,
  deploymentStrategy,
  podTemplateStrategy,
  replicaSetStrategy,
  replicationControllerStrategy,
  statefulSetStrategy,
} from './workloads';

export const BUILTIN_STRATEGIES: ReadonlyMap<string, KindStrategy> = new Map<string, KindStrategy>([
  ['/pods', podStrategy],
  ['/namespaces', namespaceStrategy],
  ['/services', serviceStrategy],
  ['/secrets', secretStrategy],
  ['/nodes', nodeStrategy],
  ['/persistentvolumes', persistentVolumeStrategy],
  ['/persistentvolumeclaims', persistentVolumeClaimStrategy],
  ['/replicationcontrollers', replicationControllerStrategy],
  ['/podtemplates', podTemplateStrategy],
  ['apps/deployments', deploymentStrategy],
  ['apps/replicasets', replicaSetStrategy],
  ['apps/statefulsets', statefulSetStrategy],
  ['apps/daemonsets', daemonSetStrategy],
  ['batch/jobs', jobStrategy],
  ['batch/cronjobs', cronJobStrategy],
  ['autoscaling/horizontalpodautoscalers', hpaStrategy],
  ['events.k8s.io/events', eventsV1Strategy],
  ['networking.k8s.io/networkpolicies', networkPolicyStrategy],
  ['scheduling.k8s.io/priorityclasses', priorityClassStrategy],
  ['certificates.k8s.io/certificatesigningrequests', csrStrategy],
  ['apiextensions.k8s.io/customresourcedefinitions', crdStrategy],
]);

/**
 * Strategies per served kind. A CRD's served kinds are new objects whenever the served set changes, so a
 * cached custom-resource strategy never outlives the version subresources it was built from.
 */
export class StrategyRegistry {
  private readonly cache = new WeakMap<ServedKind, Strategy>();

  constructor(private readonly kinds: KindRegistry) {}

  for(k: ServedKind): Strategy {
    let s = this.cache.get(k);
    if (!s) {
      s = this.kinds.crdInfo(k.group, k.resource)
        ? customResourceStrategy(k)
        : builtinStrategy(k, BUILTIN_STRATEGIES.get(`${k.group}/${k.resource}`));
      this.cache.set(k, s);
    }
    return s;
  }
}
