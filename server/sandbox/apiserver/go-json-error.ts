/**
 * Syntax errors in a JSON body worded like Go's encoding/json scanner ("invalid character 'j' looking for
 * beginning of value", "unexpected end of JSON input"), which is what a real API server prints. JSON.parse
 * only says that the text is broken; this walks it the way Go's scanner does to find where and why.
 */

const WS = new Set([' ', '\t', '\n', '\r']);

function quoteChar(c: string): string {
  if (c === "'") return "'\\''";
  if (c === '"') return `'"'`;
  const code = c.codePointAt(0)!;
  if (code < 0x20) return `'\\x${code.toString(16).padStart(2, '0')}'`;
  return `'${c}'`;
}

class GoSyntaxError extends Error {}

function fail(c: string, where: string): never {
  throw new GoSyntaxError(`invalid character ${quoteChar(c)} ${where}`);
}

/** The Go wording of the first syntax error in text, or undefined when text is valid JSON. */
export function goJsonSyntaxError(text: string): string | undefined {
  let i = 0;
  const n = text.length;
  const eof = () => {
    throw new GoSyntaxError('unexpected end of JSON input');
  };
  const skipWs = () => {
    while (i < n && WS.has(text[i])) i++;
  };
  const literal = (word: string) => {
    for (let j = 0; j < word.length; j++, i++) {
      if (i >= n) eof();
      if (text[i] !== word[j]) fail(text[i], `in literal ${word} (expecting ${quoteChar(word[j])})`);
    }
  };
  const string = () => {
    i++; // opening quote
    for (;;) {
      if (i >= n) eof();
      const c = text[i++];
      if (c === '"') return;
      if (c === '\\') {
        if (i >= n) eof();
        const e = text[i++];
        if (e === 'u') {
          for (let j = 0; j < 4; j++, i++) {
            if (i >= n) eof();
            if (!/[0-9a-fA-F]/.test(text[i])) fail(text[i], 'in \\u hexadecimal character escape');
          }
        } else if (!'"\\/bfnrt'.includes(e)) fail(e, 'in string escape code');
      } else if (c.charCodeAt(0) < 0x20) fail(c, 'in string literal');
    }
  };
  const number = () => {
    if (text[i] === '-') {
      i++;
      if (i >= n) eof();
      if (!/[0-9]/.test(text[i])) fail(text[i], 'in numeric literal');
    }
    if (text[i] === '0') i++;
    else while (i < n && /[0-9]/.test(text[i])) i++;
    if (text[i] === '.') {
      i++;
      if (i >= n) eof();
      if (!/[0-9]/.test(text[i])) fail(text[i], 'after decimal point in numeric literal');
      while (i < n && /[0-9]/.test(text[i])) i++;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i++;
      if (text[i] === '+' || text[i] === '-') i++;
      if (i >= n) eof();
      if (!/[0-9]/.test(text[i])) fail(text[i], 'in exponent of numeric literal');
      while (i < n && /[0-9]/.test(text[i])) i++;
    }
  };
  const value = () => {
    skipWs();
    if (i >= n) eof();
    const c = text[i];
    if (c === '{') {
      i++;
      object();
    } else if (c === '[') {
      i++;
      array();
    } else if (c === '"') string();
    else if (c === '-' || /[0-9]/.test(c)) number();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else fail(c, 'looking for beginning of value');
  };
  const object = () => {
    skipWs();
    if (i >= n) eof();
    if (text[i] === '}') {
      i++;
      return;
    }
    for (;;) {
      skipWs();
      if (i >= n) eof();
      if (text[i] !== '"') fail(text[i], 'looking for beginning of object key string');
      string();
      skipWs();
      if (i >= n) eof();
      if (text[i] !== ':') fail(text[i], 'after object key');
      i++;
      value();
      skipWs();
      if (i >= n) eof();
      if (text[i] === '}') {
        i++;
        return;
      }
      if (text[i] !== ',') fail(text[i], 'after object key:value pair');
      i++;
    }
  };
  const array = () => {
    skipWs();
    if (i >= n) eof();
    if (text[i] === ']') {
      i++;
      return;
    }
    for (;;) {
      value();
      skipWs();
      if (i >= n) eof();
      if (text[i] === ']') {
        i++;
        return;
      }
      if (text[i] !== ',') fail(text[i], 'after array element');
      i++;
    }
  };
  try {
    value();
    skipWs();
    if (i < n) fail(text[i], 'after top-level value');
    return undefined;
  } catch (e) {
    if (e instanceof GoSyntaxError) return e.message;
    throw e;
  }
}

/** What Go's json.Unmarshal says about a JSON value of the wrong shape ("string", "array", "bool" ...). */
export function goJsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v;
}
