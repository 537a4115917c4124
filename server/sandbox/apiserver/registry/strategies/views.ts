/**
 * Resources served in a form other than the one stored: events.k8s.io Events (stored as core/v1 Events,
 * events-view.ts) and HorizontalPodAutoscalers (autoscaling/v1 stored as v2, hpa-v1.ts).
 */
import { DEFAULT_HPA_CPU_METRIC, def, obj, type Obj } from '../../defaults';
import { eventsViewOf, storageForm, validateEventsV1Create, validateEventsV1Update } from '../../events-view';
import { hpaStorageForm, hpaViewOf } from '../../hpa-v1';
import type { KindStrategy } from '../strategy';

export const eventsV1Strategy: KindStrategy = {
  validateCreate: validateEventsV1Create,
  validateUpdate: validateEventsV1Update,
  toStorage: storageForm,
  fromStorage: eventsViewOf,
};

export const hpaStrategy: KindStrategy = {
  defaults(o) {
    const spec = obj(o as unknown as Obj, 'spec');
    def(spec, 'minReplicas', 1);
    // upstream v2 defaulting (also applied when a v1 object is stored as v2, see hpa-v1.ts): no metrics -> cpu 80 %
    const metrics = spec.metrics as unknown[] | undefined;
    if (o.apiVersion === 'autoscaling/v2' && !metrics?.length) spec.metrics = [DEFAULT_HPA_CPU_METRIC()];
  },
  toStorage: hpaStorageForm,
  fromStorage: hpaViewOf,
};
