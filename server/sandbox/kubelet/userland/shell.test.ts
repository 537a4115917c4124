/** The simulated shell on an in-memory container: quoting, expansion, pipes, redirects, lists, exit codes. */
import { describe, expect, it } from 'vitest';
import { allPrograms } from './programs/index';
import { baseTree } from './rootfs';
import { Pipe, readAll } from './pipe';
import { ProcTable, type Proc } from './process';
import { Shell } from './shell';
import { ExitShell } from './builtins';

function container(image = 'busybox:1.36') {
  const { vfs } = baseTree(image);
  return vfs;
}

async function sh(script: string, opts: { image?: string; stdin?: string } = {}) {
  const fs = container(opts.image);
  const out = new Pipe(Number.MAX_SAFE_INTEGER);
  const err = new Pipe(Number.MAX_SAFE_INTEGER);
  const stdin = new Pipe(Number.MAX_SAFE_INTEGER);
  if (opts.stdin) await stdin.write(Buffer.from(opts.stdin));
  stdin.end();
  const base: Proc = {
    args: ['sh'],
    env: new Map([['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOME', '/root'], ['NAME', 'world']]),
    cwd: '/',
    fs,
    stdin,
    stdout: out,
    stderr: err,
    signal: new AbortController().signal,
    container: { hostname: 'pod-1', mainCommand: ['sleep', '3600'], image: 'busybox', osId: 'busybox', nodeName: 'n1', kernel: '6.1.0', startedAt: 0, httpFetch: () => Promise.reject(new Error('(7) refused')), shellName: 'ash', now: () => 0 },
    procs: new ProcTable('sleep 3600', 0),
    spawn: () => Promise.resolve(0),
  };
  const shell = new Shell(base, allPrograms(), 'sh');
  const code = await shell.run(script, base, base.signal).catch((e: unknown) => {
    if (e instanceof ExitShell) return e.code;
    throw e;
  });
  out.end();
  err.end();
  return { code, out: (await readAll(out)).toString(), err: (await readAll(err)).toString(), fs };
}

describe('simulated shell', () => {
  it('quotes, variables, $? and command substitution', async () => {
    expect((await sh(`echo "hello $NAME" 'no $NAME' \\$NAME`)).out).toBe('hello world no $NAME $NAME\n');
    expect((await sh('false; echo $?; true; echo $?')).out).toBe('1\n0\n');
    expect((await sh('X=$(echo inner); echo "[$X]" ${NAME}s ${MISSING:-dflt}')).out).toBe('[inner] worlds dflt\n');
  });

  it('&&, || and ; with exit codes', async () => {
    expect((await sh('false && echo no || echo yes; echo after')).out).toBe('yes\nafter\n');
    expect((await sh('exit 7')).code).toBe(7);
    expect((await sh('(exit 4); echo $?; echo x | exit 5; echo $?')).out).toBe('4\n5\n');
    expect((await sh('nosuch')).err).toBe('sh: nosuch: not found\n');
    expect((await sh('nosuch')).code).toBe(127);
  });

  it('pipes and redirects, including 2>&1 and appends', async () => {
    const r = await sh('printenv NAME > /tmp/a; echo two >> /tmp/a; cat /tmp/a | wc -l; ls /nope 2>&1 | grep -c "No such"; cat < /tmp/a | head -n 1');
    expect(r.out).toBe('2\n1\nworld\n');
    expect(r.fs.readFile('/tmp/a').toString()).toBe('world\ntwo\n');
  });

  it('files: mkdir -p, cd, cp, mv, rm, globbing', async () => {
    const r = await sh('mkdir -p /w/x && cd /w/x && pwd && echo 1 > a.txt && cp a.txt b.txt && mv b.txt c.txt && ls && echo *.txt && rm a.txt && ls');
    expect(r.out).toBe('/w/x\na.txt\nc.txt\na.txt c.txt\nc.txt\n');
  });

  it('yes | head ends (the pipe breaks) and grep/tail/wc stream', async () => {
    const r = await sh('yes abc | head -n 3; seq 1 100 | tail -n 2; seq 1 10 | grep -v 1 | wc -l');
    expect(r.out).toBe('abc\nabc\nabc\n99\n100\n8\n');
  });

  it('head -c counts bytes, cutting mid-line, and streams a large count', async () => {
    expect((await sh('yes abc | head -c 6')).out).toBe('abc\nab');
    expect((await sh('yes | head -c 5000000 | wc -c')).out.trim()).toBe('5000000');
    expect((await sh('seq 1 5 | head -2')).out).toBe('1\n2\n');
  });

  it('reads commands from stdin like sh without -c', async () => {
    const r = await sh('sh', { stdin: 'echo one\nif_missing_cmd\necho "two\nlines"\nexit 3\necho never\n' });
    expect(r.out).toBe('one\ntwo\nlines\n');
    expect(r.code).toBe(3);
  });

  it('ps shows the main process from the command line; uname, id, hostname', async () => {
    const r = await sh('ps; hostname; id -u; uname -s');
    expect(r.out).toContain('    1 root      0:00 sleep 3600\n');
    expect(r.out).toContain('pod-1\n0\nLinux\n');
  });

  it('a Debian image has bash and /usr/bin; busybox has no bash', async () => {
    expect((await sh('type bash', { image: 'nginx:1.27' })).out).toBe('bash is /bin/bash\n');
    expect((await sh('type bash')).code).toBe(1);
  });
});
