// A stand-in for the relay's exec stream, for tunnel tests without Docker: a pair of PassThroughs
// joined into one Duplex, as dockerode hands out a hijacked exec. What the test "relay" sends is
// wrapped in Docker's 8-byte stdout/stderr framing; what the host end writes (raw stdin) is decoded
// into frames as it arrives. A real unix-socket server stands in for the gateway.
import { createServer, type Server, type Socket } from "node:net";
import { Duplex, PassThrough } from "node:stream";
import {
  encodeFrame,
  type Frame,
  FrameDecoder,
  FrameType,
  type FrameTypeCode,
  RELAY_PROTOCOL,
} from "../../sandbox/gateway-tunnel/frames.ts";

/** Docker's attach framing: stream type (1 stdout, 2 stderr), three zero bytes, payload length u32 BE. */
export function dockerFrame(streamType: 1 | 2, payload: Buffer): Buffer {
  const header = Buffer.alloc(8);
  header.writeUInt8(streamType, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

export interface FakeRelay {
  /** Hand this to openGatewayTunnel. */
  stream: Duplex;
  /** Frames the host end wrote to the relay so far. */
  received: Frame[];
  sendRaw(bytes: Buffer): void;
  send(type: FrameTypeCode, connectionId: number, payload?: Buffer): void;
  sendReady(): void;
  sendStderr(text: string): void;
  /** The relay's output ends (it exited). */
  endOutput(): void;
  /** Resolves once a received frame matches. */
  waitFor(match: (frame: Frame) => boolean): Promise<Frame>;
}

export function fakeRelay(): FakeRelay {
  const fromRelay = new PassThrough();
  const toRelay = new PassThrough();
  const stream = Duplex.from({ readable: fromRelay, writable: toRelay });
  const decoder = new FrameDecoder(16 * 1024 * 1024);
  const received: Frame[] = [];
  const waiters: Array<{ match: (frame: Frame) => boolean; resolve: (frame: Frame) => void }> = [];
  toRelay.on("data", (chunk: Buffer) => {
    const { frames, error } = decoder.push(chunk);
    if (error !== undefined) throw new Error(`the host end wrote a malformed frame: ${error}`);
    for (const frame of frames) {
      received.push(frame);
      for (const waiter of waiters.filter((candidate) => candidate.match(frame))) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(frame);
      }
    }
  });
  const relay: FakeRelay = {
    stream,
    received,
    sendRaw: (bytes) => fromRelay.write(dockerFrame(1, bytes)),
    send: (type, connectionId, payload) => relay.sendRaw(encodeFrame(type, connectionId, payload)),
    sendReady: () => relay.send(FrameType.READY, 0, Buffer.from(RELAY_PROTOCOL)),
    sendStderr: (text) => fromRelay.write(dockerFrame(2, Buffer.from(text))),
    endOutput: () => fromRelay.end(),
    waitFor: (match) => {
      const seen = received.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve) => waiters.push({ match, resolve }));
    },
  };
  return relay;
}

/** A unix-socket server that tracks its open connections, so tests can check none is left. */
export interface FakeGateway {
  server: Server;
  path: string;
  sockets: Set<Socket>;
  /** Resolves when the server has no open connection. */
  drained(): Promise<void>;
  /** Resolves once the server has accepted this many connections in all. */
  connected(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function fakeGateway(path: string, onConnection: (socket: Socket) => void): Promise<FakeGateway> {
  const sockets = new Set<Socket>();
  const idleWaiters: Array<() => void> = [];
  const countWaiters: Array<{ count: number; resolve: () => void }> = [];
  let accepted = 0;
  const server = createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    accepted++;
    for (const waiter of countWaiters.filter((candidate) => candidate.count <= accepted)) {
      countWaiters.splice(countWaiters.indexOf(waiter), 1);
      waiter.resolve();
    }
    socket.on("error", () => {});
    socket.on("close", () => {
      sockets.delete(socket);
      if (sockets.size === 0) for (const resolve of idleWaiters.splice(0)) resolve();
    });
    onConnection(socket);
    // A half-open server keeps a socket whose client went away until it ends its own side too, and
    // "end" comes only once what was sent is read: so unless the test paused it, the socket is drained,
    // and a destroyed tunnel connection shows here as that end.
    socket.on("end", () => socket.end());
    if (socket.readableFlowing !== false) socket.resume();
  });
  await new Promise<void>((resolve) => server.listen(path, resolve));
  return {
    server,
    path,
    sockets,
    drained: () => (sockets.size === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve))),
    connected: (count) =>
      accepted >= count ? Promise.resolve() : new Promise((resolve) => countWaiters.push({ count, resolve })),
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
