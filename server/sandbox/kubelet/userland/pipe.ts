/**
 * Byte streams between simulated processes: a bounded pipe whose writer waits while the buffer is full and
 * fails with EPIPE once the reader is gone (so `yes | head -1` ends), plus readers/writers for files and
 * /dev/null and a line reader.
 */
export interface Reader {
  /** null at end of input */
  read(): Promise<Buffer | null>;
  /** the consumer is done (closes a pipe's read side) */
  release?(): void;
}
export interface Writer {
  write(b: Buffer): Promise<void>;
}

export class BrokenPipe extends Error {
  constructor() {
    super('Broken pipe');
  }
}

export const PIPE_LIMIT = 64 * 1024;

let budget = 0;
/**
 * Programs are async loops whose writes often complete at once (a pipe with room, /dev/null): without a
 * macrotask turn now and then, `yes > /dev/null` would spin on microtasks and starve every other session.
 */
export function cooperate(bytes: number): Promise<void> | undefined {
  budget += bytes + 256;
  if (budget < 256 * 1024) return undefined;
  budget = 0;
  return new Promise((r) => setImmediate(r));
}

export class Pipe implements Reader, Writer {
  private chunks: Buffer[] = [];
  private size = 0;
  private ended = false;
  private released = false;
  private readWaiter?: () => void;
  private writeWaiters: (() => void)[] = [];

  constructor(private readonly limit = PIPE_LIMIT) {}

  async write(b: Buffer): Promise<void> {
    if (this.released) throw new BrokenPipe();
    if (b.length === 0) return;
    this.chunks.push(b);
    this.size += b.length;
    this.readWaiter?.();
    await cooperate(b.length);
    while (this.size > this.limit && !this.released) await new Promise<void>((r) => this.writeWaiters.push(r));
    if (this.released) throw new BrokenPipe();
  }

  end(): void {
    this.ended = true;
    this.readWaiter?.();
  }

  release(): void {
    this.released = true;
    this.chunks = [];
    this.size = 0;
    this.wakeWriters();
  }

  private wakeWriters(): void {
    const ws = this.writeWaiters;
    this.writeWaiters = [];
    for (const w of ws) w();
  }

  async read(): Promise<Buffer | null> {
    while (this.chunks.length === 0) {
      if (this.ended || this.released) return null;
      await new Promise<void>((r) => (this.readWaiter = r));
      this.readWaiter = undefined;
    }
    const out = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks);
    this.chunks = [];
    this.size = 0;
    this.wakeWriters();
    return out;
  }

  /** bytes buffered, for tests of the bound */
  get buffered(): number {
    return this.size;
  }
}

export const EMPTY_READER: Reader = { read: () => Promise.resolve(null) };
export const NULL_WRITER: Writer = { write: (b) => cooperate(b.length) ?? Promise.resolve() };

export function bufferReader(data: Buffer): Reader {
  let done = false;
  return {
    read() {
      if (done) return Promise.resolve(null);
      done = true;
      return Promise.resolve(data.length ? data : null);
    },
  };
}

/** Reads all of a stream (bounded by limit: beyond it the rest is dropped). */
export async function readAll(r: Reader, limit = 64 * 1024 * 1024): Promise<Buffer> {
  const parts: Buffer[] = [];
  let n = 0;
  for (let b = await r.read(); b; b = await r.read()) {
    if (n < limit) parts.push(b);
    n += b.length;
  }
  return Buffer.concat(parts);
}

/** Splits a stream into lines (without the newline); the last line may lack one. */
export class LineReader {
  private buf: Buffer = Buffer.alloc(0);
  private eof = false;
  constructor(private readonly r: Reader) {}

  async line(): Promise<string | null> {
    for (;;) {
      const i = this.buf.indexOf(10);
      if (i >= 0) {
        const l = this.buf.subarray(0, i).toString('utf8');
        this.buf = this.buf.subarray(i + 1);
        return l;
      }
      if (this.eof) {
        if (this.buf.length === 0) return null;
        const l = this.buf.toString('utf8');
        this.buf = Buffer.alloc(0);
        return l;
      }
      const b = await this.r.read();
      if (b === null) this.eof = true;
      else this.buf = this.buf.length ? Buffer.concat([this.buf, b]) : b;
    }
  }
}
