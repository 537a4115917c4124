/** The history service's view of the console's clusters: the registry's ids and clients, discovery's resources. */
import type { ClusterRegistry } from '../clusters/registry';
import type { DiscoveryCache } from '../clusters/discovery';
import type { HistoryClusters } from './service';

export function registryClusters(registry: ClusterRegistry, discovery: DiscoveryCache): HistoryClusters {
  return {
    ids: () => registry.list().map((c) => c.id),
    client: (id) => registry.client(id),
    discover: (id) => discovery.preferred(id),
    invalidateDiscovery: (id) => discovery.invalidate(id),
  };
}
