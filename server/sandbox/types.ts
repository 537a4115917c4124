/**
 * Contracts shared by the sandbox's parts (apiserver/store, controllers, kubelet, scenarios).
 * The sandbox is reached by the BFF only over HTTPS; these in-process types exist for the
 * sandbox's own controllers and kubelets, which (like kube-controller-manager) act through the
 * same semantic layer as HTTP requests: defaulting, validation, generation bumps, finalizers.
 */

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: unknown[];
  [k: string]: unknown;
}

/** Any Kubernetes object as plain JSON. */
export interface KObject {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
  [k: string]: unknown;
}

/** group '' is the core group. resource is the lower-case plural ("deployments"). */
export interface ResourceRef {
  group: string;
  version: string;
  resource: string;
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: KObject;
}

export interface ListOptions {
  /** undefined = all namespaces (or cluster-scoped) */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface DeleteOptions {
  gracePeriodSeconds?: number;
  propagationPolicy?: 'Foreground' | 'Background' | 'Orphan';
  preconditions?: { uid?: string; resourceVersion?: string };
}

/**
 * In-process client with the API server's semantics. Every method throws a StatusError
 * (apiserver/errors.ts) carrying a metav1.Status on failure (404, 409, 422 ...).
 * Watch callbacks are invoked asynchronously (never inside the write call that caused them), in
 * resourceVersion order.
 */
export interface SandboxClient {
  get(ref: ResourceRef, namespace: string | undefined, name: string): KObject | undefined;
  list(ref: ResourceRef, opts?: ListOptions): { items: KObject[]; resourceVersion: string };
  create(ref: ResourceRef, obj: KObject): KObject;
  /** Precondition: metadata.resourceVersion when set (409 Conflict when stale). */
  update(ref: ResourceRef, obj: KObject): KObject;
  /** Writes only .status (the status subresource). */
  updateStatus(ref: ResourceRef, obj: KObject): KObject;
  patch(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts?: { fieldManager?: string; force?: boolean; subresource?: 'status' | 'scale' },
  ): KObject;
  delete(ref: ResourceRef, namespace: string | undefined, name: string, opts?: DeleteOptions): KObject | undefined;
  watch(
    ref: ResourceRef,
    opts: ListOptions & { resourceVersion?: string },
    onEvent: (e: WatchEvent) => void,
  ): () => void;
  /**
   * Optional bulk seeding path (added for the `scale` scenario): creates each object like create() but KEEPS the
   * given .status (e.g. Running pods) and may skip managedFields tracking and schema validation, so 50,000 pods
   * cost one cheap write each. Watchers see ordinary ADDED events. The scenario falls back to create + status
   * patch when absent.
   */
  createSeeded?(ref: ResourceRef, objs: KObject[]): KObject[];
}

/** Container logs, produced by the simulated kubelets, served by the apiserver's pods/log. */
export interface LogLine {
  /** RFC3339Nano timestamp */
  ts: string;
  text: string;
}

export interface LogReadOptions {
  container: string;
  previous?: boolean;
  tailLines?: number;
  sinceTime?: string;
  sinceSeconds?: number;
  limitBytes?: number;
}

export interface LogProvider {
  /** undefined when the container (or its previous instance) has no log: the apiserver answers 400 like a real one. */
  read(namespace: string, pod: string, opts: LogReadOptions): LogLine[] | undefined;
  /** Calls onLine for the lines read(opts) would return, then for each new line; onEnd when the container stops. */
  follow(
    namespace: string,
    pod: string,
    opts: LogReadOptions,
    onLine: (l: LogLine) => void,
    onEnd: () => void,
  ): () => void;
}

export interface MetricsProvider {
  /** metrics.k8s.io/v1beta1 PodMetrics items (kind PodMetrics) */
  podMetrics(namespace?: string): KObject[];
  /** metrics.k8s.io/v1beta1 NodeMetrics items (kind NodeMetrics) */
  nodeMetrics(): KObject[];
}

/** One HTTP request to a simulated container (pods/services proxy, probes, in-cluster curl). */
export interface HttpRequestIn {
  method: string;
  /** path with query, e.g. `/api/items?limit=2` */
  path: string;
  /** lower-case names */
  headers: Record<string, string>;
  body?: Buffer;
}

export interface HttpReply {
  status: number;
  /** in the order the server sends them */
  headers: [string, string][];
  body: Buffer;
}

/** The kubelets' network side: what the API server's proxy and port-forward reach. */
export interface PortProvider {
  /** One HTTP exchange with whatever listens on a pod's port; throws a NetError (kubelet/http-servers.ts). */
  podHttp(namespace: string, pod: string, port: number, req: HttpRequestIn): HttpReply;
  /** A byte stream to a pod's port (port-forward); throws a NetError when nothing listens there. */
  connect(namespace: string, pod: string, port: number): import('node:stream').Duplex;
  /** The kubelet's own endpoints (/healthz, /pods, /metrics, /stats/summary ...); undefined for an unknown node. */
  node(name: string, req: HttpRequestIn): HttpReply | undefined;
}

export interface SandboxRuntimeOptions {
  clusterName: string;
  scenario: string;
  /** >1 shortens simulated delays (tests use 10-50). */
  speed: number;
  /** scale scenario only */
  pods?: number;
  /** the cluster CA (PEM) that kube-root-ca.crt publishes */
  caPem?: string;
  /** signs bound service-account tokens the API server accepts (projected kube-api-access volumes) */
  issueToken?: (ns: string, serviceAccount: string, uid: string, expirationSeconds: number, audience?: string) => string;
}

/** What controllers/kubelet/scenarios hand back to the cluster that started them. */
export interface SandboxRuntime {
  logs?: LogProvider;
  exec?: ExecProvider;
  metrics?: MetricsProvider;
  ports?: PortProvider;
  stop(): void | Promise<void>;
}

/** Which streams an exec/attach client asked for (the query parameters of pods/exec and pods/attach). */
export interface ExecStreamOptions {
  container: string;
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
}

/** A sink the process writes to; the promise settles when the consumer can take more (backpressure). */
export interface ExecOutput {
  write(chunk: Buffer): Promise<void>;
}

/** How a process ended: an exit code, or a runtime failure before it ran (answered as an InternalError). */
export type ExecExit = { exitCode: number } | { error: string };

/** A running exec or attach session, as the kubelet's streaming server sees it. */
export interface ExecSession {
  /** client stdin; the promise settles when the process can take more */
  input(chunk: Buffer): Promise<void>;
  /** stdin half-closed (v5 CLOSE frame, or the client's stdin ended) */
  endInput(): void;
  resize(cols: number, rows: number): void;
  /** the connection closed: end the process (exec) or detach (attach) */
  close(): void;
  readonly done: Promise<ExecExit>;
}

export interface ExecProvider {
  /** Throws a StatusError (apiserver/errors.ts) when the container cannot be exec'd into. */
  exec(namespace: string, pod: string, command: string[], opts: ExecStreamOptions, io: { stdout?: ExecOutput; stderr?: ExecOutput }): ExecSession;
  attach(namespace: string, pod: string, opts: ExecStreamOptions, io: { stdout?: ExecOutput; stderr?: ExecOutput }): ExecSession;
}
