/**
 * sh / ash / bash: `-c script [name args...]`, a script file, or commands read from stdin — interactively
 * (prompt, line editing and history come from the terminal, terminal.ts) when the session has a tty.
 */
import { print, type Proc, type Program } from '../process';
import { LineReader } from '../pipe';
import { Shell } from '../shell';
import { ExitShell } from '../builtins';
import { parse, ParseError } from '../shell-parse';
import { normalize } from '../vfs';

/** Set by the session when stdin is a terminal: reads one edited line after showing the prompt. */
export interface Terminal {
  readLine(prompt: string, history: string[]): Promise<string | null>;
  /** Ctrl-C goes to this shell's foreground job */
  setForeground(sh: Shell | undefined): void;
  /** the window size the client last sent (resize channel) */
  readonly cols: number;
  readonly rows: number;
}

const terminals = new WeakMap<object, Terminal>();
/** The terminal behind a program's stdin, if it is one (stty, tput). */
export function terminalOf(stdin: object): Terminal | undefined {
  return terminals.get(stdin);
}
export function bindTerminal(stdin: object, t: Terminal): void {
  terminals.set(stdin, t);
}

function prompt(sh: Shell, p: Proc): string {
  const cwd = sh.cwd === (sh.env.get('HOME') ?? '/root') && sh.name === 'bash' ? '~' : sh.cwd;
  return sh.name === 'bash' ? `root@${p.container.hostname}:${cwd}# ` : `${cwd} # `;
}

export function shellProgram(programs: Map<string, Program>): Program {
  return async (p) => {
    const name = (p.args[0].split('/').pop() ?? 'sh') as string;
    const flavour = name === 'bash' ? 'bash' : name === 'ash' ? 'ash' : 'sh';
    const args = p.args.slice(1);
    let script: string | undefined;
    let scriptArgs: string[] = [name];
    let interactive = false;
    while (args.length && args[0].startsWith('-') && args[0] !== '-') {
      const a = args.shift()!;
      if (a.includes('c')) {
        script = args.shift() ?? '';
        scriptArgs = args.length ? args.splice(0) : [name];
      }
      if (a.includes('i')) interactive = true;
    }
    const sh = new Shell({ ...p, env: new Map(p.env) }, programs, flavour === 'bash' ? 'bash' : 'sh', scriptArgs);
    if (script === undefined && args.length) {
      try {
        script = p.fs.readFile(normalize(args[0], p.cwd)).toString('utf8');
      } catch {
        await print(p.stderr, `${flavour}: can't open '${args[0]}': No such file or directory\n`);
        return flavour === 'bash' ? 127 : 2;
      }
    }
    try {
      if (script !== undefined) return await sh.run(script, p, p.signal);
      const term = terminals.get(p.stdin);
      if (term) return await interactiveLoop(sh, p, term);
      void interactive;
      return await stdinLoop(sh, p);
    } catch (e) {
      if (e instanceof ExitShell) return e.code;
      throw e;
    }
  };
}

async function stdinLoop(sh: Shell, p: Proc): Promise<number> {
  const lr = new LineReader(p.stdin);
  let pending = '';
  for (let l = await lr.line(); l !== null; l = await lr.line()) {
    pending += `${l}\n`;
    if (incomplete(pending)) continue;
    await sh.run(pending, p, p.signal);
    pending = '';
    if (p.signal.aborted) return 130;
  }
  if (pending.trim()) await sh.run(pending, p, p.signal);
  return sh.status;
}

function incomplete(src: string): boolean {
  try {
    parse(src);
    return false;
  } catch (e) {
    return e instanceof ParseError && e.incomplete;
  }
}

async function interactiveLoop(sh: Shell, p: Proc, term: Terminal): Promise<number> {
  const history: string[] = [];
  term.setForeground(sh);
  try {
    for (;;) {
      let src = '';
      let line = await term.readLine(prompt(sh, p), history);
      if (line === null) {
        await print(p.stdout, '\n');
        return sh.status;
      }
      src = line;
      while (incomplete(`${src}\n`)) {
        line = await term.readLine('> ', history);
        if (line === null) break;
        src += `\n${line}`;
      }
      if (src.trim()) history.push(src);
      await sh.run(src, p, p.signal);
      if (p.signal.aborted) return 130;
    }
  } finally {
    term.setForeground(undefined);
  }
}
