/**
 * kubectl's columns for the less common kinds (upstream pkg/printers/internalversion/printers.go):
 * PodTemplates, ComponentStatuses, CSRs, admission configuration, APIServices, RuntimeClasses, CSI objects,
 * VolumeAttachments and API priority and fairness.
 */
import type { KObject } from '../types';
import { AGE_COL, NAME_COL, type Cell, type Column } from './table-columns';

type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function col(name: string, value: (o: Any) => Cell, opts: { type?: string; priority?: number } = {}): Column {
  return { name, type: opts.type ?? 'string', format: '', description: name, priority: opts.priority ?? 0, value: value as (o: KObject) => Cell };
}
const int = { type: 'integer' };
const list = (v: unknown[] | undefined) => (v?.length ? v.join(',') : '<none>');

function csrCondition(o: Any): string {
  const conds = (o.status?.conditions ?? []) as Any[];
  const parts = conds.filter((c) => c.status !== 'False').map((c) => c.type as string);
  if (o.status?.certificate) parts.push('Issued');
  return parts.length ? parts.join(',') : 'Pending';
}

function webhookCount(o: Any): number {
  return (o.webhooks ?? []).length;
}

export const MORE_COLUMNS: Record<string, Column[]> = {
  '/podtemplates': [
    NAME_COL,
    col('Containers', (t) => ((t.template?.spec?.containers ?? []) as Any[]).map((c) => c.name).join(',')),
    col('Images', (t) => ((t.template?.spec?.containers ?? []) as Any[]).map((c) => c.image).join(',')),
    col('Pod Labels', (t) => Object.entries(t.template?.metadata?.labels ?? {}).map(([k, v]) => `${k}=${v}`).join(',')),
  ],
  '/componentstatuses': [
    NAME_COL,
    col('Status', (s) => (((s.conditions ?? []) as Any[]).find((c) => c.type === 'Healthy')?.status === 'True' ? 'Healthy' : 'Unhealthy')),
    col('Message', (s) => ((s.conditions ?? []) as Any[]).map((c) => c.message ?? '').join(',')),
    col('Error', (s) => ((s.conditions ?? []) as Any[]).map((c) => c.error ?? '').join(',')),
  ],
  'certificates.k8s.io/certificatesigningrequests': [
    NAME_COL,
    AGE_COL,
    col('SignerName', (c) => c.spec?.signerName ?? ''),
    col('Requestor', (c) => c.spec?.username ?? ''),
    col('RequestedDuration', (c) => (c.spec?.expirationSeconds ? `${Math.round(c.spec.expirationSeconds / 60)}m` : '<none>')),
    col('Condition', csrCondition),
  ],
  'admissionregistration.k8s.io/mutatingwebhookconfigurations': [NAME_COL, col('Webhooks', webhookCount, int), AGE_COL],
  'admissionregistration.k8s.io/validatingwebhookconfigurations': [NAME_COL, col('Webhooks', webhookCount, int), AGE_COL],
  'admissionregistration.k8s.io/validatingadmissionpolicies': [
    NAME_COL,
    col('Validations', (p) => (p.spec?.validations ?? []).length, int),
    col('ParamKind', (p) => (p.spec?.paramKind ? `${p.spec.paramKind.apiVersion}/${p.spec.paramKind.kind}` : '<unset>')),
    AGE_COL,
  ],
  'admissionregistration.k8s.io/validatingadmissionpolicybindings': [
    NAME_COL,
    col('PolicyName', (b) => b.spec?.policyName ?? ''),
    col('ParamRef', (b) => (b.spec?.paramRef ? `${b.spec.paramRef.namespace ? `${b.spec.paramRef.namespace}/` : ''}${b.spec.paramRef.name ?? '*'}` : '<unset>')),
    AGE_COL,
  ],
  'apiregistration.k8s.io/apiservices': [
    NAME_COL,
    col('Service', (a) => (a.spec?.service ? `${a.spec.service.namespace}/${a.spec.service.name}` : 'Local')),
    col('Available', (a) => {
      const c = ((a.status?.conditions ?? []) as Any[]).find((x) => x.type === 'Available');
      return c ? (c.status === 'True' ? 'True' : `${c.status} (${c.reason})`) : 'Unknown';
    }),
    AGE_COL,
  ],
  'node.k8s.io/runtimeclasses': [NAME_COL, col('Handler', (r) => r.handler ?? ''), AGE_COL],
  'storage.k8s.io/csidrivers': [
    NAME_COL,
    col('AttachRequired', (d) => String(d.spec?.attachRequired ?? true)),
    col('PodInfoOnMount', (d) => String(d.spec?.podInfoOnMount ?? false)),
    col('StorageCapacity', (d) => String(d.spec?.storageCapacity ?? false)),
    col('TokenRequests', (d) => (d.spec?.tokenRequests?.length ? (d.spec.tokenRequests as Any[]).map((t) => t.audience).join(',') : '<unset>')),
    col('RequiresRepublish', (d) => String(d.spec?.requiresRepublish ?? false)),
    col('Modes', (d) => list(d.spec?.volumeLifecycleModes ?? ['Persistent'])),
    AGE_COL,
  ],
  'storage.k8s.io/csinodes': [NAME_COL, col('Drivers', (n) => (n.spec?.drivers ?? []).length, int), AGE_COL],
  'storage.k8s.io/csistoragecapacities': [NAME_COL, col('StorageClassName', (s) => s.storageClassName ?? ''), col('Capacity', (s) => s.capacity ?? ''), AGE_COL],
  'storage.k8s.io/volumeattachments': [
    NAME_COL,
    col('Attacher', (v) => v.spec?.attacher ?? ''),
    col('PV', (v) => v.spec?.source?.persistentVolumeName ?? ''),
    col('Node', (v) => v.spec?.nodeName ?? ''),
    col('Attached', (v) => !!v.status?.attached, { type: 'boolean' }),
    AGE_COL,
  ],
  'flowcontrol.apiserver.k8s.io/flowschemas': [
    NAME_COL,
    col('PriorityLevel', (f) => f.spec?.priorityLevelConfiguration?.name ?? ''),
    col('MatchingPrecedence', (f) => f.spec?.matchingPrecedence ?? 1000, int),
    col('DistinguisherMethod', (f) => f.spec?.distinguisherMethod?.type ?? '<none>'),
    AGE_COL,
    col('MissingPL', (f) => {
      const c = ((f.status?.conditions ?? []) as Any[]).find((x) => x.type === 'Dangling');
      return c ? (c.status === 'True' ? 'True' : 'False') : '?';
    }),
  ],
  'flowcontrol.apiserver.k8s.io/prioritylevelconfigurations': [
    NAME_COL,
    col('Type', (p) => p.spec?.type ?? ''),
    col('NominalConcurrencyShares', (p) => (p.spec?.limited ? String(p.spec.limited.nominalConcurrencyShares ?? 30) : '<none>')),
    col('Queues', (p) => (p.spec?.limited?.limitResponse?.queuing ? String(p.spec.limited.limitResponse.queuing.queues) : '<none>')),
    col('HandSize', (p) => (p.spec?.limited?.limitResponse?.queuing ? String(p.spec.limited.limitResponse.queuing.handSize) : '<none>')),
    col('QueueLengthLimit', (p) => (p.spec?.limited?.limitResponse?.queuing ? String(p.spec.limited.limitResponse.queuing.queueLengthLimit) : '<none>')),
    AGE_COL,
  ],
};
