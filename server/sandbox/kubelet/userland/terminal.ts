/**
 * The pseudo-terminal of a tty session: output post-processing (\n → \r\n), input echo, cooked-mode line
 * buffering for programs reading stdin, and for the shell's prompt a line editor (cursor keys, Home/End,
 * Ctrl-A/E/U/K/W, Backspace/Delete, history with Up/Down, Ctrl-L). Ctrl-C interrupts the foreground job,
 * Ctrl-D on an empty line is end of input.
 */
import type { Reader, Writer } from './pipe';
import type { Terminal } from './programs/sh';
import type { Shell } from './shell';

const ENC = (s: string) => Buffer.from(s, 'utf8');

export class PseudoTerminal implements Terminal {
  cols = 80;
  rows = 24;
  private line = '';
  private cursor = 0;
  private esc = '';
  private queue: Buffer[] = [];
  private eof = false;
  private closed = false;
  private waiter?: () => void;
  private editing?: { prompt: string; history: string[]; index: number; saved: string; resolve: (l: string | null) => void };
  private fg?: Shell;
  /** the terminal's output side (program stdout/stderr go through it) */
  readonly output: Writer;
  /** the terminal's input side as a program's stdin */
  readonly input: Reader;

  constructor(
    private readonly raw: Writer,
    private readonly onInterrupt: () => void = () => undefined,
  ) {
    this.output = { write: (b) => this.raw.write(Buffer.from(b.toString('utf8').replace(/\r?\n/g, '\r\n'))) };
    this.input = { read: () => this.read() };
  }

  setForeground(sh: Shell | undefined): void {
    this.fg = sh;
  }

  resize(cols: number, rows: number): void {
    this.cols = cols;
    this.rows = rows;
  }

  close(): void {
    this.closed = true;
    this.waiter?.();
    this.editing?.resolve(null);
    this.editing = undefined;
  }

  private async read(): Promise<Buffer | null> {
    for (;;) {
      if (this.queue.length) return this.queue.shift()!;
      if (this.eof || this.closed) {
        this.eof = false;
        return null;
      }
      await new Promise<void>((r) => (this.waiter = r));
      this.waiter = undefined;
    }
  }

  readLine(prompt: string, history: string[]): Promise<string | null> {
    if (this.closed) return Promise.resolve(null);
    this.line = '';
    this.cursor = 0;
    void this.raw.write(ENC(prompt));
    return new Promise((resolve) => {
      this.editing = { prompt, history, index: history.length, saved: '', resolve };
    });
  }

  private echo(s: string): void {
    void this.raw.write(ENC(s));
  }

  private redraw(): void {
    const back = this.line.length - this.cursor;
    this.echo(`\r${this.editing?.prompt ?? ''}${this.line}\x1b[K${back > 0 ? `\x1b[${back}D` : ''}`);
  }

  private insert(s: string): void {
    this.line = this.line.slice(0, this.cursor) + s + this.line.slice(this.cursor);
    this.cursor += s.length;
    if (this.cursor === this.line.length) this.echo(s);
    else this.redraw();
  }

  private submit(): void {
    this.echo('\r\n');
    const l = this.line;
    this.line = '';
    this.cursor = 0;
    if (this.editing) {
      const e = this.editing;
      this.editing = undefined;
      e.resolve(l);
    } else {
      this.queue.push(ENC(`${l}\n`));
      this.waiter?.();
    }
  }

  private history(delta: number): void {
    const e = this.editing;
    if (!e) return;
    const next = Math.min(e.history.length, Math.max(0, e.index + delta));
    if (next === e.index) return;
    if (e.index === e.history.length) e.saved = this.line;
    e.index = next;
    this.line = next === e.history.length ? e.saved : e.history[next];
    this.cursor = this.line.length;
    this.redraw();
  }

  private escape(seq: string): void {
    switch (seq) {
      case '[A':
        return this.history(-1);
      case '[B':
        return this.history(1);
      case '[C':
        if (this.cursor < this.line.length) {
          this.cursor++;
          this.echo('\x1b[C');
        }
        return;
      case '[D':
        if (this.cursor > 0) {
          this.cursor--;
          this.echo('\x1b[D');
        }
        return;
      case '[H':
      case '[1~':
      case 'OH':
        this.cursor = 0;
        return this.redraw();
      case '[F':
      case '[4~':
      case 'OF':
        this.cursor = this.line.length;
        return this.redraw();
      case '[3~':
        if (this.cursor < this.line.length) {
          this.line = this.line.slice(0, this.cursor) + this.line.slice(this.cursor + 1);
          this.redraw();
        }
    }
  }

  /** Keyboard input from the client. */
  feed(chunk: Buffer): void {
    for (const ch of chunk.toString('utf8')) {
      if (this.esc) {
        this.esc += ch;
        if (/^.(\[[0-9;]*[A-Za-z~]|O[A-Za-z])$/u.test(this.esc)) {
          this.escape(this.esc.slice(1));
          this.esc = '';
        } else if (this.esc.length > 8) this.esc = '';
        continue;
      }
      const code = ch.codePointAt(0)!;
      switch (code) {
        case 0x1b:
          this.esc = ch;
          break;
        case 0x0d:
        case 0x0a:
          this.submit();
          break;
        case 0x03:
          this.echo('^C\r\n');
          this.line = '';
          this.cursor = 0;
          if (this.editing) this.echo(this.editing.prompt);
          else this.queue = [];
          this.fg?.interrupt();
          this.onInterrupt();
          break;
        case 0x04:
          if (this.line === '') {
            if (this.editing) {
              const e = this.editing;
              this.editing = undefined;
              e.resolve(null);
            } else {
              this.eof = true;
              this.waiter?.();
            }
          } else if (!this.editing) this.submitPartial();
          break;
        case 0x7f:
        case 0x08:
          if (this.cursor > 0) {
            this.line = this.line.slice(0, this.cursor - 1) + this.line.slice(this.cursor);
            this.cursor--;
            if (this.cursor === this.line.length) this.echo('\b \b');
            else this.redraw();
          }
          break;
        case 0x01:
          this.cursor = 0;
          this.redraw();
          break;
        case 0x05:
          this.cursor = this.line.length;
          this.redraw();
          break;
        case 0x15:
          this.line = this.line.slice(this.cursor);
          this.cursor = 0;
          this.redraw();
          break;
        case 0x0b:
          this.line = this.line.slice(0, this.cursor);
          this.redraw();
          break;
        case 0x17: {
          const before = this.line.slice(0, this.cursor).replace(/\S+\s*$/, '');
          this.line = before + this.line.slice(this.cursor);
          this.cursor = before.length;
          this.redraw();
          break;
        }
        case 0x0c:
          this.echo('\x1b[H\x1b[2J');
          this.redraw();
          break;
        case 0x09:
          break;
        default:
          if (code >= 0x20) this.insert(ch);
      }
    }
  }

  /** Ctrl-D mid-line in cooked mode hands over what was typed without a newline. */
  private submitPartial(): void {
    this.queue.push(ENC(this.line));
    this.line = '';
    this.cursor = 0;
    this.waiter?.();
  }
}
