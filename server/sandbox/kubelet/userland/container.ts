/* eslint-disable @typescript-eslint/no-explicit-any -- pod specs are untyped JSON (KObject) */
/**
 * The userland of one container instance: root filesystem, volume mounts, environment, process table.
 * Volumes shared across containers (emptyDir) live in PodVolumes, PVC contents in the manager (they outlive
 * pods); projections are re-written when their sources change (refresh()).
 */
import type { SandboxClient } from '../../types';
import { dir, Vfs, type DirNode } from './vfs';
import { baseTree, kubeletFiles, mount } from './rootfs';
import { projectionFiles, writeAtomic, type ProjectionDeps } from './volumes';
import { containerEnv } from './env';
import { ProcTable, type ContainerInfo, type HttpFetch } from './process';
import type { ImageFlavour } from './images';

export const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

export interface UserlandDeps extends ProjectionDeps {
  client: SandboxClient;
  httpFetch: HttpFetch;
  /** persistent contents of a PVC (by namespace/claim); survives pod restarts */
  claimDir(ns: string, claim: string): DirNode;
  /** a node's host filesystem for hostPath volumes (kubectl debug node mounts / at /host) */
  hostRoot(node: string): DirNode;
}

/** Per pod: emptyDirs and projection directories, shared by its containers. */
export class PodVolumes {
  readonly dirs = new Map<string, DirNode>();
  constructor(
    private readonly deps: UserlandDeps,
    public pod: any,
  ) {}

  volume(vol: any): DirNode | undefined {
    let d = this.dirs.get(vol.name);
    if (d) return d;
    if (vol.emptyDir) d = dir(0o777);
    else if (vol.persistentVolumeClaim) d = this.deps.claimDir(this.pod.metadata.namespace, vol.persistentVolumeClaim.claimName);
    else if (vol.hostPath) d = hostPathDir(this.deps.hostRoot(this.pod.spec?.nodeName ?? ''), vol.hostPath.path ?? '/');
    else {
      const files = projectionFiles(this.deps, this.pod, vol);
      if (!files) return undefined;
      d = dir(0o777, true);
      writeAtomic(d, files, this.deps.now());
    }
    this.dirs.set(vol.name, d);
    return d;
  }

  /** Re-projects configMap/secret/downwardAPI/projected volumes from the store; true when any changed. */
  refresh(pod: any): boolean {
    this.pod = pod;
    let changed = false;
    for (const vol of (pod.spec?.volumes ?? []) as any[]) {
      const d = this.dirs.get(vol.name);
      if (!d || vol.emptyDir || vol.persistentVolumeClaim || vol.hostPath) continue;
      const files = projectionFiles(this.deps, pod, vol);
      if (files && writeAtomic(d, files, this.deps.now())) changed = true;
    }
    return changed;
  }
}

function hostPathDir(root: DirNode, p: string): DirNode {
  const v = new Vfs(root);
  try {
    const n = v.stat(p);
    if (n.type === 'dir') return n;
  } catch {
    // created like hostPath type DirectoryOrCreate
  }
  v.mkdir(p, { parents: true });
  return v.stat(p) as DirNode;
}

export class ContainerUserland {
  readonly vfs: Vfs;
  readonly flavour: ImageFlavour;
  readonly procs: ProcTable;
  readonly info: ContainerInfo;
  readonly workingDir: string;

  constructor(
    private readonly deps: UserlandDeps,
    readonly volumes: PodVolumes,
    readonly spec: any,
    startedAt: number,
    /** a process namespace shared with others (--target, shareProcessNamespace, hostPID) */
    sharedProcs?: ProcTable,
  ) {
    const pod = volumes.pod;
    const { vfs, flavour } = baseTree(spec.image ?? 'busybox');
    this.vfs = vfs;
    this.flavour = flavour;
    // the defaults are the images' CMD (their ENTRYPOINTs, where they have one, only run it): args replace them
    const main = spec.command?.length ? [...spec.command, ...(spec.args ?? [])] : spec.args?.length ? [...spec.args] : defaultEntrypoint(flavour, spec.image);
    this.procs = sharedProcs ?? new ProcTable(main.join(' '), startedAt);
    if (sharedProcs) sharedProcs.add(main.join(' '), startedAt);
    const hostname = pod.spec?.hostname ?? pod.metadata.name;
    this.info = {
      hostname,
      mainCommand: main,
      image: spec.image ?? '',
      osId: flavour.os,
      nodeName: pod.spec?.nodeName ?? '',
      kernel: '6.1.0-28-cloud-amd64',
      startedAt,
      httpFetch: (url, init) => deps.httpFetch(url, { ...init, from: { namespace: pod.metadata.namespace, pod: pod.metadata.name } }),
      shellName: flavour.shell ?? 'sh',
      now: deps.now,
    };
    if (!pod.spec?.hostNetwork) {
      kubeletFiles(vfs, { podIP: pod.status?.podIP ?? '', hostname, subdomain: pod.spec?.subdomain, namespace: pod.metadata.namespace, clusterDomain: 'cluster.local', nameserver: '10.96.0.10', hostAliases: pod.spec?.hostAliases }, pod.spec?.dnsPolicy);
    }
    for (const m of (spec.volumeMounts ?? []) as any[]) {
      const vol = ((pod.spec?.volumes ?? []) as any[]).find((v) => v.name === m.name);
      const d = vol && volumes.volume(vol);
      if (d) mount(vfs, m.mountPath, d, !!m.readOnly, m.subPath);
    }
    this.workingDir = spec.workingDir ?? '/';
    if (!vfs.exists(this.workingDir)) vfs.mkdir(this.workingDir, { parents: true });
  }

  env(tty: boolean): Map<string, string> {
    return containerEnv(this.deps.client, this.volumes.pod, this.spec, imageEnv(this.flavour), tty);
  }
}

function imageEnv(f: ImageFlavour): [string, string][] {
  return f.os === 'alpine' || f.os === 'busybox' ? [] : [['LANG', 'C.UTF-8']];
}

function defaultEntrypoint(f: ImageFlavour, image: string | undefined): string[] {
  const name = (image ?? '').split('/').pop()?.split(':')[0] ?? '';
  if (name === 'nginx') return ['nginx', '-g', 'daemon off;'];
  if (name === 'httpd') return ['httpd-foreground'];
  if (name === 'redis') return ['redis-server'];
  if (name === 'postgres') return ['postgres'];
  if (name === 'pause') return ['/pause'];
  return f.shell === 'bash' ? ['bash'] : f.shell ? ['sh'] : [`/${name || 'app'}`];
}
