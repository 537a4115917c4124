/* eslint-disable @typescript-eslint/no-explicit-any -- Kubernetes objects are handled as untyped JSON (KObject) here; fields are read defensively */
/** A local-path style provisioner + binder: PVCs of storageClass "standard" (or none) get a PV and are Bound. */
import type { KObject } from '../types';
import { keyOf, makeController, watchAll, type Ctx } from './lib/context';
import { isNotFound, splitKey } from './lib/queue';
import { R } from './lib/refs';

export function startPvController(ctx: Ctx) {
  const { client, recorder } = ctx;

  function reconcile(key: string) {
    const [ns, name] = splitKey(key);
    const pvc = client.get(R.pvcs, ns, name);
    if (!pvc || pvc.metadata.deletionTimestamp) return;
    const spec = (pvc as any).spec ?? {};
    if ((pvc as any).status?.phase === 'Bound') return;
    const sc = spec.storageClassName ?? 'standard';
    if (sc !== 'standard' && !sc.startsWith('sandbox')) return;
    const pvName = spec.volumeName || `pvc-${pvc.metadata.uid}`;
    const size = spec.resources?.requests?.storage ?? '1Gi';
    if (!client.get(R.pvs, undefined, pvName)) {
      const pv: KObject = {
        apiVersion: 'v1',
        kind: 'PersistentVolume',
        metadata: {
          name: pvName,
          annotations: { 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' },
          finalizers: ['kubernetes.io/pv-protection'],
        },
        spec: {
          capacity: { storage: size },
          accessModes: spec.accessModes ?? ['ReadWriteOnce'],
          persistentVolumeReclaimPolicy: 'Delete',
          storageClassName: sc,
          volumeMode: spec.volumeMode ?? 'Filesystem',
          hostPath: { path: `/var/local-path-provisioner/${pvName}_${ns}_${name}`, type: 'DirectoryOrCreate' },
          claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name, uid: pvc.metadata.uid, resourceVersion: pvc.metadata.resourceVersion },
        },
      };
      client.create(R.pvs, pv);
      recorder.record(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, { component: 'rancher.io/local-path_local-path-provisioner' });
    }
    client.patch(R.pvs, undefined, pvName, 'merge', { status: { phase: 'Bound' } }, { subresource: 'status' });
    if (!spec.volumeName || spec.storageClassName === undefined) {
      client.patch(R.pvcs, ns, name, 'merge', {
        metadata: {
          annotations: {
            'pv.kubernetes.io/bind-completed': 'yes',
            'pv.kubernetes.io/bound-by-controller': 'yes',
            'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
            'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path',
          },
        },
        spec: { volumeName: pvName, ...(spec.storageClassName === undefined ? { storageClassName: sc } : {}) },
      });
    }
    client.patch(R.pvcs, ns, name, 'merge', { status: { phase: 'Bound', accessModes: spec.accessModes ?? ['ReadWriteOnce'], capacity: { storage: size } } }, { subresource: 'status' });
  }

  function releaseFor(pvc: KObject) {
    const pvName = (pvc as any).spec?.volumeName;
    if (!pvName) return;
    const pv = client.get(R.pvs, undefined, pvName);
    if (!pv || (pv as any).spec?.persistentVolumeReclaimPolicy !== 'Delete') return;
    try {
      client.patch(R.pvs, undefined, pvName, 'merge', { metadata: { finalizers: null } });
      client.delete(R.pvs, undefined, pvName);
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }

  return makeController(ctx, 'pv', reconcile, (enqueue) => [
    watchAll(ctx, R.pvcs, (e) => {
      if (e.type === 'DELETED') releaseFor(e.object);
      else enqueue(keyOf(e.object));
    }),
  ]);
}
