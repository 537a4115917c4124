/**
 * More hand-written apiserver validations, for kinds users edit by hand less often than workloads:
 * Ingress paths, CronJob schedules, HorizontalPodAutoscaler bounds. Worded like pkg/apis/*\/validation.
 */
import { cronSyntaxError } from './cron-syntax';
import { invalid, notSupported, required } from './field-errors';
import type { ValidationCause } from './types';

// Request bodies are unvalidated JSON; rules probe them field by field.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;
const isObj = (v: unknown): v is Obj => !!v && typeof v === 'object' && !Array.isArray(v);

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];

export function validateIngress(spec: Obj, out: ValidationCause[]) {
  const rules: unknown[] = Array.isArray(spec.rules) ? spec.rules : [];
  rules.forEach((r, i) => {
    if (!isObj(r) || !isObj(r.http)) return;
    const paths: unknown[] = Array.isArray(r.http.paths) ? r.http.paths : [];
    if (!paths.length) out.push(required(`spec.rules[${i}].http.paths`));
    paths.forEach((p, j) => {
      if (!isObj(p)) return;
      const f = `spec.rules[${i}].http.paths[${j}]`;
      if (p.pathType === undefined) out.push(required(`${f}.pathType`, 'pathType must be specified'));
      else if (!PATH_TYPES.includes(p.pathType)) out.push(notSupported(`${f}.pathType`, p.pathType, PATH_TYPES));
      if ((p.pathType === 'Exact' || p.pathType === 'Prefix') && typeof p.path === 'string' && !p.path.startsWith('/')) {
        out.push(invalid(`${f}.path`, p.path, 'must be an absolute path'));
      }
      if (!isObj(p.backend)) out.push(required(`${f}.backend`));
      else if (!p.backend.service && !p.backend.resource) out.push(invalid(`${f}.backend`, '', 'resource or service required'));
    });
  });
}

export function validateCronSchedule(schedule: unknown, out: ValidationCause[]) {
  if (schedule === undefined || schedule === '') {
    out.push(required('spec.schedule'));
    return;
  }
  if (typeof schedule !== 'string') return;
  const err = cronSyntaxError(schedule);
  if (err) out.push(invalid('spec.schedule', schedule, err.startsWith('expected exactly') ? `unparseable schedule ${JSON.stringify(schedule)}: ${err}` : err));
}

export function validateHpa(spec: Obj, out: ValidationCause[]) {
  const ref = isObj(spec.scaleTargetRef) ? spec.scaleTargetRef : undefined;
  if (!ref) out.push(required('spec.scaleTargetRef'));
  else {
    if (!ref.kind) out.push(required('spec.scaleTargetRef.kind'));
    if (!ref.name) out.push(required('spec.scaleTargetRef.name'));
  }
  const min = spec.minReplicas;
  const max = spec.maxReplicas;
  if (typeof min === 'number' && min < 1) out.push(invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (typeof max !== 'number' || max < 1) out.push(invalid('spec.maxReplicas', max ?? 0, 'must be greater than or equal to 1'));
  else if (typeof min === 'number' && max < min) out.push(invalid('spec.maxReplicas', max, 'must be greater than or equal to `minReplicas`'));
}
