/**
 * Jobs and CronJobs: SetDefaults_Job and SetDefaults_CronJob, and the Job strategy's PrepareForCreate,
 * which gives a Job without manualSelector the controller-uid selector and template labels.
 */
import type { KObject } from '../../../types';
import { def, defaultTemplate, obj, type Obj } from '../../defaults';
import type { KindStrategy } from '../strategy';

function jobSelector(o: KObject): void {
  const spec = (o.spec ??= {}) as { selector?: unknown; manualSelector?: boolean; template?: { metadata?: { labels?: Record<string, string> } } };
  if (spec.manualSelector) return;
  const uid = o.metadata.uid!;
  spec.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  const tm = ((spec.template ??= {}).metadata ??= {});
  tm.labels = {
    ...tm.labels,
    'batch.kubernetes.io/controller-uid': uid,
    'batch.kubernetes.io/job-name': o.metadata.name ?? '',
    'controller-uid': uid,
    'job-name': o.metadata.name ?? '',
  };
}

export const jobStrategy: KindStrategy = {
  defaults(o) {
    const spec = obj(o as unknown as Obj, 'spec');
    def(spec, 'parallelism', 1);
    def(spec, 'completions', spec.parallelism === 1 ? 1 : undefined);
    def(spec, 'backoffLimit', 6);
    def(spec, 'completionMode', 'NonIndexed');
    def(spec, 'suspend', false);
    def(spec, 'podReplacementPolicy', 'TerminatingOrFailed');
    def(spec, 'manualSelector', undefined);
    const tplSpec = obj(obj(spec, 'template'), 'spec');
    def(tplSpec, 'restartPolicy', 'Never');
    defaultTemplate(spec);
    if (spec.manualSelector === undefined) delete spec.manualSelector;
    if (spec.completions === undefined) delete spec.completions;
  },
  prepareForCreate(o) {
    delete o.status;
    jobSelector(o);
  },
};

export const cronJobStrategy: KindStrategy = {
  defaults(o) {
    const spec = obj(o as unknown as Obj, 'spec');
    def(spec, 'concurrencyPolicy', 'Allow');
    def(spec, 'suspend', false);
    def(spec, 'successfulJobsHistoryLimit', 3);
    def(spec, 'failedJobsHistoryLimit', 1);
    const jt = obj(obj(spec, 'jobTemplate'), 'spec');
    def(jt, 'backoffLimit', 6);
    def(jt, 'completionMode', 'NonIndexed');
    def(jt, 'suspend', false);
    def(jt, 'parallelism', 1);
    def(jt, 'completions', 1);
    const tplSpec = obj(obj(jt, 'template'), 'spec');
    def(tplSpec, 'restartPolicy', 'Never');
    defaultTemplate(jt);
  },
};
