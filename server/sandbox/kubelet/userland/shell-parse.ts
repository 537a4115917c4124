/**
 * POSIX-sh subset parser for the simulated shell: lists (; & newline), && and ||, pipelines (with !),
 * ( subshells ), assignments, redirections with fd numbers (< > >> 2> 2>&1 &>), single/double quotes,
 * backslash escapes, $VAR ${VAR} $? $$ $# $(cmd) and `cmd`. Unfinished input (an open quote, a trailing
 * | && || or \) is reported as `incomplete` so an interactive shell can ask for more lines.
 */
export type Part = { t: 'lit'; v: string; q: boolean } | { t: 'var'; name: string; q: boolean } | { t: 'cmd'; src: string; q: boolean } | { t: 'arith'; expr: string; q: boolean };
export type Word = Part[];
export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&' | '<&' | '&>';
  target: Word;
}
export interface SimpleCommand {
  type: 'simple';
  assigns: { name: string; value: Word }[];
  words: Word[];
  redirects: Redirect[];
}
export interface Subshell {
  type: 'subshell';
  list: List;
  redirects: Redirect[];
}
export type Command = SimpleCommand | Subshell;
export interface Pipeline {
  negate: boolean;
  cmds: Command[];
}
export interface AndOr {
  first: Pipeline;
  rest: { op: '&&' | '||'; p: Pipeline }[];
}
export interface List {
  items: { ao: AndOr; bg: boolean }[];
}

export class ParseError extends Error {
  constructor(
    message: string,
    readonly incomplete = false,
  ) {
    super(message);
  }
}

type Tok = { k: 'word'; w: Word; raw: string } | { k: 'op'; v: string };

const OPS = ['&&', '||', ';;', '>>', '>&', '<&', '&>', '|', '&', ';', '<', '>', '(', ')', '\n'];

function readDollar(src: string, i: number, q: boolean): { part: Part; end: number } {
  const c = src[i + 1];
  if (c === '{') {
    const close = src.indexOf('}', i + 2);
    if (close < 0) throw new ParseError('syntax error: missing }', true);
    return { part: { t: 'var', name: src.slice(i + 2, close), q }, end: close + 1 };
  }
  if (c === '(' && src[i + 2] === '(') {
    const end = src.indexOf('))', i + 3);
    if (end < 0) throw new ParseError('syntax error: unterminated $((', true);
    return { part: { t: 'arith', expr: src.slice(i + 3, end), q }, end: end + 2 };
  }
  if (c === '(') {
    let depth = 1;
    let j = i + 2;
    for (; j < src.length && depth > 0; j++) {
      if (src[j] === '(') depth++;
      else if (src[j] === ')') depth--;
      else if (src[j] === "'") j = src.indexOf("'", j + 1) < 0 ? src.length : src.indexOf("'", j + 1);
    }
    if (depth > 0) throw new ParseError('syntax error: unterminated $(', true);
    return { part: { t: 'cmd', src: src.slice(i + 2, j - 1), q }, end: j };
  }
  if (c !== undefined && /[?$#!@*0-9-]/.test(c)) return { part: { t: 'var', name: c, q }, end: i + 2 };
  const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1));
  if (!m) return { part: { t: 'lit', v: '$', q }, end: i + 1 };
  return { part: { t: 'var', name: m[0], q }, end: i + 1 + m[0].length };
}

export function tokenize(src: string): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let word: Word | undefined;
  let raw = '';
  const lit = (v: string, q: boolean) => {
    word ??= [];
    const last = word[word.length - 1];
    if (last?.t === 'lit' && last.q === q) last.v += v;
    else word.push({ t: 'lit', v, q });
  };
  const flush = () => {
    if (word) toks.push({ k: 'word', w: word, raw });
    word = undefined;
    raw = '';
  };
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t') {
      flush();
      i++;
      continue;
    }
    if (c === '#' && !word) {
      while (i < src.length && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\\') {
      if (i + 1 >= src.length) throw new ParseError('incomplete', true);
      if (src[i + 1] === '\n') i += 2;
      else {
        lit(src[i + 1], true);
        raw += src.slice(i, i + 2);
        i += 2;
      }
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) throw new ParseError('syntax error: unterminated quoted string', true);
      lit(src.slice(i + 1, end), true);
      raw += src.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    if (c === '"') {
      word ??= [];
      word.push({ t: 'lit', v: '', q: true });
      let j = i + 1;
      for (;;) {
        if (j >= src.length) throw new ParseError('syntax error: unterminated quoted string', true);
        const d = src[j];
        if (d === '"') break;
        if (d === '\\' && j + 1 < src.length && '$`"\\\n'.includes(src[j + 1])) {
          if (src[j + 1] !== '\n') lit(src[j + 1], true);
          j += 2;
        } else if (d === '$') {
          const r = readDollar(src, j, true);
          word.push(r.part);
          j = r.end;
        } else if (d === '`') {
          const end = src.indexOf('`', j + 1);
          if (end < 0) throw new ParseError('syntax error: unterminated `', true);
          word.push({ t: 'cmd', src: src.slice(j + 1, end), q: true });
          j = end + 1;
        } else {
          lit(d, true);
          j++;
        }
      }
      raw += src.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (c === '$') {
      const r = readDollar(src, i, false);
      word ??= [];
      word.push(r.part);
      raw += src.slice(i, r.end);
      i = r.end;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      if (end < 0) throw new ParseError('syntax error: unterminated `', true);
      word ??= [];
      word.push({ t: 'cmd', src: src.slice(i + 1, end), q: false });
      raw += src.slice(i, end + 1);
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      // "2>" / "2>&1": a digits-only word glued to a redirection is its fd
      if ((op[0] === '>' || op[0] === '<') && word && /^\d+$/.test(raw) && word.every((p) => p.t === 'lit' && !p.q)) {
        const fd = raw;
        word = undefined;
        raw = '';
        toks.push({ k: 'op', v: `${fd}${op}` });
      } else {
        flush();
        toks.push({ k: 'op', v: op });
      }
      i += op.length;
      continue;
    }
    lit(c, false);
    raw += c;
    i++;
  }
  flush();
  return toks;
}

