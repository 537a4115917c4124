/**
 * The simulated shell (sh/ash/bash flavours of one interpreter): runs parsed lists with real pipes, redirections,
 * expansions and $?; builtins that must change the shell itself (cd, export, exit ...) live here, every other
 * command is a program found on $PATH in the container's filesystem.
 */
import { Aborted, checkAbort, print, type Proc, type Program } from './process';
import { BrokenPipe, Pipe, readAll, type Reader, type Writer } from './pipe';
import { parse, ParseError, type Command, type List, type Pipeline, type Redirect, type Word } from './shell-parse';
import { openRead, openWrite } from './files';
import { FsError, normalize } from './vfs';
import { globExpand } from './glob';
import { BUILTINS, ExitShell } from './builtins';
import { arithmetic } from './arith';

export interface Io {
  stdin: Reader;
  stdout: Writer;
  stderr: Writer;
}

export type ProgramLookup = { kind: 'program'; name: string; path: string } | { kind: 'missing' } | { kind: 'noexec'; path: string };

/** A subshell, pipeline element or $(...) that runs `exit` ends only itself. */
async function exitCodeOf(p: Promise<number>): Promise<number> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof ExitShell) return e.code;
    throw e;
  }
}

export class Shell {
  status = 0;
  readonly args: string[];
  /** the foreground job's abort controller (Ctrl-C aborts it) */
  private fg?: AbortController;

  constructor(
    readonly base: Proc,
    readonly programs: Map<string, Program>,
    readonly name: string,
    args: string[] = [],
  ) {
    this.args = args;
  }

  get env(): Map<string, string> {
    return this.base.env;
  }
  get cwd(): string {
    return this.base.cwd;
  }
  set cwd(v: string) {
    this.base.cwd = v;
  }

  /** A child shell (subshell, $(...)): copies of environment and cwd. */
  child(): Shell {
    return new Shell({ ...this.base, env: new Map(this.env) }, this.programs, this.name, this.args);
  }

  interrupt(): void {
    this.fg?.abort();
  }

  lookup(cmd: string): ProgramLookup {
    const fs = this.base.fs;
    const candidates = cmd.includes('/') ? [normalize(cmd, this.cwd)] : (this.env.get('PATH') ?? '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin').split(':').filter(Boolean).map((d) => `${d}/${cmd}`);
    for (const c of candidates) {
      try {
        const n = fs.stat(c);
        if (n.type !== 'file') continue;
        if (n.program && this.programs.has(n.program)) return { kind: 'program', name: n.program, path: c };
        return { kind: 'noexec', path: c };
      } catch {
        // next candidate
      }
    }
    return { kind: 'missing' };
  }

  /** Parses and runs a script; syntax errors print like ash ("sh: syntax error: ...") with status 2. */
  async run(src: string, io: Io, signal: AbortSignal): Promise<number> {
    let list: List;
    try {
      list = parse(src);
    } catch (e) {
      if (!(e instanceof ParseError)) throw e;
      await print(io.stderr, `${this.name}: ${e.incomplete && !e.message.startsWith('syntax') ? 'syntax error: unexpected end of file' : e.message}\n`);
      this.status = 2;
      return 2;
    }
    const ctl = new AbortController();
    const onAbort = () => ctl.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    this.fg = ctl;
    try {
      return await this.runList(list, io, ctl.signal);
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (this.fg === ctl) this.fg = undefined;
    }
  }

  async runList(list: List, io: Io, signal: AbortSignal): Promise<number> {
    for (const item of list.items) {
      if (signal.aborted) return (this.status = 130);
      if (item.bg) {
        void this.runAndOr(item.ao, io, signal).catch(() => undefined);
        this.status = 0;
        continue;
      }
      await this.runAndOr(item.ao, io, signal);
    }
    return this.status;
  }

