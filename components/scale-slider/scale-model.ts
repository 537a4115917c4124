/** Pure pieces of the replica control: slider range and the HPA (if any) that owns the replica count. */
import type { K8sObject } from '@/lib/k8s/types';

/** 0..max(10, 2×desired), widened to whatever the number input was given. */
export function sliderMax(desired: number, shown: number): number {
  return Math.max(10, 2 * desired, shown);
}

export interface HpaBounds {
  name: string;
  min: number;
  max: number;
}

/** The HPA whose scaleTargetRef names this object (same namespace is the caller's watch scope). */
export function findHpa(hpas: K8sObject[], kind: string, name: string): HpaBounds | undefined {
  const h = hpas.find((x) => x.spec?.scaleTargetRef?.kind === kind && x.spec?.scaleTargetRef?.name === name);
  if (!h) return undefined;
  return { name: h.metadata.name, min: Number(h.spec?.minReplicas ?? 1), max: Number(h.spec?.maxReplicas ?? 0) };
}