const REDIR = /^(\d*)(>>|>&|<&|&>|>|<)$/;

export function parse(src: string): List {
  const toks = tokenize(src);
  let pos = 0;
  const peek = (): Tok | undefined => toks[pos];
  const isOp = (t: Tok | undefined, ...v: string[]) => t?.k === 'op' && v.includes(t.v);
  const skipNewlines = () => {
    while (isOp(peek(), '\n')) pos++;
  };

  function command(): Command {
    const t = peek();
    if (isOp(t, '(')) {
      pos++;
      const l = list([')']);
      if (!isOp(peek(), ')')) throw new ParseError('syntax error: missing )', true);
      pos++;
      return { type: 'subshell', list: l, redirects: redirects() };
    }
    const cmd: SimpleCommand = { type: 'simple', assigns: [], words: [], redirects: [] };
    for (;;) {
      const x = peek();
      if (!x) break;
      if (x.k === 'op') {
        const m = REDIR.exec(x.v);
        if (!m) break;
        cmd.redirects.push(redirect());
        continue;
      }
      const am = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(x.raw);
      if (am && cmd.words.length === 0 && x.w[0]?.t === 'lit' && !x.w[0].q) {
        const value = structuredClone(x.w);
        (value[0] as { v: string }).v = (value[0] as { v: string }).v.slice(am[0].length);
        cmd.assigns.push({ name: am[1], value });
        pos++;
        continue;
      }
      cmd.words.push(x.w);
      pos++;
    }
    if (cmd.words.length === 0 && cmd.assigns.length === 0 && cmd.redirects.length === 0) {
      const x = peek();
      throw new ParseError(x ? `syntax error: unexpected "${x.k === 'op' ? x.v.replace('\n', 'newline') : x.raw}"` : 'syntax error: unexpected end of file', !x);
    }
    return cmd;
  }

  function redirect(): Redirect {
    const x = toks[pos++] as { k: 'op'; v: string };
    const m = REDIR.exec(x.v)!;
    const op = m[2] as Redirect['op'];
    const fd = m[1] ? Number(m[1]) : op === '<' || op === '<&' ? 0 : 1;
    const target = peek();
    if (target?.k !== 'word') throw new ParseError('syntax error: missing redirection target', !target);
    pos++;
    return { fd, op, target: target.w };
  }

  function redirects(): Redirect[] {
    const out: Redirect[] = [];
    while (peek()?.k === 'op' && REDIR.test((peek() as { v: string }).v)) out.push(redirect());
    return out;
  }

  function pipeline(): Pipeline {
    let negate = false;
    const t = peek();
    if (t?.k === 'word' && t.raw === '!') {
      negate = true;
      pos++;
    }
    const cmds = [command()];
    while (isOp(peek(), '|')) {
      pos++;
      skipNewlines();
      if (!peek()) throw new ParseError('incomplete', true);
      cmds.push(command());
    }
    return { negate, cmds };
  }

  function andOr(): AndOr {
    const ao: AndOr = { first: pipeline(), rest: [] };
    while (isOp(peek(), '&&', '||')) {
      const op = (toks[pos++] as { v: string }).v as '&&' | '||';
      skipNewlines();
      if (!peek()) throw new ParseError('incomplete', true);
      ao.rest.push({ op, p: pipeline() });
    }
    return ao;
  }

  function list(stop: string[]): List {
    const l: List = { items: [] };
    skipNewlines();
    while (peek() && !isOp(peek(), ...stop)) {
      const ao = andOr();
      let bg = false;
      if (isOp(peek(), '&')) {
        bg = true;
        pos++;
      } else if (isOp(peek(), ';', '\n')) pos++;
      else if (peek() && !isOp(peek(), ...stop)) throw new ParseError(`syntax error: unexpected "${(peek() as { v?: string }).v ?? ''}"`);
      l.items.push({ ao, bg });
      skipNewlines();
    }
    return l;
  }

  const l = list([]);
  if (pos < toks.length) throw new ParseError('syntax error: unexpected ")"');
  return l;
}
