// The gateway tunnel's wire format: `type u8 | connection id u32 BE | payload length u32 BE | payload`.
// The relay inside the container (sandbox/toolchain/gateway-relay.mjs, plain JavaScript: it keeps its
// own copy of this codec) and the host end speak it over one exec stream. What the container sends is
// hostile — an agent shares that container — so the decoder never throws: a malformed stream is an
// error value, and its memory is bounded by the payload cap.

export const FrameType = {
  /** relay → host, id 0, once its socket listens; the payload names the protocol version. */
  READY: 1,
  /** relay → host: a client connected to the relay's socket. */
  OPEN: 2,
  /** both ways: bytes of one connection. */
  DATA: 3,
  /** both ways: this side sends no more data on the connection (a half-close). */
  END: 4,
  /** both ways: abort the connection. */
  RESET: 5,
} as const;

export type FrameTypeCode = (typeof FrameType)[keyof typeof FrameType];

export const FRAME_HEADER_BYTES = 9;
/** The relay splits a connection's bytes into DATA frames of at most this many bytes; so does the host. */
export const MAX_DATA_CHUNK_BYTES = 64 * 1024;
/** Sent as READY's payload: a relay copied from an older checkout says so instead of misbehaving. */
export const RELAY_PROTOCOL = "dgm-gateway-relay/1";

const frameTypeNames = new Map<number, string>(Object.entries(FrameType).map(([name, code]) => [code, name]));

export function frameTypeName(type: number): string {
  return frameTypeNames.get(type) ?? `unknown type ${type}`;
}

export interface Frame {
  type: FrameTypeCode;
  connectionId: number;
  payload: Buffer;
}

export function encodeFrame(type: FrameTypeCode, connectionId: number, payload: Buffer = Buffer.alloc(0)): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + payload.length);
  frame.writeUInt8(type, 0);
  frame.writeUInt32BE(connectionId, 1);
  frame.writeUInt32BE(payload.length, 5);
  payload.copy(frame, FRAME_HEADER_BYTES);
  return frame;
}

/** DATA frames for a chunk of any size, each at most MAX_DATA_CHUNK_BYTES of payload. */
export function encodeData(connectionId: number, bytes: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += MAX_DATA_CHUNK_BYTES) {
    frames.push(encodeFrame(FrameType.DATA, connectionId, bytes.subarray(offset, offset + MAX_DATA_CHUNK_BYTES)));
  }
  return frames;
}

export interface DecodeResult {
  frames: Frame[];
  /** Set when the stream broke the format; the decoder refuses everything after it. */
  error?: string;
}

function isFrameType(type: number): type is FrameTypeCode {
  return frameTypeNames.has(type);
}

/**
 * Incremental decoder: feed it chunks split anywhere, get whole frames back. A payload is gathered
 * from slices until complete, so at most one payload (capped) plus one header is ever held.
 */
export class FrameDecoder {
  private readonly header = Buffer.alloc(FRAME_HEADER_BYTES);
  private headerFill = 0;
  private pending: { type: FrameTypeCode; connectionId: number; length: number } | undefined;
  private payloadParts: Buffer[] = [];
  private payloadFill = 0;
  private failure: string | undefined;

  constructor(private readonly maxPayloadBytes: number) {}

  push(chunk: Buffer): DecodeResult {
    const frames: Frame[] = [];
    if (this.failure !== undefined) return { frames, error: this.failure };
    let offset = 0;
    while (offset < chunk.length) {
      offset = this.pending === undefined ? this.readHeader(chunk, offset) : this.readPayload(chunk, offset, frames);
      if (this.failure !== undefined) return { frames, error: this.failure };
    }
    // A zero-length payload completes as soon as its header does.
    if (this.pending?.length === 0) this.completeFrame(frames);
    return { frames };
  }

  /** True when no frame is partly received (a stream that ends here ended cleanly). */
  get idle(): boolean {
    return this.headerFill === 0 && this.pending === undefined;
  }

  private readHeader(chunk: Buffer, offset: number): number {
    const take = Math.min(FRAME_HEADER_BYTES - this.headerFill, chunk.length - offset);
    chunk.copy(this.header, this.headerFill, offset, offset + take);
    this.headerFill += take;
    if (this.headerFill < FRAME_HEADER_BYTES) return offset + take;
    this.headerFill = 0;
    const type = this.header.readUInt8(0);
    const connectionId = this.header.readUInt32BE(1);
    const length = this.header.readUInt32BE(5);
    if (!isFrameType(type)) {
      this.failure = `unknown frame type ${type} (connection ${connectionId}, ${length} bytes)`;
    } else if (length > this.maxPayloadBytes) {
      this.failure = `${frameTypeName(type)} frame for connection ${connectionId} declares a payload of ${length} bytes, over the cap of ${this.maxPayloadBytes}`;
    } else {
      this.pending = { type, connectionId, length };
    }
    return offset + take;
  }

  private readPayload(chunk: Buffer, offset: number, frames: Frame[]): number {
    const pending = this.pending!;
    const take = Math.min(pending.length - this.payloadFill, chunk.length - offset);
    if (take > 0) {
      this.payloadParts.push(chunk.subarray(offset, offset + take));
      this.payloadFill += take;
    }
    if (this.payloadFill === pending.length) this.completeFrame(frames);
    return offset + take;
  }

  private completeFrame(frames: Frame[]): void {
    const pending = this.pending!;
    const payload = this.payloadParts.length === 1 ? this.payloadParts[0]! : Buffer.concat(this.payloadParts);
    frames.push({ type: pending.type, connectionId: pending.connectionId, payload });
    this.pending = undefined;
    this.payloadParts = [];
    this.payloadFill = 0;
  }
}
