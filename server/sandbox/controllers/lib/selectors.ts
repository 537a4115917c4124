/** Node-affinity term matching (the scheduler's NodeSelectorTerms), on the shared label requirements. */
import { matchesRequirements, requirementsFromLabelSelector, type LabelSelectorRequirement } from '../../../../lib/k8s/machinery/labels';

function matchRequirement(labels: Record<string, string>, r: LabelSelectorRequirement): boolean {
  try {
    return matchesRequirements(requirementsFromLabelSelector({ matchExpressions: [r] }), labels);
  } catch {
    return false; // an unknown operator matches nothing
  }
}

interface NodeSelectorTerm {
  matchExpressions?: LabelSelectorRequirement[];
  matchFields?: LabelSelectorRequirement[];
}

/** requiredDuringSchedulingIgnoredDuringExecution: terms are ORed, expressions within a term ANDed. */
export function matchesNodeSelectorTerms(
  terms: NodeSelectorTerm[] | undefined,
  nodeLabels: Record<string, string>,
  nodeName: string,
): boolean {
  if (!terms || terms.length === 0) return true;
  return terms.some((t) => {
    const exprs = t.matchExpressions ?? [];
    const fields = t.matchFields ?? [];
    if (exprs.length === 0 && fields.length === 0) return false;
    return (
      exprs.every((r) => matchRequirement(nodeLabels, r)) &&
      fields.every((r) => matchRequirement({ 'metadata.name': nodeName }, r))
    );
  });
}
