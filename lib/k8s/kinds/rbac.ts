/** RoleBinding / ClusterRoleBinding subjects split like kubectl's wide output. */
import type { Subject } from 'kubernetes-types/rbac/v1';
import type { K8sObject } from '../types';

export function bindingSubjects(obj: K8sObject, kind: 'User' | 'Group' | 'ServiceAccount'): string {
  const subjects = (obj.subjects ?? []) as Subject[];
  return subjects
    .filter((s) => s.kind === kind)
    .map((s) => (kind === 'ServiceAccount' ? `${s.namespace ?? ''}/${s.name}` : s.name))
    .join(',');
}

export function bindingRole(obj: K8sObject): string {
  const ref = obj.roleRef as { kind?: string; name?: string } | undefined;
  return ref ? `${ref.kind}/${ref.name}` : '';
}
