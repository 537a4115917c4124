/**
 * The apps kinds, ReplicationControllers and PodTemplates: SetDefaults_* for replicas, update strategies
 * and their pod templates. Their status changes only through /status (the generic default).
 */
import { def, defaultPodSpec, defaultTemplate, obj, type Obj } from '../../defaults';
import type { KObject } from '../../../types';
import type { KindStrategy } from '../strategy';

const specOf = (o: KObject): Obj => obj(o as unknown as Obj, 'spec');

export const deploymentStrategy: KindStrategy = {
  defaults(o) {
    const spec = specOf(o);
    def(spec, 'replicas', 1);
    def(spec, 'revisionHistoryLimit', 10);
    def(spec, 'progressDeadlineSeconds', 600);
    const st = obj(spec, 'strategy');
    def(st, 'type', 'RollingUpdate');
    if (st.type === 'RollingUpdate') {
      const ru = obj(st, 'rollingUpdate');
      def(ru, 'maxUnavailable', '25%');
      def(ru, 'maxSurge', '25%');
    }
    defaultTemplate(spec);
  },
};

export const replicaSetStrategy: KindStrategy = {
  defaults(o) {
    const spec = specOf(o);
    def(spec, 'replicas', 1);
    defaultTemplate(spec);
  },
};

export const statefulSetStrategy: KindStrategy = {
  defaults(o) {
    const spec = specOf(o);
    def(spec, 'replicas', 1);
    def(spec, 'podManagementPolicy', 'OrderedReady');
    def(spec, 'revisionHistoryLimit', 10);
    const us = obj(spec, 'updateStrategy');
    def(us, 'type', 'RollingUpdate');
    if (us.type === 'RollingUpdate') def(obj(us, 'rollingUpdate'), 'partition', 0);
    def(spec, 'persistentVolumeClaimRetentionPolicy', { whenDeleted: 'Retain', whenScaled: 'Retain' });
    defaultTemplate(spec);
  },
};

export const daemonSetStrategy: KindStrategy = {
  defaults(o) {
    const spec = specOf(o);
    def(spec, 'revisionHistoryLimit', 10);
    const us = obj(spec, 'updateStrategy');
    def(us, 'type', 'RollingUpdate');
    if (us.type === 'RollingUpdate') {
      const ru = obj(us, 'rollingUpdate');
      def(ru, 'maxUnavailable', 1);
      def(ru, 'maxSurge', 0);
    }
    defaultTemplate(spec);
  },
};

/** upstream SetDefaults_ReplicationController: selector and labels from the template's labels */
export const replicationControllerStrategy: KindStrategy = {
  defaults(o) {
    const spec = specOf(o);
    def(spec, 'replicas', 1);
    def(spec, 'minReadySeconds', 0);
    defaultTemplate(spec);
    const tplLabels = (spec.template as { metadata: { labels?: Record<string, string> } }).metadata.labels;
    if (tplLabels && !(spec.selector && Object.keys(spec.selector as Obj).length)) spec.selector = { ...tplLabels };
    if (tplLabels && !Object.keys(o.metadata.labels ?? {}).length) o.metadata.labels = { ...tplLabels };
  },
};

export const podTemplateStrategy: KindStrategy = {
  defaults(o) {
    const tpl = obj(o as unknown as Obj, 'template');
    obj(tpl, 'metadata');
    defaultPodSpec(obj(tpl, 'spec'));
  },
};
