/* eslint-disable @typescript-eslint/no-explicit-any -- pods are untyped JSON (KObject) */
/**
 * The kubelets' streaming side (ExecProvider): finds the running container instance, builds (once per
 * instance) its userland and runs exec'd processes in it; attach connects to the main process. Keeps the
 * userlands in step with the store: projected volumes re-written when ConfigMaps, Secrets or the pod change,
 * userlands dropped when their pod goes; PVC contents kept for the claim's life.
 */
import type { ExecOutput, ExecProvider, ExecSession, ExecStreamOptions, KObject, LogProvider, SandboxClient } from '../../types';
import { StatusError } from '../../apiserver/errors';
import type { Kubelets } from '../kubelet';
import type { CRun } from '../pod-status';
import type { PodRun } from '../containers';
import { capture, endCapture, newCapturedOutput, type CapturedOutput } from '../captured-output';
import { ContainerUserland, PodVolumes, type UserlandDeps } from './container';
import { allPrograms } from './programs/index';
import { ProcTable, type Program, type HttpFetch } from './process';
import { dir, type DirNode } from './vfs';
import { ProcessSession } from './session';
import { MainProcess } from './main-process';
import { clusterHttpFetch } from '../userland-fetch';
import { nodeHostRoot } from './host-root';

const R = {
  pods: { group: '', version: 'v1', resource: 'pods' },
  configmaps: { group: '', version: 'v1', resource: 'configmaps' },
  secrets: { group: '', version: 'v1', resource: 'secrets' },
  pvcs: { group: '', version: 'v1', resource: 'persistentvolumeclaims' },
};

export interface UserlandOptions {
  /** signs a bound service-account token (the API server's signer) */
  issueToken?: (ns: string, sa: string, uid: string, expirationSeconds: number, audience?: string) => string;
  logs?: LogProvider;
  now?: () => number;
}

export class Userlands implements ExecProvider {
  private readonly programs: Map<string, Program> = allPrograms();
  private readonly pods = new Map<string, PodVolumes>();
  private readonly containers = new Map<string, ContainerUserland>();
  private readonly mains = new Map<string, MainProcess>();
  /** container programs the userland runs as the main process (main-script.ts), by userland key */
  private readonly scripts = new Map<string, ProcessSession>();
  private readonly claims = new Map<string, DirNode>();
  private readonly hosts = new Map<string, DirNode>();
  private readonly tokens = new Map<string, string>();
  private readonly nodeProcs = new Map<string, ProcTable>();
  private readonly podProcs = new Map<string, ProcTable>();
  private readonly stops: (() => void)[] = [];
  private readonly deps: UserlandDeps;
  /** in-cluster HTTP for curl/wget: the simulated HTTP servers behind cluster DNS (kubelet/http-servers.ts) */
  httpFetch: HttpFetch;