  private async runAndOr(ao: { first: Pipeline; rest: { op: '&&' | '||'; p: Pipeline }[] }, io: Io, signal: AbortSignal): Promise<number> {
    this.status = await this.runPipeline(ao.first, io, signal);
    for (const { op, p } of ao.rest) {
      if ((op === '&&') === (this.status === 0)) this.status = await this.runPipeline(p, io, signal);
    }
    return this.status;
  }

  private async runPipeline(p: Pipeline, io: Io, signal: AbortSignal): Promise<number> {
    let st: number;
    if (p.cmds.length === 1) st = await this.runCommand(p.cmds[0], io, signal, false);
    else {
      const pipes = p.cmds.slice(1).map(() => new Pipe());
      const runs = p.cmds.map(async (c, i) => {
        const cio: Io = { stdin: i === 0 ? io.stdin : pipes[i - 1], stdout: i === p.cmds.length - 1 ? io.stdout : pipes[i], stderr: io.stderr };
        try {
          return await exitCodeOf(this.child().runCommand(c, cio, signal, true));
        } finally {
          if (i < pipes.length) pipes[i].end();
          if (i > 0) pipes[i - 1].release();
        }
      });
      const codes = await Promise.all(runs);
      st = codes[codes.length - 1];
    }
    if (p.negate) st = st === 0 ? 1 : 0;
    this.status = st;
    return st;
  }

