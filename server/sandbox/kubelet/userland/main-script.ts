/**
 * Which container programs the userland runs for real as the container's main process: a program it has
 * (`ls /`, `env`, `cat /etc/os-release`, `wget -qO- http://web`), or a shell script (`sh -c '...'`) whose every
 * command is one it has. Their output becomes the container's log and their exit code its exit code. Anything
 * else (a daemon such as nginx, a tool the userland lacks such as nslookup, loops it does not parse) keeps the
 * image's simulated behaviour, so a script is never run halfway and then failed with "not found".
 */
import { BUILTINS } from './builtins';
import { USERLAND_PROGRAMS } from './programs/index';
import { parse, type List } from './shell-parse';

const SHELLS = new Set(['sh', 'ash', 'bash']);
const KNOWN = new Set([...USERLAND_PROGRAMS, ...Object.keys(BUILTINS)]);
/** builtins that run the next word as the command */
const PREFIXES = new Set(['exec', 'command']);

const base = (p: string | undefined) => p?.split('/').pop();

export function runsInUserland(argv: string[]): boolean {
  const bin = base(argv[0]);
  if (!bin || !KNOWN.has(bin)) return false;
  if (!SHELLS.has(bin)) return true;
  // a bare shell has nothing to run without a terminal: the caller's "exits at once" applies
  if (!/^-\w*c$/.test(argv[1] ?? '') || argv[2] === undefined) return false;
  return scriptKnown(argv[2]);
}

function scriptKnown(src: string): boolean {
  let list: List;
  try {
    list = parse(src);
  } catch {
    return false;
  }
  return listKnown(list);
}

function listKnown(list: List): boolean {
  for (const { ao } of list.items) {
    for (const p of [ao.first, ...ao.rest.map((r) => r.p)]) {
      for (const c of p.cmds) {
        if (c.type === 'subshell') {
          if (!listKnown(c.list)) return false;
          continue;
        }
        for (const w of [...c.words, ...c.assigns.map((a) => a.value)]) {
          for (const part of w) if (part.t === 'cmd' && !scriptKnown(part.src)) return false;
        }
        let i = 0;
        while (i < c.words.length && PREFIXES.has(literal(c.words[i]) ?? '')) i++;
        if (i === c.words.length) continue; // assignments only, or a bare `exec`
        const name = base(literal(c.words[i]));
        if (!name || !KNOWN.has(name) || SHELLS.has(name)) return false;
      }
    }
  }
  return true;
}

function literal(w: { t: string; v?: string }[] | undefined): string | undefined {
  return w?.length === 1 && w[0]!.t === 'lit' ? w[0]!.v : undefined;
}
