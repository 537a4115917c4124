/**
 * A container's filesystem: an in-memory tree of directories, files and symlinks. Volumes are directory nodes
 * shared by reference between the trees that mount them (an emptyDir between a pod's containers, a PVC's
 * directory across pod restarts), which is why this is a small tree of our own rather than memfs (no mounts).
 * Programs are files with a `program` name: exec looks them up on $PATH like a runtime would.
 */
export interface Meta {
  mode: number;
  mtime: number;
  uid: number;
  gid: number;
}
export interface DirNode extends Meta {
  type: 'dir';
  children: Map<string, FsNode>;
  readOnly?: boolean;
}
export interface FileNode extends Meta {
  type: 'file';
  data: Buffer;
  program?: string;
}
export interface LinkNode extends Meta {
  type: 'link';
  target: string;
}
export type FsNode = DirNode | FileNode | LinkNode;

const MESSAGES: Record<string, string> = {
  ENOENT: 'No such file or directory',
  ENOTDIR: 'Not a directory',
  EISDIR: 'Is a directory',
  EEXIST: 'File exists',
  EROFS: 'Read-only file system',
  ENOTEMPTY: 'Directory not empty',
  ELOOP: 'Symbolic link loop',
  EINVAL: 'Invalid argument',
  ENOSPC: 'No space left on device',
};

/** One file may not outgrow this (a runaway `yes > f` fills the "disk", not the sandbox's memory). */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export class FsError extends Error {
  constructor(
    readonly code: string,
    readonly path: string,
  ) {
    super(MESSAGES[code] ?? code);
  }
}

let clockNow: () => number = () => Date.now();
/** Tests inject a clock so mtimes are deterministic. */
export function setVfsClock(fn: () => number): void {
  clockNow = fn;
}

/** Spare capacity behind files that grow by appends (a redirect writes chunk by chunk): amortised O(n). */
const backing = new WeakMap<FileNode, Buffer>();

function appendTo(node: FileNode, data: Buffer): void {
  if (data.length === 0) return;
  const len = node.data.length + data.length;
  let store = backing.get(node);
  const isView = store && store.buffer === node.data.buffer && store.byteOffset === node.data.byteOffset;
  if (!store || !isView || store.length < len) {
    store = Buffer.allocUnsafe(Math.max(4096, Math.min(len * 2, len + 16 * 1024 * 1024)));
    node.data.copy(store);
    backing.set(node, store);
  }
  data.copy(store, node.data.length);
  node.data = store.subarray(0, len);
}

export function dir(mode = 0o755, readOnly = false): DirNode {
  return { type: 'dir', children: new Map(), mode, mtime: clockNow(), uid: 0, gid: 0, ...(readOnly ? { readOnly } : {}) };
}
export function file(data: Buffer | string, mode = 0o644, program?: string): FileNode {
  return { type: 'file', data: Buffer.from(data), mode, mtime: clockNow(), uid: 0, gid: 0, ...(program ? { program } : {}) };
}
export function link(target: string): LinkNode {
  return { type: 'link', target, mode: 0o777, mtime: clockNow(), uid: 0, gid: 0 };
}

export function normalize(p: string, cwd = '/'): string {
  const abs = p.startsWith('/') ? p : `${cwd.replace(/\/$/, '')}/${p}`;
  const out: string[] = [];
  for (const part of abs.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') out.pop();
    else out.push(part);
  }
  return `/${out.join('/')}`;
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  return i <= 0 ? '/' : p.slice(0, i);
}
export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

interface Found {
  node: FsNode | undefined;
  parent: DirNode;
  name: string;
  path: string;
}

export class Vfs {
  constructor(readonly root: DirNode = dir()) {}

  /** Resolves every component but (when !follow) the last through symlinks. */
  private find(p: string, follow: boolean, depth = 0): Found {
    if (depth > 16) throw new FsError('ELOOP', p);
    const parts = normalize(p).split('/').filter(Boolean);
    let cur: DirNode = this.root;
    let curPath = '';
    if (parts.length === 0) return { node: this.root, parent: this.root, name: '', path: '/' };
    for (let i = 0; i < parts.length; i++) {
      const name = parts[i];
      const last = i === parts.length - 1;
      let n = cur.children.get(name);
      const here = `${curPath}/${name}`;
      if (n?.type === 'link' && (!last || follow)) {
        const target = n.target.startsWith('/') ? n.target : `${curPath || '/'}/${n.target}`;
        const rest = parts.slice(i + 1).join('/');
        return this.find(rest ? `${target}/${rest}` : target, follow, depth + 1);
      }
      if (last) return { node: n, parent: cur, name, path: here };
      if (!n) throw new FsError('ENOENT', p);
      if (n.type !== 'dir') throw new FsError('ENOTDIR', p);
      cur = n;
      curPath = here;
      void (n = undefined);
    }
    throw new FsError('ENOENT', p);
  }

