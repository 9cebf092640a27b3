// Reading Docker's multiplexed exec streams without holding them in memory: a demultiplexer that
// hands out frames as they arrive, and a cap that keeps only the head and the tail of a stream.
import { Transform, type TransformCallback } from "node:stream";

const HEADER_BYTES = 8;
const STDERR = 2;

/**
 * Turns Docker's 8-byte-header framing (non-TTY attach) into the stdout bytes; stderr payloads go
 * to a callback. Payloads are sliced from incoming chunks, never concatenated.
 */
export class DockerDemux extends Transform {
  private header = Buffer.alloc(HEADER_BYTES);
  private headerFill = 0;
  private frameType = 0;
  private frameRemaining = 0;

  constructor(private readonly onStderr: (chunk: Buffer) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let offset = 0;
    while (offset < chunk.length) {
      if (this.frameRemaining === 0) {
        const take = Math.min(HEADER_BYTES - this.headerFill, chunk.length - offset);
        chunk.copy(this.header, this.headerFill, offset, offset + take);
        this.headerFill += take;
        offset += take;
        if (this.headerFill === HEADER_BYTES) {
          this.frameType = this.header.readUInt8(0);
          this.frameRemaining = this.header.readUInt32BE(4);
          this.headerFill = 0;
        }
        continue;
      }
      const take = Math.min(this.frameRemaining, chunk.length - offset);
      const payload = chunk.subarray(offset, offset + take);
      offset += take;
      this.frameRemaining -= take;
      if (this.frameType === STDERR) this.onStderr(payload);
      else this.push(payload);
    }
    done();
  }
}

/** Keeps the first and last maxBytes/2 of a stream and counts what fell out of the middle. */
export class HeadTailBuffer {
  private readonly headLimit: number;
  private readonly tailLimit: number;
  private readonly head: Buffer[] = [];
  private headBytes = 0;
  private tail: Buffer[] = [];
  private tailBytes = 0;
  droppedBytes = 0;

  constructor(maxBytes: number) {
    this.headLimit = Math.floor(maxBytes / 2);
    this.tailLimit = maxBytes - this.headLimit;
  }

  push(chunk: Buffer): void {
    let rest = chunk;
    if (this.headBytes < this.headLimit) {
      const take = Math.min(this.headLimit - this.headBytes, rest.length);
      this.head.push(Buffer.from(rest.subarray(0, take)));
      this.headBytes += take;
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    if (rest.length >= this.tailLimit) {
      this.droppedBytes += this.tailBytes + rest.length - this.tailLimit;
      this.tail = [Buffer.from(rest.subarray(rest.length - this.tailLimit))];
      this.tailBytes = this.tailLimit;
      return;
    }
    this.tail.push(Buffer.from(rest));
    this.tailBytes += rest.length;
    while (this.tailBytes > this.tailLimit) {
      const first = this.tail[0]!;
      const excess = this.tailBytes - this.tailLimit;
      if (first.length <= excess) {
        this.tail.shift();
        this.tailBytes -= first.length;
        this.droppedBytes += first.length;
      } else {
        this.tail[0] = first.subarray(excess);
        this.tailBytes -= excess;
        this.droppedBytes += excess;
      }
    }
  }

  /** Head, a marker naming the dropped byte count (if any), tail. */
  text(): string {
    const head = Buffer.concat(this.head).toString("utf8");
    const tail = Buffer.concat(this.tail).toString("utf8");
    if (this.droppedBytes === 0) return head + tail;
    return `${head}\n[… ${this.droppedBytes} bytes dropped by the output cap …]\n${tail}`;
  }
}
