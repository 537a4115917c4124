/**
 * ANSI SGR escape sequences → styled text spans. Written here (not ansi-to-html) because the viewer needs
 * spans, not an HTML string: search highlights split spans at match boundaries, and rendering plain text
 * nodes keeps copy-selection exact and rules out HTML injection from log content.
 * Supports the 8/16 colours, 256-colour and truecolor forms, bold/dim/italic/underline and resets; other
 * escape sequences (cursor movement, OSC) are removed.
 */
export interface AnsiStyle {
  fg?: string;
  bg?: string;
  bold?: boolean;
  dim?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export interface Span {
  text: string;
  style?: AnsiStyle;
}

const BASIC = ['#000000', '#cd3131', '#0dbc79', '#e5e510', '#2472c8', '#bc3fbc', '#11a8cd', '#e5e5e5'];
const BRIGHT = ['#666666', '#f14c4c', '#23d18b', '#f5f543', '#3b8eea', '#d670d6', '#29b8db', '#ffffff'];

function color256(n: number): string {
  if (n < 8) return BASIC[n]!;
  if (n < 16) return BRIGHT[n - 8]!;
  if (n < 232) {
    const i = n - 16;
    const v = (c: number) => (c === 0 ? 0 : 55 + c * 40);
    return `rgb(${v(Math.floor(i / 36))},${v(Math.floor(i / 6) % 6)},${v(i % 6)})`;
  }
  const g = 8 + (n - 232) * 10;
  return `rgb(${g},${g},${g})`;
}

// CSI ... final byte, OSC ... BEL/ST, and lone ESC + one char
// eslint-disable-next-line no-control-regex
const ESC_RE = /\u001b\[([0-9;:?]*)([@-~])|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)|\u001b[@-Z\\-_]/g;

export function hasAnsi(s: string): boolean {
  return s.includes('\u001b');
}

function applySgr(style: AnsiStyle, params: string): AnsiStyle {
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  let s: AnsiStyle = { ...style };
  for (let i = 0; i < codes.length; i++) {
    const c = codes[i]!;
    if (c === 0) s = {};
    else if (c === 1) s.bold = true;
    else if (c === 2) s.dim = true;
    else if (c === 3) s.italic = true;
    else if (c === 4) s.underline = true;
    else if (c === 22) s.bold = s.dim = undefined;
    else if (c === 23) s.italic = undefined;
    else if (c === 24) s.underline = undefined;
    else if (c >= 30 && c <= 37) s.fg = BASIC[c - 30];
    else if (c >= 90 && c <= 97) s.fg = BRIGHT[c - 90];
    else if (c === 39) s.fg = undefined;
    else if (c >= 40 && c <= 47) s.bg = BASIC[c - 40];
    else if (c >= 100 && c <= 107) s.bg = BRIGHT[c - 100];
    else if (c === 49) s.bg = undefined;
    else if (c === 38 || c === 48) {
      let col: string | undefined;
      if (codes[i + 1] === 5 && codes[i + 2] !== undefined) {
        col = color256(codes[i + 2]! & 255);
        i += 2;
      } else if (codes[i + 1] === 2 && codes[i + 4] !== undefined) {
        col = `rgb(${codes[i + 2]! & 255},${codes[i + 3]! & 255},${codes[i + 4]! & 255})`;
        i += 4;
      }
      if (c === 38) s.fg = col;
      else s.bg = col;
    }
  }
  return s;
}

const isPlain = (s: AnsiStyle) => !s.fg && !s.bg && !s.bold && !s.dim && !s.italic && !s.underline;

/** Parses one line into spans; text of all spans joined equals the line without escapes. */
export function ansiToSpans(line: string): Span[] {
  if (!hasAnsi(line)) return line ? [{ text: line }] : [];
  const out: Span[] = [];
  let style: AnsiStyle = {};
  let last = 0;
  ESC_RE.lastIndex = 0;
  for (let m = ESC_RE.exec(line); m; m = ESC_RE.exec(line)) {
    if (m.index > last) out.push(isPlain(style) ? { text: line.slice(last, m.index) } : { text: line.slice(last, m.index), style });
    if (m[2] === 'm') style = applySgr(style, m[1] ?? '');
    last = ESC_RE.lastIndex;
  }
  if (last < line.length) out.push(isPlain(style) ? { text: line.slice(last) } : { text: line.slice(last), style });
  return out;
}

/** The line without escape sequences (search, copy, download-free filtering). */
export function stripAnsi(line: string): string {
  return hasAnsi(line) ? line.replace(ESC_RE, '') : line;
}
