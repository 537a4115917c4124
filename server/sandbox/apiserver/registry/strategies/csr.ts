/**
 * CertificateSigningRequests: the requester is recorded from the request's user on create (the
 * strategy's PrepareForCreate) and the fields clients must send are checked.
 */
import type { KObject } from '../../../types';
import { prepareCsrCreate, validateCsr } from '../../extra-kinds';
import { invalid } from '../../errors';
import type { KindStrategy } from '../strategy';

export const csrStrategy: KindStrategy = {
  prepareForCreate(o, ctx) {
    if (ctx.user) prepareCsrCreate(o, ctx.user);
    delete o.status;
  },
  validateCreate(o: KObject, k) {
    const causes = validateCsr(o);
    if (causes.length) throw invalid(k.kind, k.group, o.metadata?.name ?? '', causes);
  },
};
