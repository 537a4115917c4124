/**
 * Services: SetDefaults_Service with the cluster IP and node port allocators' stand-ins, an empty
 * load-balancer status on create, and the REST storage's update rules (service-update.ts).
 */
import { def, obj, type Obj } from '../../defaults';
import type { KindStrategy } from '../strategy';
import { prepareServiceUpdate } from './service-update';

/** The allocators' stand-ins: the next free address and node port, counted per process. */
let ipCounter = 10;
let nodePortCounter = 30000;

export const serviceStrategy: KindStrategy = {
  returnDeletedObject: true,
  defaults(o) {
    const spec = obj(o as unknown as Obj, 'spec');
    def(spec, 'type', 'ClusterIP');
    def(spec, 'sessionAffinity', 'None');
    def(spec, 'internalTrafficPolicy', 'Cluster');
    if (spec.clusterIP === undefined && spec.type !== 'ExternalName') {
      ipCounter++;
      spec.clusterIP = `10.96.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
    }
    if (spec.clusterIP && spec.clusterIP !== 'None') def(spec, 'clusterIPs', [spec.clusterIP]);
    def(spec, 'ipFamilies', ['IPv4']);
    def(spec, 'ipFamilyPolicy', 'SingleStack');
    const external = spec.type === 'NodePort' || spec.type === 'LoadBalancer';
    if (external) def(spec, 'externalTrafficPolicy', 'Cluster');
    if (spec.type === 'LoadBalancer') def(spec, 'allocateLoadBalancerNodePorts', true);
    if (Array.isArray(spec.ports))
      for (const p of spec.ports as Obj[]) {
        def(p, 'protocol', 'TCP');
        def(p, 'targetPort', p.port);
        if (external && !p.nodePort) p.nodePort = 30000 + (nodePortCounter++ % 2768);
      }
  },
  prepareForCreate(o) {
    o.status = { loadBalancer: {} };
  },
  prepareForUpdate: prepareServiceUpdate,
};
