/** head, tail, grep, wc, sort, uniq, tr-less text tools; each reads files or stdin as a stream where it can. */
import { checkAbort, print, type Proc } from '../process';
import { openRead } from '../files';
import { LineReader, readAll, type Reader } from '../pipe';

async function inputs(p: Proc, files: string[], tool: string): Promise<{ name: string; r: Reader }[]> {
  const out: { name: string; r: Reader }[] = [];
  for (const f of files.length ? files : ['-']) {
    try {
      out.push({ name: f, r: f === '-' ? p.stdin : openRead(p.fs, p.cwd, f, p) });
    } catch (e) {
      await print(p.stderr, `${tool}: ${f}: ${(e as Error).message}\n`);
    }
  }
  return out;
}

function count(args: string[], def: number): { n: number; files: string[] } {
  let n = def;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' || a === '-c') n = Number(args[++i]);
    else if (/^-n?\d+$/.test(a)) n = Number(a.replace(/^-n?/, ''));
    else if (a === '-f' || a === '-F') continue;
    else files.push(a);
  }
  return { n, files };
}

async function head(p: Proc): Promise<number> {
  const args = p.args.slice(1);
  // -c N: bytes (a stream, cut mid-line where N falls); else lines (-n N / -N, default 10)
  const ci = args.findIndex((a) => a === '-c' || /^-c\d+$/.test(a));
  const bytes = ci < 0 ? undefined : Number(args[ci] === '-c' ? args[ci + 1] : args[ci]!.slice(2));
  const { n, files } = count(ci < 0 ? args : args.filter((_, i) => i !== ci && !(args[ci] === '-c' && i === ci + 1)), 10);
  for (const { r } of await inputs(p, files, 'head')) {
    if (bytes !== undefined) {
      for (let left = bytes; left > 0; ) {
        checkAbort(p.signal);
        const chunk = await r.read();
        if (chunk === null) break;
        const part = chunk.length > left ? chunk.subarray(0, left) : chunk;
        await p.stdout.write(part);
        left -= part.length;
      }
    } else {
      const lr = new LineReader(r);
      let out = '';
      for (let i = 0; i < n; i++) {
        const l = await lr.line();
        if (l === null) break;
        out += `${l}\n`;
        if (out.length >= 65_536) {
          await print(p.stdout, out);
          out = '';
        }
      }
      if (out) await print(p.stdout, out);
    }
    r.release?.();
  }
  return 0;
}

async function tail(p: Proc): Promise<number> {
  const { n, files } = count(p.args.slice(1), 10);
  const follow = p.args.includes('-f') || p.args.includes('-F');
  for (const { r } of await inputs(p, files, 'tail')) {
    const lr = new LineReader(r);
    const ring: string[] = [];
    for (let l = await lr.line(); l !== null; l = await lr.line()) {
      checkAbort(p.signal);
      ring.push(l);
      if (ring.length > n) ring.shift();
    }
    if (ring.length) await print(p.stdout, `${ring.join('\n')}\n`);
  }
  if (follow) await new Promise<void>((resolve) => p.signal.addEventListener('abort', () => resolve(), { once: true }));
  return 0;
}

async function grep(p: Proc): Promise<number> {
  const opts = new Set<string>();
  const rest: string[] = [];
  let pattern: string | undefined;
  const args = p.args.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e') pattern = args[++i];
    else if (a.startsWith('-') && a.length > 1) for (const c of a.slice(1)) opts.add(c);
    else if (pattern === undefined) pattern = a;
    else rest.push(a);
  }
  if (pattern === undefined) {
    await print(p.stderr, 'Usage: grep [-ivcqnlFE] PATTERN [FILE]...\n');
    return 2;
  }
  let re: RegExp;
  try {
    const src = opts.has('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : p.args[0] === 'egrep' || opts.has('E') ? pattern : pattern.replace(/\\\|/g, '|').replace(/\\([()])/g, '$1');
    re = new RegExp(opts.has('w') ? `\\b(?:${src})\\b` : src, opts.has('i') ? 'i' : '');
  } catch {
    await print(p.stderr, `grep: bad regex '${pattern}'\n`);
    return 2;
  }
  let matched = 0;
  const ins = await inputs(p, rest, 'grep');
  for (const { name, r } of ins) {
    const lr = new LineReader(r);
    let n = 0;
    let fileMatches = 0;
    for (let l = await lr.line(); l !== null; l = await lr.line()) {
      n++;
      checkAbort(p.signal);
      if (re.test(l) === opts.has('v')) continue;
      matched++;
      fileMatches++;
      if (opts.has('q')) return 0;
      if (opts.has('c') || opts.has('l')) continue;
      const prefix = (ins.length > 1 ? `${name}:` : '') + (opts.has('n') ? `${n}:` : '');
      await print(p.stdout, `${prefix}${l}\n`);
    }
    if (opts.has('c')) await print(p.stdout, `${ins.length > 1 ? `${name}:` : ''}${fileMatches}\n`);
    if (opts.has('l') && fileMatches) await print(p.stdout, `${name}\n`);
  }
  return ins.length < Math.max(1, rest.length) ? 2 : matched ? 0 : 1;
}

async function wc(p: Proc): Promise<number> {
  const flags = new Set(p.args.slice(1).filter((a) => a.startsWith('-')).flatMap((a) => [...a.slice(1)]));
  const files = p.args.slice(1).filter((a) => !a.startsWith('-'));
  const all = flags.size === 0;
  for (const { name, r } of await inputs(p, files, 'wc')) {
    let lines = 0;
    let words = 0;
    let bytes = 0;
    let inWord = false;
    for (let b = await r.read(); b; b = await r.read()) {
      checkAbort(p.signal);
      bytes += b.length;
      for (const c of b) {
        if (c === 10) lines++;
        const space = c === 32 || c === 10 || c === 9 || c === 13;
        if (!space && !inWord) words++;
        inWord = !space;
      }
    }
    const cols = [all || flags.has('l') ? lines : undefined, all || flags.has('w') ? words : undefined, all || flags.has('c') ? bytes : undefined].filter((x) => x !== undefined);
    const text = cols.length === 1 ? String(cols[0]) : cols.map((x) => String(x).padStart(7)).join(' ');
    await print(p.stdout, `${text}${files.length ? ` ${name}` : ''}\n`);
  }
  return 0;
}

async function sort(p: Proc): Promise<number> {
  const flags = new Set(p.args.slice(1).filter((a) => a.startsWith('-')).flatMap((a) => [...a.slice(1)]));
  const files = p.args.slice(1).filter((a) => !a.startsWith('-'));
  const lines: string[] = [];
  for (const { r } of await inputs(p, files, 'sort')) lines.push(...(await readAll(r, 16 * 1024 * 1024)).toString('utf8').split('\n').filter((l, i, a) => l !== '' || i < a.length - 1));
  lines.sort(flags.has('n') ? (a, b) => parseFloat(a) - parseFloat(b) : undefined);
  if (flags.has('r')) lines.reverse();
  const out = flags.has('u') ? lines.filter((l, i) => i === 0 || l !== lines[i - 1]) : lines;
  if (out.length) await print(p.stdout, `${out.join('\n')}\n`);
  return 0;
}

async function uniq(p: Proc): Promise<number> {
  const lr = new LineReader(p.stdin);
  let prev: string | null = null;
  for (let l = await lr.line(); l !== null; l = await lr.line()) {
    if (l !== prev) await print(p.stdout, `${l}\n`);
    prev = l;
  }
  return 0;
}

export const TEXT = { head, tail, grep, egrep: grep, wc, sort, uniq };