  constructor(
    private readonly client: SandboxClient,
    private readonly kubelets: Kubelets,
    private readonly opts: UserlandOptions = {},
  ) {
    const now = opts.now ?? (() => Date.now());
    this.httpFetch = clusterHttpFetch(client, now);
    this.deps = {
      client,
      now,
      httpFetch: (url, init) => this.httpFetch(url, init),
      claimDir: (ns, claim) => {
        const k = `${ns}/${claim}`;
        let d = this.claims.get(k);
        if (!d) this.claims.set(k, (d = dir(0o777)));
        return d;
      },
      hostRoot: (node) => {
        let d = this.hosts.get(node);
        if (!d) this.hosts.set(node, (d = nodeHostRoot(node)));
        return d;
      },
      token: (pod, exp, aud) => this.token(pod, exp, aud),
    };
    const refreshNs = (ns: string | undefined) => {
      for (const v of this.pods.values()) if (v.pod.metadata.namespace === ns) v.refresh(this.client.get(R.pods, ns, v.pod.metadata.name) ?? v.pod);
    };
    this.stops.push(
      client.watch(R.configmaps, {}, (e) => refreshNs(e.object.metadata.namespace)),
      client.watch(R.secrets, {}, (e) => refreshNs(e.object.metadata.namespace)),
      client.watch(R.pods, {}, (e) => this.onPod(e.type, e.object)),
      client.watch(R.pvcs, {}, (e) => {
        if (e.type === 'DELETED') this.claims.delete(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      }),
      kubelets.onStop((ns, pod, container) => this.onContainerStop(ns, pod, container)),
      kubelets.setMainRunner((run, c, onExit) => this.runMain(run, c, onExit)),
    );
  }

  stop(): void {
    for (const s of this.stops) s();
    for (const m of this.mains.values()) m.kill();
    this.killScripts('');
  }

  /** Ends the running container programs whose key starts with `prefix` (they report no exit: the container is gone). */
  private killScripts(prefix: string): void {
    for (const [k, s] of [...this.scripts]) {
      if (!k.startsWith(prefix)) continue;
      this.scripts.delete(k);
      s.close();
    }
  }

  private logSink(out: CapturedOutput): ExecOutput {
    return {
      write: (b) => {
        capture(out, b, this.deps.now());
        return Promise.resolve();
      },
    };
  }

  /** Runs a container's command in its userland: what it prints is the container's log, its exit code the container's. */
  private runMain(run: PodRun, c: CRun, onExit: (exitCode: number) => void): boolean {
    const inst = c.current;
    if (!inst) return false;
    let found: { u: ContainerUserland; key: string };
    try {
      found = this.userland(run.ns, run.name, c.name);
    } catch {
      return false;
    }
    const { u, key } = found;
    const out = (inst.output = newCapturedOutput());
    const sink = this.logSink(out);
    const s = new ProcessSession(u, this.programs, u.info.mainCommand, { container: c.name, stdin: false, stdout: true, stderr: true, tty: false }, { stdout: sink, stderr: sink });
    this.scripts.set(key, s);
    void s.done.then((e) => {
      endCapture(out, this.deps.now());
      if (this.scripts.get(key) !== s) return;
      this.scripts.delete(key);
      onExit('exitCode' in e ? e.exitCode : 128);
    });
    return true;
  }

  private token(pod: any, exp: number, aud?: string): string | undefined {
    if (!this.opts.issueToken) return undefined;
    const sa = pod.spec?.serviceAccountName ?? 'default';
    const k = `${pod.metadata.uid}/${aud ?? ''}`;
    let t = this.tokens.get(k);
    if (!t) {
      const acct = this.client.get({ group: '', version: 'v1', resource: 'serviceaccounts' }, pod.metadata.namespace, sa);
      if (!acct) return undefined;
      t = this.opts.issueToken(pod.metadata.namespace, sa, acct.metadata.uid!, exp, aud);
      this.tokens.set(k, t);
    }
    return t;
  }

  private onPod(type: string, pod: KObject): void {
    const uid = pod.metadata.uid!;
    if (type === 'DELETED') {
      this.pods.delete(uid);
      this.podProcs.delete(uid);
      for (const k of [...this.tokens.keys()]) if (k.startsWith(`${uid}/`)) this.tokens.delete(k);
      for (const k of [...this.containers.keys()]) if (k.startsWith(`${uid}/`)) this.containers.delete(k);
      this.killScripts(`${uid}/`);
      for (const [k, m] of [...this.mains]) {
        if (k.startsWith(`${uid}/`)) {
          m.kill();
          this.mains.delete(k);
        }
      }
      return;
    }
    this.pods.get(uid)?.refresh(pod);
  }

  private onContainerStop(ns: string, pod: string, container: string): void {
    const run = this.kubelets.runFor(ns, pod);
    if (!run) return;
    const prefix = `${run.uid}/${container}/`;
    this.killScripts(prefix);
    for (const [k, m] of [...this.mains]) {
      if (k.startsWith(prefix)) {
        this.mains.delete(k);
        m.kill();
      }
    }
    for (const k of [...this.containers.keys()]) if (k.startsWith(prefix)) this.containers.delete(k);
  }

  /** The running container's userland, or the error the kubelet answers. */
  userland(ns: string, podName: string, container: string): { u: ContainerUserland; c: CRun; key: string } {
    const run = this.kubelets.runFor(ns, podName);
    const c = run && [...run.app, ...run.init, ...(run.ephemeral ?? [])].find((x: CRun) => x.name === container);
    if (!run || !c || !c.state.running) throw new StatusError(500, 'InternalError', `container not found ("${container}")`);
    const pod = run.pod as any;
    let vols = this.pods.get(run.uid);
    if (!vols) this.pods.set(run.uid, (vols = new PodVolumes(this.deps, pod)));
    const key = `${run.uid}/${c.name}/${c.restartCount}`;
    let u = this.containers.get(key);
    if (!u) {
      const spec = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].find((x: any) => x.name === container) ?? { name: container, image: c.image };
      u = new ContainerUserland(this.deps, vols, spec, c.current?.startedMs ?? this.deps.now(), this.processNamespace(ns, podName, pod, spec, run.uid));
      this.containers.set(key, u);
    } else vols.refresh(pod);
    return { u, c, key };
  }

