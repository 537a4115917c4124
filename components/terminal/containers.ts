/** The containers a terminal can open in, from a pod (init, app and ephemeral containers) with their state. */
type Any = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface TerminalContainer {
  name: string;
  kind: 'init' | 'app' | 'ephemeral';
  /** stdin is open, so its main process can be attached */
  stdin: boolean;
  running: boolean;
}

export function podContainers(pod: Any | undefined): TerminalContainer[] {
  if (!pod) return [];
  const statuses = new Map<string, Any>();
  for (const s of [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])] as Any[]) statuses.set(s.name, s);
  const of = (list: unknown, kind: TerminalContainer['kind']) =>
    ((list ?? []) as Any[]).map((c) => ({ name: String(c.name), kind, stdin: Boolean(c.stdin), running: Boolean(statuses.get(c.name)?.state?.running) }));
  return [...of(pod.spec?.initContainers, 'init'), ...of(pod.spec?.containers, 'app'), ...of(pod.spec?.ephemeralContainers, 'ephemeral')];
}

/** kubectl's choice: the default-container annotation, else the first app container. */
export function defaultContainer(pod: Any | undefined, list: TerminalContainer[]): string {
  const annotated = pod?.metadata?.annotations?.['kubectl.kubernetes.io/default-container'];
  if (annotated && list.some((c) => c.name === annotated)) return annotated;
  return list.find((c) => c.kind === 'app')?.name ?? list[0]?.name ?? '';
}
