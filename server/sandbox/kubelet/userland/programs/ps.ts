/** ps: the container's process table (pid 1 is its main process, built from command/args). */
import { print, type Proc } from '../process';

function elapsed(ms: number): string {
  const m = Math.floor(ms / 60_000);
  return `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;
}

export async function ps(p: Proc): Promise<number> {
  const rows = [...p.procs.entries.values()].sort((a, b) => a.pid - b.pid);
  const now = p.container.now();
  const busybox = p.container.osId === 'busybox' || p.container.osId === 'alpine';
  if (busybox) {
    await print(p.stdout, 'PID   USER     TIME  COMMAND\n');
    for (const r of rows) await print(p.stdout, `${String(r.pid).padStart(5)} root      ${elapsed(now - r.start).padStart(4)} ${r.cmd}\n`);
  } else {
    await print(p.stdout, p.args.some((a) => /aux|ef/.test(a)) ? 'UID          PID    PPID  C STIME TTY          TIME CMD\n' : '    PID TTY          TIME CMD\n');
    for (const r of rows) {
      if (p.args.some((a) => /aux|ef/.test(a))) await print(p.stdout, `root     ${String(r.pid).padStart(7)} ${String(r.pid === 1 ? 0 : 1).padStart(7)}  0 00:00 ?        00:00:00 ${r.cmd}\n`);
      else await print(p.stdout, `${String(r.pid).padStart(7)} ?        00:00:00 ${r.cmd.split(' ')[0].split('/').pop()}\n`);
    }
  }
  return 0;
}
