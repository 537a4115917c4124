/** curl and wget on the container's pluggable in-cluster HTTP (ContainerInfo.httpFetch). */
import { print, type Proc } from '../process';
import { normalize } from '../vfs';

async function curl(p: Proc): Promise<number> {
  const args = p.args.slice(1);
  let url: string | undefined;
  let silent = false;
  let include = false;
  let fail = false;
  let output: string | undefined;
  let method: string | undefined;
  const headers: Record<string, string> = {};
  let body: Buffer | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') output = args[++i];
    else if (a === '-X' || a === '--request') method = args[++i];
    else if (a === '-H' || a === '--header') {
      const h = args[++i] ?? '';
      headers[h.slice(0, h.indexOf(':')).trim()] = h.slice(h.indexOf(':') + 1).trim();
    } else if (a === '-d' || a === '--data') {
      body = Buffer.from(args[++i] ?? '');
      method ??= 'POST';
    } else if (a === '-m' || a === '--max-time' || a === '--connect-timeout' || a === '-w') i++;
    else if (a.startsWith('-') && !a.startsWith('--')) {
      if (a.includes('s')) silent = true;
      if (a.includes('i')) include = true;
      if (a.includes('f')) fail = true;
    } else if (!a.startsWith('--')) url = a;
  }
  if (!url) {
    await print(p.stderr, "curl: try 'curl --help' for more information\n");
    return 2;
  }
  if (!/^[a-z]+:\/\//i.test(url)) url = `http://${url}`;
  try {
    const res = await p.container.httpFetch(url, { method, headers, body });
    if (fail && res.status >= 400) {
      if (!silent || args.includes('-S')) await print(p.stderr, `curl: (22) The requested URL returned error: ${res.status}\n`);
      return 22;
    }
    let out = res.body;
    if (include) {
      const head = [`HTTP/1.1 ${res.status} ${res.statusText ?? ''}`.trimEnd(), ...Object.entries(res.headers ?? {}).map(([k, v]) => `${k}: ${v}`)].join('\r\n');
      out = Buffer.concat([Buffer.from(`${head}\r\n\r\n`), out]);
    }
    if (output && output !== '-') p.fs.writeFile(normalize(output, p.cwd), out);
    else await p.stdout.write(out);
    return 0;
  } catch (e) {
    const msg = (e as Error).message;
    if (!silent || args.includes('-S')) await print(p.stderr, `curl: ${msg.startsWith('(') ? msg : `(7) ${msg}`}\n`);
    return Number(/^\((\d+)\)/.exec(msg)?.[1] ?? 7);
  }
}

async function wget(p: Proc): Promise<number> {
  const args = p.args.slice(1);
  let url: string | undefined;
  let output: string | undefined;
  let quiet = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-O') output = args[++i];
    else if (a.startsWith('-O') && a.length > 2) output = a.slice(2);
    else if (a === '-q' || a === '-qO-') {
      quiet = true;
      if (a === '-qO-') output = '-';
    } else if (a === '-T' || a === '--timeout') i++;
    else if (!a.startsWith('-')) url = a;
  }
  if (!url) {
    await print(p.stderr, 'BusyBox v1.36.1 (2023-05-18 22:34:17 UTC) multi-call binary.\n\nUsage: wget [-cqS] [-O FILE] URL...\n');
    return 1;
  }
  if (!/^[a-z]+:\/\//i.test(url)) url = `http://${url}`;
  const host = new URL(url).host;
  if (!quiet) await print(p.stderr, `Connecting to ${host}\n`);
  try {
    const res = await p.container.httpFetch(url);
    if (res.status >= 400) {
      await print(p.stderr, `wget: server returned error: HTTP/1.1 ${res.status} ${res.statusText ?? ''}\n`);
      return 1;
    }
    const file = output ?? (new URL(url).pathname.split('/').pop() || 'index.html');
    if (file === '-') await p.stdout.write(res.body);
    else {
      p.fs.writeFile(normalize(file, p.cwd), res.body);
      if (!quiet) await print(p.stderr, `saving to '${file}'\n${file}             100% |********************************|  ${res.body.length}  0:00:00 ETA\n'${file}' saved\n`);
    }
    return 0;
  } catch (e) {
    await print(p.stderr, `wget: can't connect to remote host: ${(e as Error).message.replace(/^\(\d+\) /, '').replace(/^Failed to connect.*: /, '')}\n`);
    return 1;
  }
}

export const NET = { curl, wget };
