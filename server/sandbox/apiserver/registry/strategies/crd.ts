/**
 * CustomResourceDefinitions: accepted and established on create, served as soon as they are stored, and
 * (like custom resources) never updated without a resourceVersion.
 */
import { crdStatus } from '../../crd';
import type { KindStrategy } from '../strategy';

export const crdStrategy: KindStrategy = {
  allowUnconditionalUpdate: false,
  returnDeletedObject: true,
  prepareForCreate(o, ctx) {
    o.status = crdStatus(o, ctx.kinds);
  },
  afterWrite(stored, kinds) {
    kinds.setCrd(stored);
  },
};
