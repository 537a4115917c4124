/** echo, test, env, hostname, id, whoami, date, uname, sleep, yes, seq, true, false, printenv. */
import { checkAbort, print, type Proc } from '../process';
import { normalize } from '../vfs';

export async function echo(p: Proc): Promise<number> {
  let args = p.args.slice(1);
  let newline = true;
  let escapes = false;
  while (args[0] && /^-[neE]+$/.test(args[0])) {
    if (args[0].includes('n')) newline = false;
    if (args[0].includes('e')) escapes = true;
    args = args.slice(1);
  }
  let s = args.join(' ');
  if (escapes) s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\\\/g, '\\');
  await print(p.stdout, newline ? `${s}\n` : s);
  return 0;
}

export async function testCmd(p: Proc): Promise<number> {
  let a = p.args.slice(1);
  if (p.args[0] === '[') {
    if (a[a.length - 1] !== ']') {
      await print(p.stderr, '[: missing ]\n');
      return 2;
    }
    a = a.slice(0, -1);
  }
  let negate = false;
  if (a[0] === '!') {
    negate = true;
    a = a.slice(1);
  }
  const stat = (f: string) => {
    try {
      return p.fs.stat(normalize(f, p.cwd));
    } catch {
      return undefined;
    }
  };
  let r: boolean;
  if (a.length === 0) r = false;
  else if (a.length === 1) r = a[0] !== '';
  else if (a.length === 2) {
    const [op, v] = a;
    const n = stat(v);
    r = op === '-z' ? v === '' : op === '-n' ? v !== '' : op === '-e' ? !!n : op === '-f' ? n?.type === 'file' : op === '-d' ? n?.type === 'dir' : op === '-s' ? n?.type === 'file' && n.data.length > 0 : op === '-x' ? !!(n?.type === 'file' && n.program) : op === '-r' || op === '-w' ? !!n : false;
  } else {
    const [x, op, y] = a;
    const nx = Number(x);
    const ny = Number(y);
    const cmp: Record<string, boolean> = { '=': x === y, '==': x === y, '!=': x !== y, '-eq': nx === ny, '-ne': nx !== ny, '-lt': nx < ny, '-le': nx <= ny, '-gt': nx > ny, '-ge': nx >= ny };
    r = cmp[op] ?? false;
  }
  return r !== negate ? 0 : 1;
}

async function env(p: Proc): Promise<number> {
  const args = p.args.slice(1);
  const e = new Map(p.env);
  while (args.length && args[0].includes('=')) {
    const a = args.shift()!;
    e.set(a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1));
  }
  if (args.length) return p.spawn(args, p);
  for (const [k, v] of e) await print(p.stdout, `${k}=${v}\n`);
  return 0;
}

async function printenv(p: Proc): Promise<number> {
  if (p.args.length === 1) {
    for (const [k, v] of p.env) await print(p.stdout, `${k}=${v}\n`);
    return 0;
  }
  let st = 0;
  for (const k of p.args.slice(1)) {
    const v = p.env.get(k);
    if (v === undefined) st = 1;
    else await print(p.stdout, `${v}\n`);
  }
  return st;
}

async function hostname(p: Proc): Promise<number> {
  await print(p.stdout, `${p.container.hostname}\n`);
  return 0;
}

async function id(p: Proc): Promise<number> {
  const a = p.args[1];
  if (a === '-u' || a === '-g') await print(p.stdout, '0\n');
  else if (a === '-un' || a === '-nu') await print(p.stdout, 'root\n');
  else await print(p.stdout, p.container.osId === 'busybox' || p.container.osId === 'alpine' ? 'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n');
  return 0;
}

async function whoami(p: Proc): Promise<number> {
  await print(p.stdout, 'root\n');
  return 0;
}

async function date(p: Proc): Promise<number> {
  const d = new Date(p.container.now());
  if (p.args[1] === '+%s') await print(p.stdout, `${Math.floor(d.getTime() / 1000)}\n`);
  else if (p.args[1] === '-u' || p.args[1] === '-Iseconds' || p.args[1] === '-I') await print(p.stdout, `${d.toISOString().replace(/\.\d+Z$/, '+00:00')}\n`);
  else {
    const s = d.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_m, wd: string, day: string, mon: string, y: string, t: string) => `${wd} ${mon} ${day.padStart(2, ' ')} ${t} UTC ${y}`);
    await print(p.stdout, `${s}\n`);
  }
  return 0;
}

async function uname(p: Proc): Promise<number> {
  const c = p.container;
  const f = p.args.slice(1).join('');
  const parts: string[] = [];
  const all = f.includes('a');
  if (all || f.includes('s') || f === '') parts.push('Linux');
  if (all || f.includes('n')) parts.push(c.hostname);
  if (all || f.includes('r')) parts.push(c.kernel);
  if (all || f.includes('v')) parts.push('#1 SMP PREEMPT_DYNAMIC Sat Apr 12 00:00:00 UTC 2025');
  if (all || f.includes('m')) parts.push('x86_64');
  if (all) parts.push('GNU/Linux');
  await print(p.stdout, `${parts.join(' ')}\n`);
  return 0;
}

/** Sleeps in real time (Ctrl-C or a closed connection wakes it). */
async function sleep(p: Proc): Promise<number> {
  const secs = Number((p.args[1] ?? '').replace(/s$/, ''));
  if (!Number.isFinite(secs) || secs < 0) {
    await print(p.stderr, `sleep: invalid number '${p.args[1] ?? ''}'\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, secs * 1000);
    p.signal.addEventListener('abort', () => {
      clearTimeout(t);
      resolve();
    }, { once: true });
  });
  checkAbort(p.signal);
  return 0;
}

async function yes(p: Proc): Promise<number> {
  const line = Buffer.from(`${p.args.slice(1).join(' ') || 'y'}\n`.repeat(2048));
  for (;;) {
    checkAbort(p.signal);
    await p.stdout.write(line);
  }
}

async function seq(p: Proc): Promise<number> {
  const n = p.args.slice(1).map(Number);
  const [first, last] = n.length === 1 ? [1, n[0]] : [n[0], n[1]];
  let out = '';
  for (let i = first; i <= last; i++) {
    out += `${i}\n`;
    if (out.length > 8192) {
      checkAbort(p.signal);
      await print(p.stdout, out);
      out = '';
    }
  }
  await print(p.stdout, out);
  return 0;
}

export const BASIC = {
  echo,
  test: testCmd,
  '[': testCmd,
  env,
  printenv,
  hostname,
  id,
  whoami,
  date,
  uname,
  sleep,
  yes,
  seq,
  true: () => Promise.resolve(0),
  false: () => Promise.resolve(1),
};