  /** Which process table a container sees: its own, its --target's, the pod's shared one, or the node's. */
  private processNamespace(ns: string, podName: string, pod: any, spec: any, uid: string): ProcTable | undefined {
    const started = this.deps.now();
    if (pod.spec?.hostPID) {
      const node = pod.spec.nodeName ?? '';
      let t = this.nodeProcs.get(node);
      if (!t) {
        t = new ProcTable('/sbin/init', started - 86_400_000);
        for (const cmd of ['/lib/systemd/systemd-journald', '/usr/bin/containerd', '/usr/bin/kubelet --config=/var/lib/kubelet/config.yaml --kubeconfig=/etc/kubernetes/kubelet.conf', '/usr/bin/containerd-shim-runc-v2 -namespace k8s.io']) t.add(cmd, started - 86_000_000);
        this.nodeProcs.set(node, t);
      }
      return t;
    }
    if (spec.targetContainerName && spec.targetContainerName !== spec.name) {
      try {
        return this.userland(ns, podName, spec.targetContainerName).u.procs;
      } catch {
        return undefined;
      }
    }
    if (pod.spec?.shareProcessNamespace) {
      let t = this.podProcs.get(uid);
      if (!t) this.podProcs.set(uid, (t = new ProcTable('/pause', started)));
      return t;
    }
    return undefined;
  }

  exec(ns: string, pod: string, command: string[], opts: ExecStreamOptions, io: { stdout?: ExecOutput; stderr?: ExecOutput }): ExecSession {
    const { u } = this.userland(ns, pod, opts.container);
    return new ProcessSession(u, this.programs, command, opts, io);
  }

  attach(ns: string, pod: string, opts: ExecStreamOptions, io: { stdout?: ExecOutput; stderr?: ExecOutput }): ExecSession {
    const { u, c, key } = this.userland(ns, pod, opts.container);
    if (u.spec.stdin) {
      let m = this.mains.get(key);
      if (!m) {
        const log = c.current ? this.logSink((c.current.output = newCapturedOutput())) : undefined;
        m = new MainProcess(u, this.programs, !!u.spec.tty, (code) => this.mainExited(ns, pod, opts.container, key, code), log);
        this.mains.set(key, m);
      }
      return m.attach(opts, io);
    }
    return this.attachToLog(ns, pod, opts, io);
  }

  /** A container without stdin: attach shows its output from now on and never ends on its own. */
  private attachToLog(ns: string, pod: string, opts: ExecStreamOptions, io: { stdout?: ExecOutput; stderr?: ExecOutput }): ExecSession {
    let close: () => void = () => undefined;
    const done = new Promise<{ exitCode: number }>((resolve) => {
      const out = io.stdout ?? io.stderr;
      let chain = Promise.resolve();
      const stop = this.opts.logs?.follow(ns, pod, { container: opts.container, tailLines: 0 }, (l) => {
        if (out) chain = chain.then(() => out.write(Buffer.from(`${l.text}\n`)));
      }, () => resolve({ exitCode: 0 }));
      close = () => {
        stop?.();
        resolve({ exitCode: 0 });
      };
    });
    return { input: () => Promise.resolve(), endInput: () => undefined, resize: () => undefined, close: () => close(), done };
  }

  private mainExited(ns: string, pod: string, container: string, key: string, code: number): void {
    if (!this.mains.has(key)) return;
    this.mains.delete(key);
    this.kubelets.containerExited(ns, pod, container, code);
  }
}
