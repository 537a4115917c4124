/* The kinds the sidebar lists: the registry's, minus those it hides from navigation. */
import { kinds } from '@/lib/k8s/registry';
import type { NavKind } from './nav-model';

export const navKinds: NavKind[] = kinds.filter((k) => !k.hiddenInNav);
