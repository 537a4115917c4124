/**
 * tar (c, x, t with f, C, v, m, z ignored) over tar-stream, streaming both ways: enough for what `kubectl cp`
 * runs (`tar cf - <path>` from a pod, `tar -xmf - -C <dir>` into one) and for everyday use.
 */
import { once } from 'node:events';
import { extract as tarExtract, pack as tarPack, type Header } from 'tar-stream';
import { checkAbort, print, type Proc } from '../process';
import { openRead, openWrite } from '../files';
import { normalize, type FsNode } from '../vfs';

interface TarArgs {
  mode?: 'c' | 'x' | 't';
  file: string;
  dir: string;
  verbose: boolean;
  paths: string[];
}

function parseArgs(args: string[]): TarArgs {
  const t: TarArgs = { file: '-', dir: '', verbose: false, paths: [] };
  const a = [...args];
  if (a[0] && !a[0].startsWith('-')) a[0] = `-${a[0]}`;
  while (a.length) {
    const x = a.shift()!;
    if (x === '--no-same-owner' || x === '--no-same-permissions' || x === '--warning=no-timestamp') continue;
    if (x.startsWith('--directory=')) t.dir = x.slice(12);
    else if (x.startsWith('--file=')) t.file = x.slice(7);
    else if (x.startsWith('-') && x.length > 1 && !x.startsWith('--')) {
      for (const c of x.slice(1)) {
        if (c === 'c' || c === 'x' || c === 't') t.mode = c;
        else if (c === 'v') t.verbose = true;
        else if (c === 'f') t.file = a.shift() ?? '-';
        else if (c === 'C') t.dir = a.shift() ?? '';
      }
    } else t.paths.push(x);
  }
  return t;
}

export async function tar(p: Proc): Promise<number> {
  const t = parseArgs(p.args.slice(1));
  const base = t.dir ? normalize(t.dir, p.cwd) : p.cwd;
  if (t.dir && !p.fs.exists(base)) {
    await print(p.stderr, `tar: ${t.dir}: Cannot open: No such file or directory\n`);
    return 2;
  }
  if (t.mode === 'c') return create(p, t, base);
  if (t.mode === 'x' || t.mode === 't') return extractOrList(p, t, base);
  await print(p.stderr, "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\n");
  return 2;
}

async function create(p: Proc, t: TarArgs, base: string): Promise<number> {
  if (!t.paths.length) {
    await print(p.stderr, 'tar: Cowardly refusing to create an empty archive\n');
    return 2;
  }
  const pack = tarPack();
  const out = t.file === '-' ? p.stdout : openWrite(p.fs, p.cwd, t.file, false, p);
  let st = 0;
  let warned = false;
  const add = async (abs: string, name: string, n: FsNode): Promise<void> => {
    checkAbort(p.signal);
    const h: Partial<Header> & { name: string } = { name, mode: n.mode, mtime: new Date(n.mtime), uid: 0, gid: 0, uname: 'root', gname: 'root' };
    if (t.verbose) await print(p.stderr, `${name}\n`);
    if (n.type === 'dir') {
      pack.entry({ ...h, type: 'directory' });
      for (const c of [...n.children.keys()].sort()) await add(`${abs}/${c}`, `${name.replace(/\/$/, '')}/${c}`, n.children.get(c)!);
    } else if (n.type === 'link') pack.entry({ ...h, type: 'symlink', linkname: n.target });
    else pack.entry({ ...h, type: 'file', size: n.data.length }, n.data);
  };
  const producing = (async () => {
    try {
      for (const x of t.paths) {
        const abs = normalize(x, base);
        let n: FsNode;
        try {
          n = p.fs.lstat(abs);
          if (n.type === 'link' && x.endsWith('/')) n = p.fs.stat(abs);
        } catch {
          await print(p.stderr, `tar: ${x}: Cannot stat: No such file or directory\n`);
          st = 2;
          continue;
        }
        let name = x.replace(/^\.\//, '');
        if (name.startsWith('/')) {
          if (!warned) await print(p.stderr, "tar: Removing leading `/' from member names\n");
          warned = true;
          name = name.replace(/^\/+/, '');
        }
        await add(abs, name || '.', n);
      }
    } finally {
      pack.finalize();
    }
  })();
  for await (const chunk of pack) await out.write(chunk as Buffer);
  await producing;
  if (st) await print(p.stderr, 'tar: Exiting with failure status due to previous errors\n');
  return st;
}

async function extractOrList(p: Proc, t: TarArgs, base: string): Promise<number> {
  const ex = tarExtract();
  const input = t.file === '-' ? p.stdin : openRead(p.fs, p.cwd, t.file, p);
  const pump = (async () => {
    try {
      for (let b = await input.read(); b; b = await input.read()) {
        if (!ex.write(b)) await once(ex, 'drain');
      }
    } finally {
      ex.end(() => undefined);
    }
  })();
  let st = 0;
  try {
    for await (const entry of ex) {
      checkAbort(p.signal);
      const h = entry.header;
      const parts: Buffer[] = [];
      for await (const c of entry) parts.push(c as Buffer);
      const name = h.name.replace(/^\/+/, '');
      if (t.mode === 't' || t.verbose) await print(t.mode === 't' ? p.stdout : p.stderr, `${name}\n`);
      if (t.mode === 't') continue;
      const dest = normalize(name, base);
      if (!dest.startsWith(base === '/' ? '/' : `${base}/`) && dest !== base) continue;
      try {
        if (h.type === 'directory') p.fs.mkdir(dest, { parents: true, mode: h.mode ?? 0o755 });
        else if (h.type === 'symlink') {
          if (p.fs.exists(dest)) p.fs.rm(dest);
          p.fs.symlink(h.linkname ?? '', dest);
        } else if (h.type === 'file' || h.type === 'contiguous-file') {
          p.fs.mkdir(normalize('..', dest), { parents: true });
          p.fs.writeFile(dest, Buffer.concat(parts), { mode: h.mode ?? 0o644 });
        }
      } catch (e) {
        await print(p.stderr, `tar: ${name}: Cannot open: ${(e as Error).message}\n`);
        st = 2;
      }
    }
  } catch (e) {
    if (p.signal.aborted) throw e;
    await print(p.stderr, 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n');
    st = 2;
  }
  await pump.catch(() => undefined);
  return st;
}
