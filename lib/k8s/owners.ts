/** Resolving references (ownerReferences, involvedObject, scaleTargetRef) to a routable group/version/resource. */
import type { GroupVersionResource } from './types';
import { parseApiVersion } from './types';
import { kindByKind } from './registry';

/**
 * Built-in kinds resolve through the registry; for other kinds the plural is guessed the way most CRDs name
 * theirs (lower-case kind + "s" / "es" / "ies"). A wrong guess yields a not-found page, never a wrong object.
 */
export function refTarget(apiVersion: string | undefined, kind: string): GroupVersionResource {
  const { group, version } = parseApiVersion(apiVersion);
  const known = kindByKind(group, kind);
  if (known) return { group, version: apiVersion ? version : known.version, resource: known.plural };
  const lower = kind.toLowerCase();
  const plural = /(s|x|z|ch|sh)$/.test(lower) ? `${lower}es` : /[^aeiou]y$/.test(lower) ? `${lower.slice(0, -1)}ies` : `${lower}s`;
  return { group, version, resource: plural };
}
