/** Pathname expansion (* ? [..]) of one word against the filesystem; no match keeps the word, as sh does. */
import { normalize, type Vfs } from './vfs';

function toRegex(pat: string): RegExp {
  let re = '';
  for (let i = 0; i < pat.length; i++) {
    const c = pat[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const end = pat.indexOf(']', i + 1);
      if (end < 0) re += '\\[';
      else {
        re += `[${pat.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

export function matchGlob(pat: string, name: string): boolean {
  return toRegex(pat).test(name);
}

export function globExpand(fs: Vfs, cwd: string, word: string): string[] {
  const abs = word.startsWith('/');
  const parts = word.split('/').filter((p, i) => p !== '' || i === 0);
  let paths = [abs ? '/' : ''];
  for (const part of parts) {
    if (part === '') continue;
    const next: string[] = [];
    for (const base of paths) {
      const dirPath = normalize(base || '.', cwd);
      if (!/[*?[]/.test(part)) {
        next.push(base ? `${base.replace(/\/$/, '')}/${part}` : part);
        continue;
      }
      let names: string[];
      try {
        names = fs.readdir(dirPath);
      } catch {
        continue;
      }
      const re = toRegex(part);
      for (const n of names) if (re.test(n) && (n[0] !== '.' || part[0] === '.')) next.push(base ? `${base.replace(/\/$/, '')}/${n}` : n);
    }
    paths = next;
  }
  const found = paths.filter((p) => fs.exists(normalize(p, cwd)));
  return found.length ? found.sort() : [word];
}
