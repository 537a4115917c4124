/** PersistentVolume / claim / StorageClass derived values (kubectl's printPersistentVolume & friends). */
import type { K8sObject } from '../types';

const modeAbbrev: Record<string, string> = {
  ReadWriteOnce: 'RWO',
  ReadOnlyMany: 'ROX',
  ReadWriteMany: 'RWX',
  ReadWriteOncePod: 'RWOP',
};

export function accessModes(obj: K8sObject): string {
  const modes: string[] = obj.spec?.accessModes ?? obj.status?.accessModes ?? [];
  return modes.map((m) => modeAbbrev[m] ?? m).join(',');
}

export function pvClaim(obj: K8sObject): string {
  const ref = obj.spec?.claimRef;
  return ref ? `${ref.namespace}/${ref.name}` : '';
}

export function storageClassOf(obj: K8sObject): string {
  return obj.spec?.storageClassName ?? obj.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
}

export function isDefaultStorageClass(obj: K8sObject): boolean {
  const a = obj.metadata.annotations ?? {};
  return a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
}
