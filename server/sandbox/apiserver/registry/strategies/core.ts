/**
 * The smaller built-in kinds whose only differences are defaults or an initial status: Secrets,
 * PersistentVolumes and claims, Nodes, PriorityClasses and NetworkPolicies.
 */
import { def, obj, type Obj } from '../../defaults';
import type { KindStrategy } from '../strategy';

const root = (o: unknown): Obj => o as Obj;

export const secretStrategy: KindStrategy = {
  defaults(o) {
    const r = root(o);
    def(r, 'type', 'Opaque');
    // the v1 conversion merges stringData into data (stringData wins) and never stores it
    const sd = r.stringData as Record<string, unknown> | undefined;
    if (sd && typeof sd === 'object') {
      const data = obj(r, 'data');
      for (const [key, v] of Object.entries(sd)) data[key] = Buffer.from(String(v), 'utf8').toString('base64');
    }
    delete r.stringData;
  },
};

export const persistentVolumeStrategy: KindStrategy = {
  defaults(o) {
    const spec = obj(root(o), 'spec');
    def(spec, 'persistentVolumeReclaimPolicy', 'Retain');
    def(spec, 'volumeMode', 'Filesystem');
  },
  prepareForCreate(o) {
    o.status = { phase: 'Pending' };
  },
};

export const persistentVolumeClaimStrategy: KindStrategy = {
  defaults(o) {
    def(obj(root(o), 'spec'), 'volumeMode', 'Filesystem');
  },
  prepareForCreate(o) {
    o.status = { phase: 'Pending' };
  },
};

/** A Node keeps the status it registers with (the kubelet creates its Node with one). */
export const nodeStrategy: KindStrategy = {
  prepareForCreate(o) {
    o.status ??= {};
  },
};

export const priorityClassStrategy: KindStrategy = {
  defaults(o) {
    def(root(o), 'preemptionPolicy', 'PreemptLowerPriority');
  },
};

export const networkPolicyStrategy: KindStrategy = {
  defaults(o) {
    const spec = obj(root(o), 'spec');
    if (!Array.isArray(spec.policyTypes) || !spec.policyTypes.length) {
      spec.policyTypes = Array.isArray(spec.egress) && spec.egress.length ? ['Ingress', 'Egress'] : ['Ingress'];
    }
  },
};
