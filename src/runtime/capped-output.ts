/**
 * Collects a stream's bytes but keeps only the first `headBytes` and the last `tailBytes`, so a
 * command that prints gigabytes cannot exhaust our memory. What was dropped is noted in the text.
 */
export class CappedOutput {
  private readonly head: Buffer[] = [];
  private headSize = 0;
  private tail: Buffer[] = [];
  private tailSize = 0;
  private elided = 0;

  constructor(
    private readonly headBytes: number,
    private readonly tailBytes: number,
  ) {}

  get totalBytes(): number {
    return this.headSize + this.elided + this.tailSize;
  }

  get elidedBytes(): number {
    return this.elided;
  }

  push(chunk: Buffer): void {
    let rest = chunk;
    if (this.headSize < this.headBytes) {
      const take = Math.min(this.headBytes - this.headSize, rest.length);
      this.head.push(rest.subarray(0, take));
      this.headSize += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    // Copy: the tail outlives many chunks and must not pin the engine's large read buffers.
    this.tail.push(Buffer.from(rest));
    this.tailSize += rest.length;
    while (this.tailSize > this.tailBytes) {
      const first = this.tail[0]!;
      const excess = this.tailSize - this.tailBytes;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailSize -= first.length;
        this.elided += first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailSize -= excess;
        this.elided += excess;
      }
    }
  }

  text(): string {
    const head = Buffer.concat(this.head).toString('utf8');
    const tail = Buffer.concat(this.tail).toString('utf8');
    if (this.elided === 0) return head + tail;
    return `${head}\n[... ${this.elided} bytes elided ...]\n${tail}`;
  }
}
