/**
 * The hand-written validations of the real apiserver (pkg/apis/*\/validation) that users hit most: object
 * names, labels, pod templates, workload selectors, service ports, config keys. Not exhaustive; each rule
 * words its cause as the real one does. Runs on the object as sent (defaulting has not filled in values,
 * so unset optional fields are accepted).
 */
import type { KObject } from '../../types';
import {
  configMapKey, dns1035Label, dns1123Label, dns1123Subdomain, duplicate, invalid, labelValue,
  notSupported, pathSegmentName, qualifiedName, required,
} from './field-errors';
import type { ValidationCause } from './types';
import { validateCronSchedule, validateHpa, validateIngress } from './validate-rules-more';

// Request bodies are unvalidated JSON; rules probe them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

const LABEL_NAMED = new Set(['Namespace']);
const DNS1035_NAMED = new Set(['Service']);
const PATH_SEGMENT_NAMED = new Set(['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding']);

function nameRule(kind: string): (v: string) => string[] {
  if (LABEL_NAMED.has(kind)) return dns1123Label;
  if (DNS1035_NAMED.has(kind)) return dns1035Label;
  if (PATH_SEGMENT_NAMED.has(kind)) return pathSegmentName;
  return dns1123Subdomain;
}

function validateLabels(labels: unknown, field: string, out: ValidationCause[]) {
  if (!isObj(labels)) return;
  for (const [k, v] of Object.entries(labels)) {
    for (const e of qualifiedName(k)) out.push(invalid(field, k, e));
    if (typeof v === 'string') for (const e of labelValue(v)) out.push(invalid(field, v, e));
  }
}

