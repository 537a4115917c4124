/** Incremental NDJSON parsing for streamed responses: chunks may end mid-line; blank lines are ignored. */
export class NdjsonSplitter {
  private buf = '';

  push(chunk: string): unknown[] {
    this.buf += chunk;
    const parts = this.buf.split('\n');
    this.buf = parts.pop() ?? '';
    return parts.filter((l) => l.trim()).map((l) => JSON.parse(l));
  }

  end(): unknown[] {
    const rest = this.buf.trim();
    this.buf = '';
    return rest ? [JSON.parse(rest)] : [];
  }
}