  realpath(p: string): string {
    const f = this.find(p, true);
    if (!f.node) throw new FsError('ENOENT', p);
    return f.path || '/';
  }

  lstat(p: string): FsNode {
    const f = this.find(p, false);
    if (!f.node) throw new FsError('ENOENT', p);
    return f.node;
  }

  stat(p: string): FsNode {
    const f = this.find(p, true);
    if (!f.node) throw new FsError('ENOENT', p);
    return f.node;
  }

  exists(p: string): boolean {
    try {
      this.stat(p);
      return true;
    } catch {
      return false;
    }
  }

  readdir(p: string): string[] {
    const n = this.stat(p);
    if (n.type !== 'dir') throw new FsError('ENOTDIR', p);
    return [...n.children.keys()].sort();
  }

  readFile(p: string): Buffer {
    const n = this.stat(p);
    if (n.type === 'dir') throw new FsError('EISDIR', p);
    return (n as FileNode).data;
  }

  private writable(parent: DirNode, p: string): void {
    if (parent.readOnly) throw new FsError('EROFS', p);
  }

  writeFile(p: string, data: Buffer, opts: { append?: boolean; mode?: number } = {}): void {
    const f = this.find(p, true);
    if (f.node?.type === 'dir') throw new FsError('EISDIR', p);
    this.writable(f.parent, p);
    if (f.node?.type === 'file') {
      if ((opts.append ? f.node.data.length : 0) + data.length > MAX_FILE_BYTES) throw new FsError('ENOSPC', p);
      if (opts.append) appendTo(f.node, data);
      else f.node.data = Buffer.from(data);
      f.node.mtime = clockNow();
      if (opts.mode !== undefined) f.node.mode = opts.mode;
      return;
    }
    f.parent.children.set(f.name, file(data, opts.mode ?? 0o644));
  }

  mkdir(p: string, opts: { parents?: boolean; mode?: number } = {}): void {
    if (opts.parents) {
      let cur = '';
      for (const part of normalize(p).split('/').filter(Boolean)) {
        cur += `/${part}`;
        const f = this.find(cur, true);
        if (f.node && f.node.type !== 'dir') throw new FsError('ENOTDIR', cur);
        if (!f.node) {
          this.writable(f.parent, cur);
          f.parent.children.set(f.name, dir(opts.mode ?? 0o755));
        }
      }
      return;
    }
    const f = this.find(p, false);
    if (f.node) throw new FsError('EEXIST', p);
    this.writable(f.parent, p);
    f.parent.children.set(f.name, dir(opts.mode ?? 0o755));
  }

  /** Inserts a node (a mount or a prepared file) at p, creating parents. */
  put(p: string, node: FsNode): void {
    const d = dirname(normalize(p));
    this.mkdirForce(d);
    const f = this.find(p, false);
    f.parent.children.set(f.name, node);
  }

  private mkdirForce(p: string): void {
    let cur: DirNode = this.root;
    for (const part of p.split('/').filter(Boolean)) {
      let n = cur.children.get(part);
      if (!n || n.type !== 'dir') {
        n = dir();
        cur.children.set(part, n);
      }
      cur = n;
    }
  }

  rm(p: string, opts: { recursive?: boolean; dirOk?: boolean } = {}): void {
    const f = this.find(p, false);
    if (!f.node) throw new FsError('ENOENT', p);
    if (f.node.type === 'dir') {
      if (!opts.recursive && !opts.dirOk) throw new FsError('EISDIR', p);
      if (!opts.recursive && f.node.children.size) throw new FsError('ENOTEMPTY', p);
    }
    this.writable(f.parent, p);
    f.parent.children.delete(f.name);
  }

  rename(from: string, to: string): void {
    const a = this.find(from, false);
    if (!a.node) throw new FsError('ENOENT', from);
    let b = this.find(to, true);
    if (b.node?.type === 'dir') b = this.find(`${to}/${a.name}`, false);
    this.writable(a.parent, from);
    this.writable(b.parent, to);
    a.parent.children.delete(a.name);
    b.parent.children.set(b.name, a.node);
  }

  symlink(target: string, p: string): void {
    const f = this.find(p, false);
    if (f.node) throw new FsError('EEXIST', p);
    this.writable(f.parent, p);
    f.parent.children.set(f.name, link(target));
  }

  readlink(p: string): string {
    const n = this.lstat(p);
    if (n.type !== 'link') throw new FsError('EINVAL', p);
    return n.target;
  }

  /** Total bytes of files under p (for df/du). */
  usage(p = '/'): number {
    const walk = (n: FsNode): number => (n.type === 'file' ? n.data.length : n.type === 'dir' ? [...n.children.values()].reduce((s, c) => s + walk(c), 0) : 0);
    return walk(this.stat(p));
  }
}
