/**
 * The main process of a container started with stdin (kubectl run -it, kubectl debug -it): a long-lived
 * program whose terminal (or stdin/stdout) attach sessions connect to. Output goes to every attached client;
 * when it exits, the container exits with its code (onExit).
 */
import type { ExecExit, ExecOutput, ExecSession, ExecStreamOptions } from '../../types';
import type { Program } from './process';
import type { ContainerUserland } from './container';
import { ProcessSession } from './session';

export class MainProcess {
  private readonly clients = new Set<ExecOutput>();
  private readonly session: ProcessSession;
  readonly done: Promise<ExecExit>;

  /** `log` receives all output too: the container's log, as the runtime writes it whoever is attached */
  constructor(u: ContainerUserland, programs: Map<string, Program>, tty: boolean, onExit: (code: number) => void, log?: ExecOutput) {
    const broadcast: ExecOutput = { write: (b) => Promise.all([...this.clients, ...(log ? [log] : [])].map((c) => c.write(b))).then(() => undefined) };
    const opts: ExecStreamOptions = { container: '', stdin: true, stdout: true, stderr: !tty, tty };
    this.session = new ProcessSession(u, programs, u.info.mainCommand, opts, { stdout: broadcast, stderr: broadcast });
    this.done = this.session.done;
    void this.done.then((e) => onExit('exitCode' in e ? e.exitCode : 128));
  }

  attach(opts: ExecStreamOptions, io: { stdout?: ExecOutput; stderr?: ExecOutput }): ExecSession {
    const out = io.stdout ?? io.stderr;
    if (out) this.clients.add(out);
    let detach: () => void = () => undefined;
    const detached = new Promise<void>((r) => (detach = r));
    const main = this.session;
    const clients = this.clients;
    return {
      input: (chunk) => (opts.stdin ? main.input(chunk) : Promise.resolve()),
      endInput: () => undefined,
      resize: (c, r) => main.resize(c, r),
      close() {
        if (out) clients.delete(out);
        detach();
      },
      done: Promise.race([this.done, detached.then((): ExecExit => ({ exitCode: 0 }))]),
    };
  }

  kill(): void {
    this.session.close();
  }
}