  async expandWord(w: Word, io: Io, signal: AbortSignal, split = true): Promise<string[]> {
    const fields: { s: string; glob: boolean; quoted: boolean }[] = [{ s: '', glob: false, quoted: false }];
    const cur = () => fields[fields.length - 1];
    for (const part of w) {
      if (part.t === 'lit') {
        let v = part.v;
        if (!part.q && cur().s === '' && fields.length === 1 && (v === '~' || v.startsWith('~/'))) v = (this.env.get('HOME') ?? '/root') + v.slice(1);
        cur().s += v;
        if (part.q) cur().quoted = true;
        else if (/[*?[]/.test(v)) cur().glob = true;
        continue;
      }
      const value = part.t === 'var' ? this.variable(part.name) : part.t === 'arith' ? arithmetic(part.expr, (n) => this.variable(n)) : await this.substitute(part.src, io, signal);
      if (part.q || !split) {
        cur().s += value;
        cur().quoted = true;
        continue;
      }
      const pieces = value.split(/[ \t\n]+/);
      pieces.forEach((piece, i) => {
        if (i > 0) fields.push({ s: '', glob: false, quoted: false });
        cur().s += piece;
      });
    }
    const out: string[] = [];
    for (const f of fields) {
      if (f.s === '' && !f.quoted) continue;
      if (f.glob && split) out.push(...globExpand(this.base.fs, this.cwd, f.s));
      else out.push(f.s);
    }
    return out;
  }

  private variable(name: string): string {
    switch (name) {
      case '?':
        return String(this.status);
      case '$':
        return '1';
      case '#':
        return String(Math.max(0, this.args.length - 1));
      case '@':
      case '*':
        return this.args.slice(1).join(' ');
      case '!':
        return '';
    }
    if (/^\d$/.test(name)) return this.args[Number(name)] ?? '';
    const m = /^([A-Za-z_][A-Za-z0-9_]*)(:?-)(.*)$/.exec(name);
    if (m) {
      const v = this.env.get(m[1]);
      return v === undefined || (m[2] === ':-' && v === '') ? m[3] : v;
    }
    if (name.startsWith('#')) return String((this.env.get(name.slice(1)) ?? '').length);
    return this.env.get(name) ?? '';
  }

  private async substitute(src: string, io: Io, signal: AbortSignal): Promise<string> {
    const out = new Pipe(Number.MAX_SAFE_INTEGER);
    const sub = this.child();
    const done = exitCodeOf(sub.run(src, { stdin: io.stdin, stdout: out, stderr: io.stderr }, signal)).finally(() => out.end());
    const [buf] = await Promise.all([readAll(out, 1024 * 1024), done]);
    this.status = sub.status;
    return buf.toString('utf8').replace(/\n+$/, '');
  }

  private async applyRedirects(rs: Redirect[], io: Io, signal: AbortSignal): Promise<Io | undefined> {
    const fds: [Reader, Writer, Writer] = [io.stdin, io.stdout, io.stderr];
    const fs = this.base.fs;
    for (const r of rs) {
      const [target] = await this.expandWord(r.target, io, signal, false);
      try {
        if (r.op === '>&' || r.op === '<&') {
          const n = Number(target);
          if (target === '-' || !Number.isInteger(n) || n < 0 || n > 2) throw new FsError('EBADF', target);
          if (r.fd === 1 || r.fd === 2) fds[r.fd] = fds[n] as Writer;
          continue;
        }
        if (r.op === '<') fds[0] = openRead(fs, this.cwd, target, io);
        else if (r.op === '&>') fds[1] = fds[2] = openWrite(fs, this.cwd, target, false, io);
        else if (r.fd === 1 || r.fd === 2) fds[r.fd] = openWrite(fs, this.cwd, target, r.op === '>>', io);
      } catch (e) {
        if (!(e instanceof FsError)) throw e;
        const verb = r.op === '<' ? 'open' : 'create';
        await print(io.stderr, `${this.name}: can't ${verb} ${target}: ${e.message === 'EBADF' ? 'Bad file descriptor' : e.message.replace(/^./, (c) => c.toLowerCase())}\n`);
        return undefined;
      }
    }
    return { stdin: fds[0], stdout: fds[1], stderr: fds[2] };
  }

  async runCommand(c: Command, io: Io, signal: AbortSignal, inPipeline: boolean): Promise<number> {
    const rio = await this.applyRedirects(c.redirects, io, signal);
    if (!rio) return (this.status = 1);
    if (c.type === 'subshell') return (this.status = await exitCodeOf(this.child().runList(c.list, rio, signal)));
    const argv: string[] = [];
    for (const w of c.words) argv.push(...(await this.expandWord(w, io, signal)));
    const assigns: [string, string][] = [];
    for (const a of c.assigns) assigns.push([a.name, (await this.expandWord(a.value, io, signal, false)).join('')]);
    if (argv.length === 0) {
      for (const [k, v] of assigns) this.env.set(k, v);
      return (this.status = 0);
    }
    const env = assigns.length ? new Map([...this.env, ...assigns]) : this.env;
    return (this.status = await this.exec(argv, rio, signal, env, inPipeline));
  }

  /** Runs a builtin or a program from $PATH; 127 when not found, 126 when not executable. */
  async exec(argv: string[], io: Io, signal: AbortSignal, env = this.env, inPipeline = false): Promise<number> {
    const builtin = BUILTINS[argv[0]];
    const proc: Proc = { ...this.base, args: argv, env, stdin: io.stdin, stdout: io.stdout, stderr: io.stderr, signal };
    try {
      checkAbort(signal);
      if (builtin) return await builtin(this, proc, inPipeline);
      const found = this.lookup(argv[0]);
      if (found.kind === 'missing') {
        await print(io.stderr, this.name === 'bash' ? `bash: ${argv[0]}: command not found\n` : `${this.name}: ${argv[0]}: not found\n`);
        return 127;
      }
      if (found.kind === 'noexec') {
        await print(io.stderr, `${this.name}: ${argv[0]}: Permission denied\n`);
        return 126;
      }
      const pid = this.base.procs.add(argv.join(' '), this.base.container.now());
      try {
        return await this.programs.get(found.name)!({ ...proc, chdir: undefined });
      } finally {
        this.base.procs.remove(pid);
      }
    } catch (e) {
      if (e instanceof ExitShell) throw e;
      if (e instanceof BrokenPipe) return 141;
      if (e instanceof Aborted || signal.aborted) return 130;
      if (e instanceof FsError) {
        await print(io.stderr, `${argv[0]}: ${e.path}: ${e.message}\n`).catch(() => undefined);
        return 1;
      }
      throw e;
    }
  }
}
