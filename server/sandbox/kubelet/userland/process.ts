/** What a simulated program gets: its arguments, environment, streams, filesystem and the container around it. */
import type { Reader, Writer } from './pipe';
import type { Vfs } from './vfs';

export interface ContainerInfo {
  hostname: string;
  /** main process command line (for ps) */
  mainCommand: string[];
  image: string;
  /** os-release ID: alpine, debian, ubuntu, busybox, distroless ... */
  osId: string;
  nodeName: string;
  kernel: string;
  startedAt: number;
  /** in-cluster HTTP for curl/wget */
  httpFetch: HttpFetch;
  /** the shell's flavour: the prompt and the name in error messages */
  shellName: 'sh' | 'bash' | 'ash';
  now(): number;
}

export interface HttpResponse {
  status: number;
  statusText?: string;
  headers?: Record<string, string>;
  body: Buffer;
}
/** Resolves to a response, or rejects with an Error whose message is what curl prints after "curl: (7) " */
export type HttpFetch = (
  url: string,
  init?: { method?: string; headers?: Record<string, string>; body?: Buffer; /** the calling pod: short names and localhost resolve from it */ from?: { namespace: string; pod: string } },
) => Promise<HttpResponse>;

export interface Proc {
  args: string[];
  env: Map<string, string>;
  cwd: string;
  fs: Vfs;
  stdin: Reader;
  stdout: Writer;
  stderr: Writer;
  signal: AbortSignal;
  container: ContainerInfo;
  /** the session's process table (for ps) */
  procs: ProcTable;
  /** runs a command line in a child shell (sh -c), used by sh, env, timeout */
  spawn(argv: string[], io: { stdin: Reader; stdout: Writer; stderr: Writer }): Promise<number>;
  /** set by cd in the current shell only */
  chdir?(p: string): void;
}

export type Program = (p: Proc) => Promise<number>;

export interface ProcEntry {
  pid: number;
  cmd: string;
  start: number;
}

/** Per-container process table: pid 1 is the main process, exec'd processes come and go. */
export class ProcTable {
  private next = 7;
  readonly entries = new Map<number, ProcEntry>();
  constructor(main: string, start: number) {
    this.entries.set(1, { pid: 1, cmd: main, start });
  }
  add(cmd: string, start: number): number {
    const pid = this.next++;
    this.entries.set(pid, { pid, cmd, start });
    return pid;
  }
  remove(pid: number): void {
    if (pid !== 1) this.entries.delete(pid);
  }
}

export async function print(w: Writer, s: string): Promise<void> {
  if (s) await w.write(Buffer.from(s));
}

export class Aborted extends Error {
  constructor() {
    super('aborted');
  }
}

export function checkAbort(signal: AbortSignal): void {
  if (signal.aborted) throw new Aborted();
}
