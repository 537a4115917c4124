/**
 * Deterministic container log text. Line i of an instance is a pure function of (seed, i), so logs are
 * generated lazily on read — idle containers cost nothing, and any window (tail, since) is O(lines read).
 */
import { fnv32a, rand2 } from '../controllers/lib/hash';
import { parseImage } from './images';

export type LogFlavour = 'nginx' | 'httpd' | 'json' | 'text' | 'redis' | 'postgres' | 'batch';

export function flavourOf(image: string, seed: number): LogFlavour {
  const name = parseImage(image).name.split('/').pop()!;
  if (name.includes('nginx') || name.includes('ingress')) return 'nginx';
  if (name.includes('httpd') || name.includes('apache')) return 'httpd';
  if (name.includes('redis') || name.includes('memcached')) return 'redis';
  if (name.includes('postgres') || name.includes('mysql') || name.includes('mariadb')) return 'postgres';
  if (name.includes('busybox') || name.includes('batch') || name.includes('job') || name.includes('backup') || name.includes('report')) return 'batch';
  return seed % 3 === 0 ? 'text' : 'json';
}

const PATHS = ['/', '/index.html', '/api/v1/items', '/api/v1/orders', '/api/v1/cart', '/healthz', '/static/app.js', '/static/app.css', '/api/v1/users/me', '/metrics', '/favicon.ico', '/api/v1/checkout'];
const METHODS = ['GET', 'GET', 'GET', 'GET', 'POST', 'PUT', 'DELETE'];
const AGENTS = ['Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36', 'curl/8.5.0', 'kube-probe/1.32', 'Go-http-client/1.1', 'python-requests/2.32.3'];
const MSGS = ['handled request', 'cache hit', 'cache miss, loading from store', 'published event', 'connection pool stats', 'order processed', 'payment authorized', 'user session refreshed', 'batch flushed', 'reconciled item'];
const WARNS = ['slow query detected', 'retrying upstream call', 'rate limit approaching', 'deprecated header used by client'];
const ERRS = ['upstream connect error', 'failed to process message', 'database deadlock detected, retrying', 'context deadline exceeded'];
const pick = <T>(a: T[], r: number): T => a[Math.floor(r * a.length) % a.length]!;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function clf(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

const STARTUP: Record<LogFlavour, string[]> = {
    nginx: [
      '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
      '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
      '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
      '/docker-entrypoint.sh: Configuration complete; ready for start up',
      'nginx: [notice] 1#1: using the "epoll" event method',
      'nginx: [notice] 1#1: start worker processes',
    ],
    httpd: ['AH00558: httpd: Could not reliably determine the server\'s fully qualified domain name, using 10.244.1.7.', '[mpm_event:notice] [pid 1:tid 1] AH00489: Apache/2.4.62 (Unix) configured -- resuming normal operations', '[core:notice] [pid 1:tid 1] AH00094: Command line: \'httpd -D FOREGROUND\''],
    redis: ['1:C oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo', '1:C Redis version=7.4.1, bits=64, commit=00000000, modified=0, pid=1, just started', '1:M Server initialized', '1:M Ready to accept connections tcp'],
    postgres: ['PostgreSQL Database directory appears to contain a database; Skipping initialization', 'LOG:  starting PostgreSQL 16.4 on x86_64-pc-linux-gnu', 'LOG:  listening on IPv4 address "0.0.0.0", port 5432', 'LOG:  database system is ready to accept connections'],
    json: ['{"level":"info","msg":"starting service","version":"1.8.2","commit":"a1b2c3d"}', '{"level":"info","msg":"loaded configuration","source":"/etc/app/config.yaml"}', '{"level":"info","msg":"listening","addr":":8080"}'],
    text: ['\u001b[36mINFO\u001b[0m  Starting application v2.3.1', '\u001b[36mINFO\u001b[0m  Connected to message broker', '\u001b[32mREADY\u001b[0m Listening on 0.0.0.0:8080'],
    batch: ['Starting job', 'Fetching work items...'],
};
function startup(f: LogFlavour, i: number): string | undefined {
  return STARTUP[f][i];
}

const TRACES = [
  ['java.lang.IllegalStateException: connection pool exhausted', '\tat com.example.db.Pool.acquire(Pool.java:118)', '\tat com.example.orders.OrderRepository.find(OrderRepository.java:57)', '\tat com.example.orders.OrderService.handle(OrderService.java:33)', '\tat java.base/java.lang.Thread.run(Thread.java:1583)'],
  ['Traceback (most recent call last):', '  File "/app/worker.py", line 88, in process', '    result = handler(message)', '  File "/app/handlers.py", line 41, in handle_payment', '    raise TimeoutError("gateway did not answer within 5s")', 'TimeoutError: gateway did not answer within 5s'],
];

const BLOCK = 40;

/** Line i (0-based) of an instance: ts in ms, text without newline. */
export function logLine(f: LogFlavour, seed: number, i: number, ms: number): string {
  const s = startup(f, i);
  if (s !== undefined) return s;
  const r = rand2(seed, i);
  const r2 = rand2(seed ^ 0x5bd1e995, i);
  const isoTs = new Date(ms).toISOString();
  // every so often a block carries a multi-line stack trace (json/text apps only)
  if (f === 'json' || f === 'text') {
    const b = Math.floor(i / BLOCK);
    const rb = rand2(seed ^ 0x1234, b);
    if (rb < 0.15) {
      const trace = TRACES[Math.floor(rand2(seed, b * 7) * TRACES.length)]!;
      const start = b * BLOCK + 5;
      const off = i - start;
      if (off === 0) return f === 'json' ? `{"level":"error","ts":"${isoTs}","msg":"unhandled exception","error":"${trace[trace.length - 1]!.replace(/"/g, "'")}"}` : `\u001b[31mERROR\u001b[0m Unhandled exception in request handler`;
      if (off > 0 && off <= trace.length) return trace[off - 1]!;
    }
  }
  const ip = `10.244.${Math.floor(r2 * 4)}.${2 + Math.floor(r * 250)}`;
  const status = r < 0.9 ? 200 : r < 0.95 ? 304 : r < 0.98 ? 404 : 500;
  switch (f) {
    case 'nginx':
      return `${ip} - - [${clf(ms)}] "${pick(METHODS, r2)} ${pick(PATHS, r)} HTTP/1.1" ${status} ${100 + Math.floor(r2 * 9000)} "-" "${pick(AGENTS, r * 7)}" "-"`;
    case 'httpd':
      return `${ip} - - [${clf(ms)}] "${pick(METHODS, r2)} ${pick(PATHS, r)} HTTP/1.1" ${status} ${100 + Math.floor(r2 * 9000)}`;
    case 'redis':
      return r < 0.7 ? `1:M ${Math.floor(r2 * 100)} changes in 300 seconds. Saving...` : r < 0.9 ? '1:M Background saving started by pid 42' : '1:C DB saved on disk';
    case 'postgres':
      return r < 0.8 ? `LOG:  checkpoint complete: wrote ${Math.floor(r2 * 900)} buffers (${(r2 * 5).toFixed(1)}%); 0 WAL file(s) added` : r < 0.95 ? `LOG:  duration: ${(r2 * 900).toFixed(3)} ms  statement: SELECT * FROM orders WHERE id = ${Math.floor(r * 1e5)}` : 'WARNING:  there is no transaction in progress';
    case 'batch':
      return `processed item ${i - 1}: ok (${Math.floor(r * 50)}ms)`;
    case 'text': {
      const lvl = r < 0.85 ? '\u001b[36mINFO\u001b[0m ' : r < 0.96 ? '\u001b[33mWARN\u001b[0m ' : '\u001b[31mERROR\u001b[0m';
      const msg = r < 0.85 ? pick(MSGS, r2) : r < 0.96 ? pick(WARNS, r2) : pick(ERRS, r2);
      return `${lvl} [${pick(['http', 'worker', 'db', 'cache'], r * 13)}] ${msg} duration=${Math.floor(r2 * 200)}ms`;
    }
    default: {
      const level = r < 0.85 ? 'info' : r < 0.96 ? 'warn' : 'error';
      const msg = level === 'info' ? pick(MSGS, r2) : level === 'warn' ? pick(WARNS, r2) : pick(ERRS, r2);
      return `{"level":"${level}","ts":"${isoTs}","msg":"${msg}","method":"${pick(METHODS, r2)}","path":"${pick(PATHS, r)}","status":${status},"duration_ms":${Math.floor(r2 * 250)},"trace_id":"${(fnv32a(`${seed}:${i}`) >>> 0).toString(16).padStart(8, '0')}"}`;
    }
  }
}

/** What a container prints when it dies (appended after its regular lines). */
export function exitLines(f: LogFlavour, exitCode: number, reason: string | undefined): string[] {
  if (reason === 'OOMKilled') return [];
  if (exitCode === 0) return f === 'batch' ? ['All items processed.', 'Done.'] : [];
  return [
    f === 'json' ? '{"level":"fatal","msg":"unrecoverable error, exiting","error":"dial tcp 10.96.0.42:5432: connect: connection refused"}' : 'FATAL: unrecoverable error, exiting: dial tcp 10.96.0.42:5432: connect: connection refused',
    'panic: runtime error: invalid memory address or nil pointer dereference',
    '[signal SIGSEGV: segmentation violation code=0x1 addr=0x0 pc=0x4a1b2c]',
    '',
    'goroutine 1 [running]:',
    'main.(*Server).Start(0x0)',
    '\t/src/server.go:87 +0x2c',
    'main.main()',
    '\t/src/main.go:23 +0x1d',
  ];
}

/**
 * What the `echo` statements of a container's command print: `echo hi`, `sh -c 'echo a; echo b'` and
 * `sh -c 'while true; do echo "$(date) tick"; sleep 5; done'` (a loop prints its echoes every sleep period).
 * Other shell constructs are ignored; a command without echo keeps the image's simulated output.
 */
export interface Script {
  once: string[];
  loop?: { lines: string[]; periodMs: number };
  /** set when the command only echoes and sleeps: it exits 0 after this long (the sleeps) */
  exitAfterMs?: number;
}

const SLEEP = /^sleep\s+(\d+(?:\.\d+)?)$/;
/** statements that finish by themselves (so a script made only of them exits 0) */
const FINITE = (st: string) => echoText(st) !== undefined || SLEEP.test(st) || st === 'true' || st === ':' || st === 'exit 0' || st === 'date';

function echoText(stmt: string): string | undefined {
  const m = /^echo(?:\s+-[neE]+)*(?:\s+([\s\S]*))?$/.exec(stmt.trim());
  if (!m) return undefined;
  return (m[1] ?? '').replace(/"([^"]*)"|'([^']*)'/g, (_all, d: string | undefined, s: string | undefined) => d ?? s ?? '').replace(/\s*[12]?>+\s*&?\S+$/, '');
}

