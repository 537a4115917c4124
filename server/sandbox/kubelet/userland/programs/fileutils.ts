/** ls, cat, mkdir, rm, rmdir, cp, mv, touch, ln, readlink, df, du. Errors are worded like busybox. */
import { checkAbort, print, type Proc } from '../process';
import { openRead } from '../files';
import { basename, normalize, type FsNode } from '../vfs';

function flags(args: string[]): { f: Set<string>; rest: string[] } {
  const f = new Set<string>();
  const rest: string[] = [];
  let done = false;
  for (const a of args) {
    if (!done && a === '--') done = true;
    else if (!done && a.startsWith('-') && a.length > 1) for (const c of a.slice(1)) f.add(c);
    else rest.push(a);
  }
  return { f, rest };
}

function errText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function modeString(n: FsNode): string {
  const t = n.type === 'dir' ? 'd' : n.type === 'link' ? 'l' : '-';
  let s = '';
  for (let i = 8; i >= 0; i--) s += n.mode & (1 << i) ? 'rwx'[(8 - i) % 3] : '-';
  return t + s;
}

function lsDate(ms: number): string {
  const d = new Date(ms);
  const mon = d.toUTCString().split(' ')[2];
  return `${mon} ${String(d.getUTCDate()).padStart(2, ' ')} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

async function ls(p: Proc): Promise<number> {
  const { f, rest } = flags(p.args.slice(1));
  const targets = rest.length ? rest : ['.'];
  let st = 0;
  const line = (name: string, n: FsNode) => {
    if (!f.has('l')) return name;
    const size = n.type === 'file' ? n.data.length : n.type === 'dir' ? 4096 : n.target.length;
    const tail = n.type === 'link' ? ` -> ${n.target}` : '';
    return `${modeString(n)} ${n.type === 'dir' ? 2 : 1} root root ${String(size).padStart(8)} ${lsDate(n.mtime)} ${name}${tail}`;
  };
  for (const [i, t] of targets.entries()) {
    const abs = normalize(t, p.cwd);
    let n: FsNode;
    try {
      n = f.has('l') ? p.fs.lstat(abs) : p.fs.stat(abs);
      if (n.type === 'link') n = f.has('d') ? n : p.fs.stat(abs);
    } catch {
      await print(p.stderr, `ls: ${t}: No such file or directory\n`);
      st = 1;
      continue;
    }
    if (n.type !== 'dir' || f.has('d')) {
      await print(p.stdout, `${line(t, n)}\n`);
      continue;
    }
    let names = p.fs.readdir(abs);
    if (!f.has('a') && !f.has('A')) names = names.filter((x) => !x.startsWith('.'));
    if (f.has('a')) names = ['.', '..', ...names];
    if (targets.length > 1) await print(p.stdout, `${i ? '\n' : ''}${t}:\n`);
    if (f.has('l')) await print(p.stdout, `total ${names.length * 4}\n`);
    const rows = names.map((x) => {
      const node = x === '.' || x === '..' ? p.fs.stat(normalize(x, abs)) : p.fs.lstat(`${abs}/${x}`);
      return line(x, node);
    });
    if (rows.length) await print(p.stdout, `${rows.join('\n')}\n`);
  }
  return st;
}

async function cat(p: Proc): Promise<number> {
  const files = p.args.slice(1).filter((a) => a !== '-u');
  let st = 0;
  for (const name of files.length ? files : ['-']) {
    let r;
    try {
      r = name === '-' ? p.stdin : openRead(p.fs, p.cwd, name, p);
    } catch (e) {
      await print(p.stderr, `cat: can't open '${name}': ${errText(e)}\n`);
      st = 1;
      continue;
    }
    for (let b = await r.read(); b; b = await r.read()) {
      checkAbort(p.signal);
      await p.stdout.write(b);
    }
  }
  return st;
}

async function mkdir(p: Proc): Promise<number> {
  const { f, rest } = flags(p.args.slice(1));
  let st = 0;
  for (const d of rest) {
    try {
      p.fs.mkdir(normalize(d, p.cwd), { parents: f.has('p') });
    } catch (e) {
      await print(p.stderr, `mkdir: can't create directory '${d}': ${errText(e)}\n`);
      st = 1;
    }
  }
  return st;
}

async function rm(p: Proc): Promise<number> {
  const { f, rest } = flags(p.args.slice(1));
  let st = 0;
  for (const x of rest) {
    try {
      p.fs.rm(normalize(x, p.cwd), { recursive: f.has('r') || f.has('R') });
    } catch (e) {
      if (f.has('f') && (e as { code?: string }).code === 'ENOENT') continue;
      await print(p.stderr, (e as { code?: string }).code === 'EISDIR' ? `rm: '${x}' is a directory\n` : `rm: can't remove '${x}': ${errText(e)}\n`);
      st = 1;
    }
  }
  return st;
}