function validateMeta(obj: KObject, out: ValidationCause[]) {
  const m = isObj(obj.metadata) ? (obj.metadata as Obj) : {};
  const rule = nameRule(obj.kind);
  if (typeof m.name === 'string' && m.name !== '') {
    for (const e of rule(m.name)) out.push(invalid('metadata.name', m.name, e));
  } else if (!m.generateName) {
    out.push(required('metadata.name', 'name or generateName is required'));
  }
  if (typeof m.generateName === 'string' && m.generateName && !m.name) {
    // generateName gets a suffix, so only its prefix must be valid (a trailing '-' is fine).
    for (const e of rule(`${m.generateName.replace(/-+$/, '')}a`)) out.push(invalid('metadata.generateName', m.generateName, e));
  }
  validateLabels(m.labels, 'metadata.labels', out);
  if (isObj(m.annotations)) for (const k of Object.keys(m.annotations)) for (const e of qualifiedName(k)) out.push(invalid('metadata.annotations', k, e));
}

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function validateContainers(list: unknown, field: string, out: ValidationCause[], requireAtLeastOne: boolean) {
  if (!Array.isArray(list) || list.length === 0) {
    if (requireAtLeastOne) out.push(required(field));
    return;
  }
  const names = new Set<string>();
  list.forEach((c, i) => {
    const f = `${field}[${i}]`;
    if (!isObj(c)) return;
    if (!c.name) out.push(required(`${f}.name`));
    else if (typeof c.name === 'string') {
      for (const e of dns1123Label(c.name)) out.push(invalid(`${f}.name`, c.name, e));
      if (names.has(c.name)) out.push(duplicate(`${f}.name`, c.name));
      names.add(c.name);
    }
    if (!c.image || (typeof c.image === 'string' && !c.image.trim())) out.push(required(`${f}.image`));
    if (c.imagePullPolicy !== undefined && !PULL_POLICIES.includes(c.imagePullPolicy)) {
      out.push(notSupported(`${f}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES));
    }
    if (Array.isArray(c.ports)) {
      c.ports.forEach((p: unknown, j: number) => {
        if (!isObj(p)) return;
        const pf = `${f}.ports[${j}]`;
        if (typeof p.containerPort === 'number' && (p.containerPort < 1 || p.containerPort > 65535)) {
          out.push(invalid(`${pf}.containerPort`, p.containerPort, 'must be between 1 and 65535, inclusive'));
        }
        if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) out.push(notSupported(`${pf}.protocol`, p.protocol, PROTOCOLS));
      });
    }
    if (Array.isArray(c.env)) {
      c.env.forEach((e: unknown, j: number) => {
        if (isObj(e) && !e.name) out.push(required(`${f}.env[${j}].name`));
      });
    }
  });
}

/** restartPolicies: allowed values for this pod's owner (templates of Deployments only allow Always). */
function validatePodSpec(spec: unknown, field: string, out: ValidationCause[], restartPolicies: string[], restartRequired = false) {
  if (!isObj(spec)) {
    out.push(required(`${field}.containers`));
    return;
  }
  validateContainers(spec.containers, `${field}.containers`, out, true);
  validateContainers(spec.initContainers, `${field}.initContainers`, out, false);
  const rp = spec.restartPolicy;
  if (rp === undefined && restartRequired) {
    out.push(required(`${field}.restartPolicy`, `valid values: ${restartPolicies.map((p) => JSON.stringify(p)).join(', ')}`));
  } else if (rp !== undefined && !restartPolicies.includes(rp)) {
    if (restartRequired) out.push(required(`${field}.restartPolicy`, `valid values: ${restartPolicies.map((p) => JSON.stringify(p)).join(', ')}`));
    else out.push(notSupported(`${field}.restartPolicy`, rp, restartPolicies));
  }
}

function selectorMatches(selector: Obj, labels: Obj): boolean {
  for (const [k, v] of Object.entries(isObj(selector.matchLabels) ? selector.matchLabels : {})) if (labels[k] !== v) return false;
  for (const r of Array.isArray(selector.matchExpressions) ? selector.matchExpressions : []) {
    if (!isObj(r)) continue;
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    const values: unknown[] = Array.isArray(r.values) ? r.values : [];
    if (r.operator === 'In' && !(has && values.includes(labels[r.key]))) return false;
    if (r.operator === 'NotIn' && has && values.includes(labels[r.key])) return false;
    if (r.operator === 'Exists' && !has) return false;
    if (r.operator === 'DoesNotExist' && has) return false;
  }
  return true;
}

function validateWorkload(kindLower: string, spec: Obj, out: ValidationCause[], selectorRequired: boolean) {
  if (spec.replicas !== undefined && typeof spec.replicas === 'number' && spec.replicas < 0) {
    out.push(invalid('spec.replicas', spec.replicas, 'must be greater than or equal to 0'));
  }
  const sel = spec.selector;
  const labels = isObj(spec.template) && isObj(spec.template.metadata) && isObj(spec.template.metadata.labels) ? spec.template.metadata.labels : {};
  if (!isObj(sel)) {
    if (selectorRequired) out.push(required('spec.selector'));
  } else {
    const empty = !Object.keys(sel.matchLabels ?? {}).length && !(Array.isArray(sel.matchExpressions) && sel.matchExpressions.length);
    if (empty) out.push(invalid('spec.selector', sel, `empty selector is invalid for ${kindLower}`));
    else if (!selectorMatches(sel, labels)) out.push(invalid('spec.template.metadata.labels', labels, '`selector` does not match template `labels`'));
  }
  if (isObj(spec.template) && isObj(spec.template.metadata)) validateLabels(spec.template.metadata.labels, 'spec.template.metadata.labels', out);
}

const SERVICE_TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function validateService(spec: Obj, out: ValidationCause[]) {
  const type = spec.type ?? 'ClusterIP';
  if (!SERVICE_TYPES.includes(type)) out.push(notSupported('spec.type', type, SERVICE_TYPES));
  const ports: unknown[] = Array.isArray(spec.ports) ? spec.ports : [];
  if (!ports.length && type !== 'ExternalName' && spec.clusterIP !== 'None') out.push(required('spec.ports'));
  if (type === 'ExternalName' && !spec.externalName) out.push(required('spec.externalName'));
  const names = new Set<string>();
  ports.forEach((p, i) => {
    if (!isObj(p)) return;
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) out.push(required(`${f}.name`));
    if (p.name) {
      if (names.has(p.name)) out.push(duplicate(`${f}.name`, p.name));
      names.add(p.name);
    }
    if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) {
      if (p.port === undefined) out.push(invalid(`${f}.port`, 0, 'must be between 1 and 65535, inclusive'));
      else out.push(invalid(`${f}.port`, p.port, 'must be between 1 and 65535, inclusive'));
    }
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535)) {
      out.push(invalid(`${f}.targetPort`, p.targetPort, 'must be between 1 and 65535, inclusive'));
    }
    if (typeof p.nodePort === 'number' && (p.nodePort < 0 || p.nodePort > 65535)) {
      out.push(invalid(`${f}.nodePort`, p.nodePort, 'must be between 1 and 65535, inclusive'));
    }
    if (p.protocol !== undefined && !PROTOCOLS.includes(p.protocol)) out.push(notSupported(`${f}.protocol`, p.protocol, PROTOCOLS));
  });
}

function validateDataKeys(obj: KObject, out: ValidationCause[]) {
  for (const field of ['data', 'binaryData', 'stringData']) {
    const d = obj[field];
    if (!isObj(d)) continue;
    for (const k of Object.keys(d)) for (const e of configMapKey(k)) out.push(invalid(`${field}[${k}]`, k, e));
  }
}

/** Kind-specific rules; group-qualified kinds only (a CRD may reuse a built-in kind name). */
export function validateBuiltinRules(obj: KObject, group: string): ValidationCause[] {
  const out: ValidationCause[] = [];
  validateMeta(obj, out);
  const spec = isObj(obj.spec) ? (obj.spec as Obj) : undefined;
  const key = `${group}/${obj.kind}`;
  switch (key) {
    case '/Pod':
      validatePodSpec(spec, 'spec', out, ['Always', 'OnFailure', 'Never']);
      break;
    case 'apps/Deployment':
    case 'apps/ReplicaSet':
    case 'apps/StatefulSet':
    case 'apps/DaemonSet': {
      const s = spec ?? {};
      validateWorkload(obj.kind.toLowerCase(), s, out, true);
      const tpl = isObj(s.template) ? s.template.spec : undefined;
      validatePodSpec(tpl, 'spec.template.spec', out, ['Always']);
      break;
    }
    case 'batch/Job': {
      const s = spec ?? {};
      if (s.parallelism !== undefined && s.parallelism < 0) out.push(invalid('spec.parallelism', s.parallelism, 'must be greater than or equal to 0'));
      if (s.completions !== undefined && s.completions < 0) out.push(invalid('spec.completions', s.completions, 'must be greater than or equal to 0'));
      validatePodSpec(isObj(s.template) ? s.template.spec : undefined, 'spec.template.spec', out, ['OnFailure', 'Never'], true);
      break;
    }
    case 'batch/CronJob': {
      const s = spec ?? {};
      validateCronSchedule(s.schedule, out);
      const jt = isObj(s.jobTemplate) && isObj(s.jobTemplate.spec) ? s.jobTemplate.spec : {};
      validatePodSpec(isObj(jt.template) ? jt.template.spec : undefined, 'spec.jobTemplate.spec.template.spec', out, ['OnFailure', 'Never'], true);
      break;
    }
    case '/Service':
      validateService(spec ?? {}, out);
      break;
    case 'networking.k8s.io/Ingress':
      validateIngress(spec ?? {}, out);
      break;
    case 'autoscaling/HorizontalPodAutoscaler':
      validateHpa(spec ?? {}, out);
      break;
    case '/ConfigMap':
    case '/Secret':
      validateDataKeys(obj, out);
      break;
  }
  return out;
}
