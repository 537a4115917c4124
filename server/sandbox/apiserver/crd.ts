/**
 * CustomResourceDefinition status as the apiextensions controllers set it: names accepted and
 * established at once (the sandbox serves a CRD synchronously when it is stored).
 */
import type { KObject } from '../types';
import { BUILTIN_KINDS } from '../kinds';
import type { KindRegistry } from './kind-registry';
import { nowRfc3339 } from './meta';

interface CrdSpec {
  group?: string;
  names?: { plural?: string; singular?: string; kind?: string; listKind?: string; shortNames?: string[]; categories?: string[] };
  versions?: { name: string; storage?: boolean }[];
}

export function crdStatus(crd: KObject, kinds: KindRegistry): Record<string, unknown> {
  const spec = (crd.spec ?? {}) as CrdSpec;
  const names = spec.names ?? {};
  const now = nowRfc3339();
  const clash =
    BUILTIN_KINDS.some((k) => k.group === spec.group && k.resource === names.plural) ||
    kinds.crdObjects().some((c) => {
      const s = c.spec as CrdSpec;
      return c.metadata.name !== crd.metadata.name && s.group === spec.group && s.names?.plural === names.plural;
    });
  const accepted = {
    plural: names.plural,
    singular: names.singular || (names.kind ?? '').toLowerCase(),
    kind: names.kind,
    listKind: names.listKind || `${names.kind}List`,
    ...(names.shortNames ? { shortNames: names.shortNames } : {}),
    ...(names.categories ? { categories: names.categories } : {}),
  };
  return {
    acceptedNames: clash ? {} : accepted,
    conditions: [
      {
        type: 'NamesAccepted',
        status: clash ? 'False' : 'True',
        lastTransitionTime: now,
        reason: clash ? 'NameConflict' : 'NoConflicts',
        message: clash ? `"${names.plural}" is already in use` : 'no conflicts found',
      },
      {
        type: 'Established',
        status: clash ? 'False' : 'True',
        lastTransitionTime: now,
        reason: clash ? 'NotAccepted' : 'InitialNamesAccepted',
        message: clash ? 'not all names are accepted' : 'the initial names have been accepted',
      },
    ],
    storedVersions: (spec.versions ?? []).filter((v) => v.storage).map((v) => v.name),
  };
}
