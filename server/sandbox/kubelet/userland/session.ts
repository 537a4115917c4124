/**
 * One exec'd process with its streams: a pseudo-terminal when tty was asked for, else bounded stdin pipe and
 * direct stdout/stderr (whose writes wait on the client: the WebSocket's backpressure reaches the program).
 * A closed connection aborts the process; its end settles `done` with the exit code, or with the runtime error
 * containerd reports when the executable is missing.
 */
import type { ExecExit, ExecOutput, ExecSession, ExecStreamOptions } from '../../types';
import { Aborted, type Program, type Proc } from './process';
import { BrokenPipe, cooperate, EMPTY_READER, NULL_WRITER, Pipe, type Reader, type Writer } from './pipe';
import { PseudoTerminal } from './terminal';
import { bindTerminal } from './programs/sh';
import { ExitShell } from './builtins';
import { Shell } from './shell';
import type { ContainerUserland } from './container';

function writerOf(o: ExecOutput | undefined): Writer {
  return o
    ? {
        async write(b) {
          await o.write(b);
          await cooperate(b.length);
        },
      }
    : NULL_WRITER;
}

export class ProcessSession implements ExecSession {
  readonly done: Promise<ExecExit>;
  private readonly ctl = new AbortController();
  private readonly stdinPipe?: Pipe;
  readonly terminal?: PseudoTerminal;
  private finished = false;

  constructor(
    u: ContainerUserland,
    programs: Map<string, Program>,
    command: string[],
    opts: ExecStreamOptions,
    io: { stdout?: ExecOutput; stderr?: ExecOutput },
  ) {
    let stdin: Reader = EMPTY_READER;
    let stdout = writerOf(io.stdout);
    let stderr = writerOf(io.stderr);
    if (opts.tty) {
      this.terminal = new PseudoTerminal(stdout);
      stdout = this.terminal.output;
      stderr = this.terminal.output;
      if (opts.stdin) {
        stdin = this.terminal.input;
        bindTerminal(stdin, this.terminal);
      }
    } else if (opts.stdin) {
      this.stdinPipe = new Pipe();
      stdin = this.stdinPipe;
    }
    const proc: Proc = {
      args: command,
      env: u.env(opts.tty),
      cwd: u.workingDir,
      fs: u.vfs,
      stdin,
      stdout,
      stderr,
      signal: this.ctl.signal,
      container: u.info,
      procs: u.procs,
      spawn: (argv, sio) => new Shell({ ...proc, ...sio }, programs, 'sh').exec(argv, sio, this.ctl.signal),
    };
    this.done = this.run(u, programs, proc).finally(() => {
      this.finished = true;
      this.stdinPipe?.release();
      this.terminal?.close();
    });
  }

  private async run(u: ContainerUserland, programs: Map<string, Program>, proc: Proc): Promise<ExecExit> {
    const sh = new Shell(proc, programs, 'sh');
    const found = sh.lookup(proc.args[0]);
    if (found.kind !== 'program') {
      // the runtime cannot start the process: its error goes to the stream and the exec ends with 126 (found, not
      // executable) or 127 (not found), as CRI-O and Docker report it, so `kubectl exec` exits with that code
      const why = found.kind === 'noexec' ? `exec: "${proc.args[0]}": permission denied` : proc.args[0].includes('/') ? `exec: "${proc.args[0]}": stat ${proc.args[0]}: no such file or directory` : `exec: "${proc.args[0]}": executable file not found in $PATH`;
      await proc.stderr.write(Buffer.from(`OCI runtime exec failed: exec failed: unable to start container process: ${why}: unknown\n`)).catch(() => undefined);
      return { exitCode: found.kind === 'noexec' ? 126 : 127 };
    }
    const pid = u.procs.add(proc.args.join(' '), u.info.now());
    try {
      return { exitCode: await programs.get(found.name)!(proc) };
    } catch (e) {
      if (e instanceof ExitShell) return { exitCode: e.code };
      if (e instanceof BrokenPipe) return { exitCode: 141 };
      if (e instanceof Aborted || this.ctl.signal.aborted) return { exitCode: 130 };
      throw e;
    } finally {
      u.procs.remove(pid);
    }
  }

  input(chunk: Buffer): Promise<void> {
    if (this.finished) return Promise.resolve();
    if (this.terminal) {
      this.terminal.feed(chunk);
      return Promise.resolve();
    }
    return this.stdinPipe ? this.stdinPipe.write(chunk).catch(() => undefined) : Promise.resolve();
  }

  endInput(): void {
    this.stdinPipe?.end();
    this.terminal?.feed(Buffer.from([4]));
  }

  resize(cols: number, rows: number): void {
    this.terminal?.resize(cols, rows);
  }

  close(): void {
    this.ctl.abort();
    this.stdinPipe?.release();
    this.terminal?.close();
  }
}
