/* eslint-disable @typescript-eslint/no-explicit-any -- pod specs are handled as untyped JSON (KObject) here; fields are read defensively */
import { parseQuantity } from '../../../../lib/k8s/machinery/quantity';

const q = (v: unknown): number => parseQuantity(v as string | number | undefined) ?? 0;

/** Sum of container requests (cpu cores, memory bytes) of a pod spec: max(init) vs sum(app), as the scheduler does. */
export function podRequests(spec: any): { cpu: number; memory: number } {
  const sum = { cpu: 0, memory: 0 };
  for (const c of spec?.containers ?? []) {
    sum.cpu += q(c.resources?.requests?.cpu ?? c.resources?.limits?.cpu);
    sum.memory += q(c.resources?.requests?.memory ?? c.resources?.limits?.memory);
  }
  for (const c of spec?.initContainers ?? []) {
    sum.cpu = Math.max(sum.cpu, q(c.resources?.requests?.cpu));
    sum.memory = Math.max(sum.memory, q(c.resources?.requests?.memory));
  }
  return sum;
}
