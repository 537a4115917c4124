/**
 * Log follow resume (kubelet sinceTime is whole seconds, so a resumed stream repeats lines): shared by the
 * sandbox kubelet, the BFF log relay and the browser.
 *
 * De-duplication when a follow resumes (container restart, dropped connection): the new request asks for
 * sinceTime = the last timestamp seen, floored to the second, so the server repeats every line from that
 * second on. The cursor remembers the last key and how many lines carried it; on resume, lines older than
 * the key are dropped, and of the lines equal to it, as many as were already delivered.
 */
export class ResumeCursor {
  lastTs = '';
  private countAtLast = 0;
  private replaySkip = 0;
  private replayTs = '';

  /** Call before reading a resumed stream. */
  beginResume(): void {
    this.replayTs = this.lastTs;
    this.replaySkip = this.countAtLast;
  }

  /** true when the line is new and must be delivered; records it. Lines without a timestamp are always new. */
  accept(ts: string): boolean {
    if (!ts) return true;
    if (this.replayTs) {
      if (ts < this.replayTs) return false;
      if (ts === this.replayTs && this.replaySkip > 0) {
        this.replaySkip--;
        return false;
      }
      this.replayTs = '';
      this.replaySkip = 0;
    }
    if (ts === this.lastTs) this.countAtLast++;
    else if (ts > this.lastTs) {
      this.lastTs = ts;
      this.countAtLast = 1;
    }
    return true;
  }
}