function statements(script: string): string[] {
  return script.split(/;|&&|\|\||\n/).map((x) => x.trim()).filter(Boolean);
}

export function scriptOf(command: string[] | undefined, args: string[] | undefined): Script | undefined {
  const argv = [...(command ?? []), ...(args ?? [])];
  const bin = argv[0]?.split('/').pop();
  if (bin === 'echo') return { once: [argv.slice(1).join(' ')], exitAfterMs: 0 };
  if (!bin || !['sh', 'bash', 'ash'].includes(bin) || !/^-\w*c$/.test(argv[1] ?? '') || argv[2] === undefined) return undefined;
  const src = argv[2];
  const loopM = /while\s+(?:true|:|\[\s*1\s*\])\s*;?\s*do\b([\s\S]*?)\bdone/.exec(src);
  const once = statements(loopM ? src.slice(0, loopM.index) : src).map(echoText).filter((x): x is string => x !== undefined);
  let loop: Script['loop'];
  if (loopM) {
    const body = statements(loopM[1]!);
    const lines = body.map(echoText).filter((x): x is string => x !== undefined);
    const sleep = body.reduce((t, st) => t + (Number(SLEEP.exec(st)?.[1]) || 0), 0);
    if (lines.length) loop = { lines, periodMs: Math.max(1, sleep || 1) * 1000 };
  }
  if (!once.length && !loop) return undefined;
  const all = statements(src);
  if (!loop && all.every(FINITE)) return { once, exitAfterMs: all.reduce((t, st) => t + (Number(SLEEP.exec(st)?.[1]) || 0), 0) * 1000 };
  return { once, ...(loop ? { loop } : {}) };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
/** `$(date)` as busybox prints it (UTC): "Sun Nov 22 18:54:00 UTC 2026" */
export function expandDate(text: string, ms: number): string {
  if (!text.includes('$(date)')) return text;
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const s = `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
  return text.split('$(date)').join(s);
}
