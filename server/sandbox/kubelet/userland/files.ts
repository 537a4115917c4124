/** Opening paths for reading and writing the way programs see them: device files, symlinks, read-only mounts. */
import { randomBytes } from 'node:crypto';
import { FsError, normalize, type Vfs } from './vfs';
import { bufferReader, cooperate, EMPTY_READER, NULL_WRITER, type Reader, type Writer } from './pipe';

const ZERO = Buffer.alloc(16 * 1024);

function endless(chunk: () => Buffer): Reader {
  return {
    async read() {
      const b = chunk();
      await cooperate(b.length);
      return b;
    },
  };
}

export interface StdStreams {
  stdin: Reader;
  stdout: Writer;
  stderr: Writer;
}

export function openRead(fs: Vfs, cwd: string, path: string, std?: StdStreams): Reader {
  const p = normalize(path, cwd);
  switch (p) {
    case '/dev/null':
      return EMPTY_READER;
    case '/dev/zero':
      return endless(() => ZERO);
    case '/dev/urandom':
    case '/dev/random':
      return endless(() => randomBytes(4096));
    case '/dev/stdin':
    case '/proc/self/fd/0':
      if (std) return std.stdin;
  }
  return bufferReader(fs.readFile(p));
}

/** Opening truncates (or, with append, keeps) the file; each write lands at once, like an unbuffered fd. */
export function openWrite(fs: Vfs, cwd: string, path: string, append: boolean, std?: StdStreams): Writer {
  const p = normalize(path, cwd);
  if (p === '/dev/null') return NULL_WRITER;
  if (std && (p === '/dev/stdout' || p === '/proc/self/fd/1')) return std.stdout;
  if (std && (p === '/dev/stderr' || p === '/proc/self/fd/2')) return std.stderr;
  if (p.startsWith('/proc/') || p.startsWith('/sys/')) throw new FsError('EROFS', p);
  fs.writeFile(p, Buffer.alloc(0), { append: true });
  if (!append) fs.writeFile(p, Buffer.alloc(0));
  return {
    write(b: Buffer) {
      fs.writeFile(p, b, { append: true });
      return cooperate(b.length) ?? Promise.resolve();
    },
  };
}
