/** Shell builtins: the commands that change the shell itself or that ash/bash run without a program file. */
import type { Shell } from './shell';
import { print, type Proc } from './process';
import { LineReader } from './pipe';
import { normalize } from './vfs';
import { echo, testCmd } from './programs/basic';

export class ExitShell extends Error {
  constructor(readonly code: number) {
    super('exit');
  }
}

type Builtin = (sh: Shell, p: Proc, inPipeline: boolean) => Promise<number>;

export const BUILTINS: Record<string, Builtin> = {
  async cd(sh, p) {
    const target = p.args[1] === undefined ? (sh.env.get('HOME') ?? '/') : p.args[1] === '-' ? (sh.env.get('OLDPWD') ?? sh.cwd) : p.args[1];
    const abs = normalize(target, sh.cwd);
    try {
      const n = p.fs.stat(abs);
      if (n.type !== 'dir') {
        await print(p.stderr, `${sh.name}: cd: can't cd to ${target}: Not a directory\n`);
        return 1;
      }
    } catch {
      await print(p.stderr, `${sh.name}: cd: can't cd to ${target}: No such file or directory\n`);
      return 1;
    }
    sh.env.set('OLDPWD', sh.cwd);
    sh.cwd = abs;
    sh.env.set('PWD', abs);
    return 0;
  },
  async pwd(sh, p) {
    await print(p.stdout, `${sh.cwd}\n`);
    return 0;
  },
  async export(sh, p) {
    if (p.args.length === 1) {
      for (const [k, v] of [...sh.env].sort()) await print(p.stdout, `export ${k}='${v.replace(/'/g, `'\\''`)}'\n`);
      return 0;
    }
    for (const a of p.args.slice(1)) {
      const i = a.indexOf('=');
      if (i > 0) sh.env.set(a.slice(0, i), a.slice(i + 1));
      else if (!sh.env.has(a)) sh.env.set(a, '');
    }
    return 0;
  },
  async unset(sh, p) {
    for (const a of p.args.slice(1)) sh.env.delete(a);
    return 0;
  },
  async exit(sh, p) {
    throw new ExitShell(p.args[1] === undefined ? sh.status : Number(p.args[1]) & 255);
  },
  async ':'() {
    return 0;
  },
  async true() {
    return 0;
  },
  async false() {
    return 1;
  },
  async set() {
    return 0;
  },
  echo: (_sh, p) => echo(p),
  test: (_sh, p) => testCmd(p),
  '[': (_sh, p) => testCmd(p),
  async read(sh, p) {
    const line = await new LineReader(p.stdin).line();
    if (line === null) return 1;
    const names = p.args.slice(1).filter((a) => !a.startsWith('-'));
    const words = line.trim().split(/\s+/);
    (names.length ? names : ['REPLY']).forEach((n, i, all) => sh.env.set(n, i === all.length - 1 ? words.slice(i).join(' ') : (words[i] ?? '')));
    return 0;
  },
  async exec(sh, p) {
    if (p.args.length === 1) return 0;
    throw new ExitShell(await sh.exec(p.args.slice(1), p, p.signal));
  },
  /** POSIX `command -v name…` (the path, or the name of a builtin; 1 when one is missing) and `command name args` */
  async command(sh, p) {
    const args = p.args.slice(1);
    if (args[0] === '-v' || args[0] === '-V') {
      let st = 0;
      for (const a of args.slice(1)) {
        if (BUILTINS[a]) await print(p.stdout, args[0] === '-v' ? `${a}\n` : `${a} is a shell builtin\n`);
        else {
          const f = sh.lookup(a);
          if (f.kind === 'program') await print(p.stdout, args[0] === '-v' ? `${f.path}\n` : `${a} is ${f.path}\n`);
          else st = 1;
        }
      }
      return st;
    }
    if (args.length === 0) return 0;
    return sh.exec(args, p, p.signal);
  },
  async type(sh, p) {
    let st = 0;
    for (const a of p.args.slice(1)) {
      if (BUILTINS[a]) await print(p.stdout, `${a} is a shell builtin\n`);
      else {
        const f = sh.lookup(a);
        if (f.kind === 'missing') {
          await print(p.stdout, `${a}: not found\n`);
          st = 1;
        } else await print(p.stdout, `${a} is ${f.path}\n`);
      }
    }
    return st;
  },
};
