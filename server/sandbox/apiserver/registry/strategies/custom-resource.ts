/**
 * Custom resources (apiextensions-apiserver's customResourceStrategy), one per served version: no
 * built-in defaults, generation tracks everything but metadata (and status when the version has the
 * status subresource), updates need a resourceVersion, and DELETE answers with the object.
 */
import type { KObject } from '../../../types';
import { hasSubresource, type ServedKind } from '../../../kinds';
import { deepEqual } from '../../../../../lib/k8s/machinery/equal';
import { dropStatusOnCreate, type Strategy } from '../strategy';

export function customResourceStrategy(k: ServedKind): Strategy {
  const statusSplit = hasSubresource(k, 'status');
  const strip = (o: KObject): Record<string, unknown> => {
    const { metadata: _m, apiVersion: _v, status, ...rest } = o as KObject & { status?: unknown };
    return statusSplit ? rest : { ...rest, status };
  };
  return {
    generation: true,
    statusSplit,
    allowUnconditionalUpdate: false,
    returnDeletedObject: true,
    prepareForCreate: dropStatusOnCreate(statusSplit),
    specChanged: (old, next) => !deepEqual(strip(old), strip(next)),
  };
}