async function rmdir(p: Proc): Promise<number> {
  let st = 0;
  for (const x of p.args.slice(1)) {
    try {
      p.fs.rm(normalize(x, p.cwd), { dirOk: true });
    } catch (e) {
      await print(p.stderr, `rmdir: '${x}': ${errText(e)}\n`);
      st = 1;
    }
  }
  return st;
}

function copyNode(n: FsNode): FsNode {
  if (n.type === 'file') return { ...n, data: Buffer.from(n.data) };
  if (n.type === 'link') return { ...n };
  return { ...n, readOnly: undefined, children: new Map([...n.children].map(([k, v]) => [k, copyNode(v)])) };
}

async function cp(p: Proc): Promise<number> {
  const { f, rest } = flags(p.args.slice(1));
  if (rest.length < 2) {
    await print(p.stderr, 'cp: missing file operand\n');
    return 1;
  }
  const dest = normalize(rest[rest.length - 1], p.cwd);
  const destIsDir = p.fs.exists(dest) && p.fs.stat(dest).type === 'dir';
  let st = 0;
  for (const s of rest.slice(0, -1)) {
    try {
      const src = p.fs.stat(normalize(s, p.cwd));
      if (src.type === 'dir' && !f.has('r') && !f.has('R') && !f.has('a')) {
        await print(p.stderr, `cp: omitting directory '${s}'\n`);
        st = 1;
        continue;
      }
      const to = destIsDir ? `${dest}/${basename(normalize(s, p.cwd))}` : dest;
      if (src.type === 'file') p.fs.writeFile(to, src.data, { mode: src.mode });
      else p.fs.put(to, copyNode(src));
    } catch (e) {
      await print(p.stderr, `cp: can't stat '${s}': ${errText(e)}\n`);
      st = 1;
    }
  }
  return st;
}

async function mv(p: Proc): Promise<number> {
  const { rest } = flags(p.args.slice(1));
  if (rest.length < 2) {
    await print(p.stderr, 'mv: missing file operand\n');
    return 1;
  }
  let st = 0;
  for (const s of rest.slice(0, -1)) {
    try {
      p.fs.rename(normalize(s, p.cwd), normalize(rest[rest.length - 1], p.cwd));
    } catch (e) {
      await print(p.stderr, `mv: can't rename '${s}': ${errText(e)}\n`);
      st = 1;
    }
  }
  return st;
}

async function touch(p: Proc): Promise<number> {
  let st = 0;
  for (const x of flags(p.args.slice(1)).rest) {
    try {
      p.fs.writeFile(normalize(x, p.cwd), Buffer.alloc(0), { append: true });
    } catch (e) {
      await print(p.stderr, `touch: ${x}: ${errText(e)}\n`);
      st = 1;
    }
  }
  return st;
}

async function ln(p: Proc): Promise<number> {
  const { f, rest } = flags(p.args.slice(1));
  if (!f.has('s') || rest.length !== 2) {
    await print(p.stderr, 'ln: only symbolic links (ln -s TARGET LINK) are supported\n');
    return 1;
  }
  try {
    p.fs.symlink(rest[0], normalize(rest[1], p.cwd));
    return 0;
  } catch (e) {
    await print(p.stderr, `ln: ${rest[1]}: ${errText(e)}\n`);
    return 1;
  }
}

async function readlink(p: Proc): Promise<number> {
  const { f, rest } = flags(p.args.slice(1));
  try {
    const abs = normalize(rest[0] ?? '', p.cwd);
    await print(p.stdout, `${f.has('f') ? p.fs.realpath(abs) : p.fs.readlink(abs)}\n`);
    return 0;
  } catch {
    return 1;
  }
}

async function df(p: Proc): Promise<number> {
  const { f } = flags(p.args.slice(1));
  const used = Math.ceil(p.fs.usage('/') / 1024) + 180_000;
  const size = 102_687_672;
  const human = f.has('h');
  const fmt = (kb: number) => (human ? `${(kb / 1024 / 1024).toFixed(1)}G` : String(kb));
  await print(p.stdout, `Filesystem           ${human ? 'Size' : '1K-blocks'}      Used Available Use% Mounted on\n`);
  await print(p.stdout, `overlay              ${fmt(size).padStart(9)} ${fmt(used).padStart(9)} ${fmt(size - used).padStart(9)}   1% /\n`);
  await print(p.stdout, `tmpfs                ${fmt(65536).padStart(9)} ${fmt(0).padStart(9)} ${fmt(65536).padStart(9)}   0% /dev\n`);
  return 0;
}

async function du(p: Proc): Promise<number> {
  const { rest } = flags(p.args.slice(1));
  for (const x of rest.length ? rest : ['.']) {
    try {
      await print(p.stdout, `${Math.ceil(p.fs.usage(normalize(x, p.cwd)) / 1024)}\t${x}\n`);
    } catch (e) {
      await print(p.stderr, `du: ${x}: ${errText(e)}\n`);
    }
  }
  return 0;
}

export const FILEUTILS = { ls, cat, mkdir, rm, rmdir, cp, mv, touch, ln, readlink, df, du };
